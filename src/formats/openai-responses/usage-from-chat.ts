import { chatUsageToTokens } from '../openai-chat/usage.js';
import type { ChatUsage } from '../openai-chat/wire.js';
import { responsesUsageOf } from './usage.js';
import type { ResponsesUsage } from './wire.js';

/**
 * Chat `usage` → Responses `usage`. Both follow OpenAI's convention (the cached tokens are part of
 * the input), so the counts carry over; DeepSeek's `prompt_cache_hit_tokens` stands in for
 * `cached_tokens`. Missing usage is all zeros.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage
 */
export function responsesUsageFromChat(usage: ChatUsage | null | undefined): ResponsesUsage {
  return responsesUsageOf(chatUsageToTokens(usage));
}
