/**
 * Thinking signatures the fake can check, as Anthropic checks its own: a signature covers the
 * thinking text it came with and the model that wrote it, and on the models that bind thinking to
 * the conversation (current-models.md, Anthropic rule 7: Opus / Sonnet / Haiku 5.5, Fable 5.1 / 5.2,
 * Mythos) also the exact prefix it was written after (system, tools, earlier messages; cache
 * markers aside). So a gateway that alters the text, drops or reorders what came before, or replays
 * the block to another model is refused, as it would be by the real API.
 *
 * Only signatures the fake issued (they start with FAKE_SIGNATURE) are checked; tests that hand-write
 * a history with some other non-empty signature are not refused for it.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks
 */
import { createHash } from 'node:crypto';
import { isObject, type JsonObject } from './scenarios.js';

/** Looks like Anthropic's base64 signatures (`Eq…`), and tells the fake's apart. */
const FAKE_SIGNATURE = 'EqFake';

/** Models whose thinking is bound to the conversation (model and exact prefix). */
export const CLAUDE_BOUND_THINKING = /^claude-((opus|sonnet|haiku)-5-5|fable-5-[12]|mythos)/;

/** A block's text and model, and its prefix where the model binds one. */
interface Signed {
  model: string;
  text: string;
  prefix: string | undefined;
}

/** The signature of thinking `text` written by `model` answering `body` (whose messages all precede it). */
export function signThinking(model: string, text: string, body: JsonObject): string {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  return sign({ model, text, prefix: prefixOf(model, body, messages.length) });
}

/** Redacted thinking's `data`: signed the same way, over an empty text. */
export function redactedData(model: string, body: JsonObject): string {
  return signThinking(model, '', body);
}

/**
 * Why a history block the fake signed is refused, if it is: `block` sits in `body.messages[m]`.
 * Returns the real error text (current-models.json, Anthropic rule 7), or undefined.
 */
export function signatureProblem(block: JsonObject, body: JsonObject, m: number): string | undefined {
  const value = block.type === 'thinking' ? block.signature : block.data;
  if (typeof value !== 'string' || !value.startsWith(FAKE_SIGNATURE)) return undefined;
  const signed = read(value);
  const text = block.type === 'thinking' && typeof block.thinking === 'string' ? block.thinking : '';
  const model = typeof body.model === 'string' ? body.model : '';
  if (!signed || signed.text !== hash(text)) return 'Invalid `signature` in `thinking` block.';
  if (!CLAUDE_BOUND_THINKING.test(signed.model)) return undefined;
  if (signed.model !== model || signed.prefix !== prefixOf(model, body, m))
    return 'Invalid `signature` in `thinking` block. The block is bound to a different conversation. Remove the block, or set `thinking.block_binding.prefix_mismatch_behavior` to "drop_block"';
  return undefined;
}

function sign(signed: Signed): string {
  const payload = { m: signed.model, t: hash(signed.text), p: signed.prefix ?? null };
  return FAKE_SIGNATURE + Buffer.from(JSON.stringify(payload)).toString('base64');
}

function read(signature: string): Signed | undefined {
  try {
    const payload: unknown = JSON.parse(
      Buffer.from(signature.slice(FAKE_SIGNATURE.length), 'base64').toString(),
    );
    if (!isObject(payload) || typeof payload.m !== 'string' || typeof payload.t !== 'string')
      return undefined;
    return {
      model: payload.m,
      text: payload.t,
      prefix: typeof payload.p === 'string' ? payload.p : undefined,
    };
  } catch {
    return undefined;
  }
}

/** What a bound block's signature covers: system, tools and the messages before it, cache markers aside. */
function prefixOf(model: string, body: JsonObject, before: number): string | undefined {
  if (!CLAUDE_BOUND_THINKING.test(model)) return undefined;
  const messages = Array.isArray(body.messages) ? body.messages.slice(0, before) : [];
  return hash(JSON.stringify(withoutCacheMarkers({ system: body.system, tools: body.tools, messages })));
}

function withoutCacheMarkers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCacheMarkers);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'cache_control')
      .map(([key, inner]) => [key, withoutCacheMarkers(inner)]),
  );
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64').slice(0, 22);
}
