import { isRecord } from '../usage.js';
import { isEnvelope, openEnvelope, sealEnvelope } from './envelope.js';

/**
 * Anthropic reasoning carried statelessly through a Responses client. Claude's thinking comes back
 * to Anthropic only with its signature (redacted thinking only as its opaque `data`), and Codex and
 * the openai SDK have one place for provider-made reasoning they echo back verbatim: a reasoning
 * item's `encrypted_content` (Codex always asks for it with `include: ["reasoning.encrypted_content"]`).
 * So each thinking block Claude answers with becomes one reasoning item whose `encrypted_content`
 * holds the block, tagged with the provider and model that made it; the next request restores the
 * block in its place (request-from-responses.ts), and thinking stays on through the agent loop.
 *
 * The content is bound to its origin: restored only for the same provider and model (the 5.5
 * models and Fable refuse thinking made by another model; no other vendor ever receives it), and
 * never sent to OpenAI, which could not decrypt it (strip-unpersisted-reasoning.ts). It is not
 * encrypted: the thinking is the summary shown beside it, and Anthropic checks the signature.
 * @see https://platform.openai.com/docs/guides/reasoning#encrypted-reasoning-items
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks
 */

/** One Messages reasoning block, as Anthropic wants it back. */
export type CarriedBlock =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string };

export interface CarriedReasoning {
  /** The provider that made the block (the gateway's provider name). */
  provider: string | undefined;
  /** The upstream model that made it. */
  model: string;
  block: CarriedBlock;
}

/** Marks ekai's envelopes among other providers' encrypted content (OpenAI's is Fernet, `gAAAAA…`). */
const PREFIX = 'ekai-messages-v1.';

export function encryptedContentOf(carried: CarriedReasoning): string {
  return sealEnvelope(PREFIX, { p: carried.provider ?? null, m: carried.model, b: carried.block });
}

/** Whether an `encrypted_content` is one of ekai's envelopes (well-formed or not). */
export function isCarriedReasoning(encrypted: unknown): boolean {
  return isEnvelope(PREFIX, encrypted);
}

/** The block an envelope carries, with its origin; undefined for anything else or a damaged envelope. */
export function carriedReasoningOf(encrypted: unknown): CarriedReasoning | undefined {
  const envelope = openEnvelope(PREFIX, encrypted);
  if (!isRecord(envelope) || typeof envelope.m !== 'string') return undefined;
  const block = blockOf(envelope.b);
  if (!block) return undefined;
  const provider = typeof envelope.p === 'string' ? envelope.p : undefined;
  return { provider, model: envelope.m, block };
}

function blockOf(value: unknown): CarriedBlock | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === 'thinking' && typeof value.thinking === 'string' && typeof value.signature === 'string')
    return { type: 'thinking', thinking: value.thinking, signature: value.signature };
  if (value.type === 'redacted_thinking' && typeof value.data === 'string')
    return { type: 'redacted_thinking', data: value.data };
  return undefined;
}
