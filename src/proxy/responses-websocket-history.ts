/**
 * One WebSocket's conversation, kept in memory for the socket's life: for each recent response, the
 * whole item list it stands for (its request's input, history included, then its output items).
 *
 * Why: on a socket, Codex (like any client of OpenAI's WebSocket mode) sends each later turn as only
 * the new items plus `previous_response_id`. OpenAI keeps the previous response in the connection's
 * memory; ekai's upstreams are HTTP and stateless (Codex sends `store: false`, and a translated
 * provider has no such thing as a response id), so ekai puts the history back itself.
 * @see https://developers.openai.com/api/docs/guides/websocket-mode
 */
export class SocketConversation {
  /** Response id → the items it stands for; insertion order is age (a Map keeps it). */
  private readonly responses = new Map<string, readonly unknown[]>();

  /**
   * @param keep How many responses are remembered: a client continues from a recent one (Codex from
   *   the last), so older ones are forgotten first. The arrays share their item objects, so memory
   *   grows with the conversation's items and `keep` lists of references, not `keep` copies.
   */
  constructor(private readonly keep = 16) {}

  /**
   * The whole input of a request that continues `previousId` with `input` (its new items), or
   * undefined when this socket does not know that response (the provider may: see the caller).
   */
  expand(previousId: string, input: unknown): unknown[] | undefined {
    const before = this.responses.get(previousId);
    if (before === undefined) return undefined;
    return [...before, ...asItems(input)];
  }

  /** Remember a finished response: the input it was asked with (whole) and the items it answered. */
  remember(responseId: string, input: unknown, output: readonly unknown[]): void {
    this.responses.delete(responseId);
    this.responses.set(responseId, [...asItems(input), ...output]);
    while (this.responses.size > this.keep) {
      const oldest = this.responses.keys().next().value as string;
      this.responses.delete(oldest);
    }
  }

  get size(): number {
    return this.responses.size;
  }
}

/**
 * `input` as a list of items: a string is a user message (as the Responses API reads it).
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 */
export function asItems(input: unknown): unknown[] {
  if (typeof input === 'string') return [{ type: 'message', role: 'user', content: input }];
  return Array.isArray(input) ? input : [];
}
