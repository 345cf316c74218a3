import { count, isRecord, type TokenUsage } from '../usage.js';

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
