import { unixSeconds } from '../ids.js';
import { formatSse } from '../sse.js';
import { chatCompletionId } from './response-from-messages.js';
import type { ChatChunk, ChatFinishReason, ChatUsage } from './wire.js';

export type ChatDelta = NonNullable<ChatChunk['choices']>[number]['delta'];

export const CHAT_DONE = 'data: [DONE]\n\n';

/**
 * Writes the chunks of one translated Chat stream, shaped as OpenAI sends them: the same id,
 * `created` and model on every chunk, `logprobs: null`, and — when the client asked for the usage
 * chunk — `usage: null` on every chunk before it.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export class ChatChunkWriter {
  /** Replaced by one derived from the upstream message id once `message_start` arrives. */
  id = chatCompletionId(undefined);
  private readonly created = unixSeconds();

  constructor(
    private readonly model: string,
    private readonly includeUsage: boolean,
  ) {}

  delta(delta: ChatDelta, finishReason: ChatFinishReason | null = null): string {
    return this.write({
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(this.includeUsage && { usage: null }),
    });
  }

  usage(usage: ChatUsage): string {
    return this.write({ choices: [], usage });
  }

  private write(rest: Pick<ChatChunk, 'choices' | 'usage'>): string {
    const chunk: ChatChunk = {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.model,
      ...rest,
    };
    return formatSse(JSON.stringify(chunk));
  }
}
