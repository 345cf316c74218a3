import { count, isRecord, mergeLargerCounts, type TokenUsage } from '../usage.js';
import type { MessagesUsage } from './wire.js';

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
