import { chatUsageToTokens } from '../openai-chat/usage.js';
import type { ChatUsage } from '../openai-chat/wire.js';
import { type MessagesUsageCounts, messagesUsageOf } from './usage.js';

/**
 * Chat `usage` → Messages `usage`, through TokenUsage. `prompt_tokens` includes cached tokens,
 * Messages `input_tokens` does not: input = prompt − cache read − cache write, cache read =
 * `cached_tokens` (DeepSeek: `prompt_cache_hit_tokens`), cache write = OpenRouter's
 * `cache_write_tokens`, else 0. The parts add up to prompt_tokens, so nothing is zeroed or counted
 * twice (bug 6).
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 * @see https://docs.anthropic.com/en/api/messages#response-usage
 */
export function messagesUsageFromChat(usage: ChatUsage | null | undefined): MessagesUsageCounts {
  return messagesUsageOf(chatUsageToTokens(usage));
}
