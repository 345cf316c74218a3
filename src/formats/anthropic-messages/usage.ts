import { count, isRecord, type TokenUsage } from '../usage.js';

/**
 * Messages `usage` → TokenUsage. `input_tokens` already excludes cache reads and writes; the
 * 1-hour share of cache writes is in `cache_creation.ephemeral_1h_input_tokens`.
 * @see https://docs.anthropic.com/en/api/messages#response-usage
 */
export function messagesUsageToTokens(usage: unknown): TokenUsage | undefined {
  if (!isRecord(usage)) return undefined;
  const creation = isRecord(usage.cache_creation) ? usage.cache_creation : {};
  const cacheWrite = count(usage.cache_creation_input_tokens);
  return {
    inputTokens: count(usage.input_tokens),
    outputTokens: count(usage.output_tokens),
    cacheReadTokens: count(usage.cache_read_input_tokens),
    cacheWriteTokens: cacheWrite,
    cacheWrite1hTokens: Math.min(cacheWrite, count(creation.ephemeral_1h_input_tokens)),
  };
}

/**
 * Streams report usage twice: `message_start` (input and cache, output ~1) and `message_delta`
 * (cumulative; some providers repeat input fields there, others send only output_tokens). Fields
 * present in the later report win; absent ones keep the earlier value.
 */
export function mergeMessagesUsage(
  earlier: Record<string, unknown> | undefined,
  later: unknown,
): Record<string, unknown> | undefined {
  if (!isRecord(later)) return earlier;
  const merged: Record<string, unknown> = { ...earlier };
  for (const [key, value] of Object.entries(later))
    if (value !== null && value !== undefined) merged[key] = value;
  return merged;
}
