import { count, isRecord, mergeLargerCounts, type TokenUsage } from '../usage.js';
import type { MessagesUsage } from './wire.js';

/** Messages usage with every field a client reads, cache fields included (zero when unknown). */
// A type literal, not an interface, so that it is assignable to MessagesUsage's index signature.
export type MessagesUsageCounts = {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
};

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
 * The Messages stream's usage merger, used by the tap (what ekai records) and by both translators
 * from Messages (what the client is told). Usage comes in `message_start` (input and cache, output
 * ~1) and in `message_delta`, whose counts Anthropic documents as cumulative; some providers repeat
 * the input and cache fields there (a few as zeros), others send only `output_tokens`. A count never
 * goes down, so per field the larger value wins, nested `cache_creation.ephemeral_5m/1h_input_tokens`
 * too (`mergeLargerCounts`): a later zero or absent field never erases an earlier count.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export function mergeMessagesUsage(
  earlier: Partial<MessagesUsage> | undefined,
  later: unknown,
): Partial<MessagesUsage> | undefined {
  return mergeLargerCounts(earlier, later) as Partial<MessagesUsage> | undefined;
}

/**
 * TokenUsage → Messages `usage`: the same convention (`input_tokens` excludes cache reads and
 * writes), so the counts carry over; unknown usage is all zeros.
 * @see https://docs.anthropic.com/en/api/messages#response-usage
 */
export function messagesUsageOf(usage: TokenUsage | undefined): MessagesUsageCounts {
  return {
    input_tokens: usage?.inputTokens ?? 0,
    cache_creation_input_tokens: usage?.cacheWriteTokens ?? 0,
    cache_read_input_tokens: usage?.cacheReadTokens ?? 0,
    output_tokens: usage?.outputTokens ?? 0,
  };
}
