import { isRecord } from '../usage.js';

/**
 * Reasoning items OpenAI cannot resolve: with `store: false` nothing is kept server-side, so an
 * item sent back without its `encrypted_content` is a 404 "Items are not persisted when `store` is
 * set to false" — and every later turn of the session fails the same way. ekai's own translated
 * answers make such items (`rs_…` with a summary only, from another provider's reasoning); a Codex
 * session that moves to an OpenAI model (a `/model` switch, a fallback) carries them. They are
 * dropped from the input; items with their encrypted content pass untouched. Returns the same
 * array when there is nothing to drop.
 * @see https://platform.openai.com/docs/guides/reasoning#keeping-reasoning-items-in-context
 */
export function withoutUnpersistedReasoning(body: Record<string, unknown>): {
  input: unknown;
  dropped: number;
} {
  const { input } = body;
  if (body.store !== false || !Array.isArray(input)) return { input, dropped: 0 };
  const kept = input.filter((item) => !isUnpersistedReasoning(item));
  return kept.length === input.length
    ? { input, dropped: 0 }
    : { input: kept, dropped: input.length - kept.length };
}

function isUnpersistedReasoning(item: unknown): boolean {
  return isRecord(item) && item.type === 'reasoning' && typeof item.encrypted_content !== 'string';
}
