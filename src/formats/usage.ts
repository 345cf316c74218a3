export { type TokenUsage, ZERO_USAGE } from '../usage/tokens.js';

/** A non-negative integer count from untrusted JSON, else 0. */
export function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The one rule for usage a stream reports more than once: per field, the larger value wins, and
 * nested objects (`cache_creation`, `prompt_tokens_details`) are merged field by field the same
 * way. Providers report cumulative counts, so a count never goes down: a later zero or a missing
 * field is a provider not repeating it, never a correction. "Last value wins" let a `message_delta`
 * repeating `input_tokens: 0, cache_read_input_tokens: 0` erase the counts of `message_start`, so
 * the client was told 1,225 prompt tokens and ekai recorded 0 (issue 14). Non-numeric fields take
 * the later value. Each wire format's merger (`mergeMessagesUsage`, `mergeChatUsage`,
 * `mergeResponsesUsage`) is this rule; the stream tap (what is billed) and every translator (what
 * the client is told) use the same one, so the two cannot disagree.
 */
export function mergeLargerCounts(
  earlier: Record<string, unknown> | undefined,
  later: unknown,
): Record<string, unknown> | undefined {
  if (!isRecord(later)) return earlier;
  const merged: Record<string, unknown> = { ...earlier };
  for (const [key, value] of Object.entries(later)) {
    const before = merged[key];
    if (typeof value === 'number' || typeof before === 'number') {
      merged[key] = Math.max(finite(before), finite(value));
    } else if (isRecord(value)) {
      merged[key] = mergeLargerCounts(isRecord(before) ? before : undefined, value);
    } else if (value !== null && value !== undefined) {
      merged[key] = value;
    }
  }
  return merged;
}

/** A finite number (OpenRouter's `cost` is a fraction, so no rounding here), else 0. */
function finite(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
