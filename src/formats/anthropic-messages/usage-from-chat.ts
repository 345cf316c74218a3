import type { ChatUsage } from '../openai-chat/wire.js';
import { count } from '../usage.js';

/** Messages usage with every field a client reads, cache fields included (zero when unknown). */
// A type literal, not an interface, so that it is assignable to MessagesUsage's index signature.
export type MessagesUsageCounts = {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
};

/**
 * Chat `usage` → Messages `usage`. `prompt_tokens` includes cached tokens, Messages `input_tokens`
 * does not: input = prompt − cache read − cache write, cache read = `cached_tokens` (DeepSeek:
 * `prompt_cache_hit_tokens`), cache write = OpenRouter's `cache_write_tokens`, else 0. The parts add
 * up to prompt_tokens, so nothing is zeroed or counted twice (bug 6).
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 * @see https://docs.anthropic.com/en/api/messages#response-usage
 */
export function messagesUsageFromChat(usage: ChatUsage | null | undefined): MessagesUsageCounts {
  const details = usage?.prompt_tokens_details;
  const cacheRead = count(details?.cached_tokens ?? usage?.prompt_cache_hit_tokens);
  const cacheWrite = count(details?.cache_write_tokens);
  return {
    input_tokens: Math.max(0, count(usage?.prompt_tokens) - cacheRead - cacheWrite),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    output_tokens: count(usage?.completion_tokens),
  };
}
