import { count, isRecord, mergeLargerCounts, type TokenUsage } from '../usage.js';
import type { ChatUsage } from './wire.js';

/**
 * Chat Completions `usage` → TokenUsage. `prompt_tokens` includes cached tokens, so the cache read
 * (and OpenRouter's cache write) is subtracted to get the uncached input (TRANSLATION.md, "Usage"). DeepSeek-style
 * `prompt_cache_hit_tokens` is read when `prompt_tokens_details` is absent.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 */
export function chatUsageToTokens(usage: unknown): TokenUsage | undefined {
  if (!isRecord(usage)) return undefined;
  const promptDetails = isRecord(usage.prompt_tokens_details) ? usage.prompt_tokens_details : {};
  const completionDetails = isRecord(usage.completion_tokens_details) ? usage.completion_tokens_details : {};
  const prompt = count(usage.prompt_tokens);
  const cacheRead = count(promptDetails.cached_tokens ?? usage.prompt_cache_hit_tokens);
  // OpenRouter reports cache writes (for Anthropic and Gemini models) inside prompt_tokens too.
  const cacheWrite = count(promptDetails.cache_write_tokens);
  const reasoning = completionDetails.reasoning_tokens;
  return {
    inputTokens: Math.max(0, prompt - cacheRead - cacheWrite),
    outputTokens: count(usage.completion_tokens),
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    cacheWrite1hTokens: 0,
    ...(typeof reasoning === 'number' && { reasoningTokens: count(reasoning) }),
  };
}

/**
 * The Chat stream's usage merger, used by the tap (what ekai records) and by both translators from
 * Chat (what the client is told). With `stream_options.include_usage` the usage comes once, in the
 * last chunk (`choices: []`); some providers put it on the finish chunk instead, and a few (vLLM's
 * continuous usage stats) on many chunks, each cumulative. If several chunks carry usage, the rule
 * is the Messages one: per field (nested `prompt_tokens_details` too) the larger value wins, so a
 * later chunk that omits `cached_tokens` or zeroes a count never erases it (`mergeLargerCounts`).
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-stream_options
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
export function mergeChatUsage(earlier: ChatUsage | undefined, later: unknown): ChatUsage | undefined {
  return mergeLargerCounts(earlier as Record<string, unknown> | undefined, later) as ChatUsage | undefined;
}

/**
 * TokenUsage → Chat `usage`. Chat's `prompt_tokens` includes every prompt token, so both cache
 * counts are added back and the reads are reported as `cached_tokens` (TRANSLATION.md, "Usage"):
 * get this wrong and the bill is. Unknown usage is all zeros.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 */
export function chatUsageOf(usage: TokenUsage | undefined): ChatUsage {
  const cacheRead = usage?.cacheReadTokens ?? 0;
  const prompt = (usage?.inputTokens ?? 0) + (usage?.cacheWriteTokens ?? 0) + cacheRead;
  const completion = usage?.outputTokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cacheRead },
  };
}
