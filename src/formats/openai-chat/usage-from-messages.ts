import type { MessagesUsage } from '../anthropic-messages/wire.js';
import { count } from '../usage.js';
import type { ChatUsage } from './wire.js';

/**
 * Messages `usage` → Chat `usage`. Messages' `input_tokens` excludes cache reads and writes while
 * Chat's `prompt_tokens` includes every prompt token, so both cache counts are added back and the
 * reads are reported as `cached_tokens` (TRANSLATION.md, "Usage"): get this wrong and the bill is.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 */
export function chatUsageFromMessages(usage: Partial<MessagesUsage> | undefined): ChatUsage {
  const cacheRead = count(usage?.cache_read_input_tokens);
  const prompt = count(usage?.input_tokens) + count(usage?.cache_creation_input_tokens) + cacheRead;
  const completion = count(usage?.output_tokens);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cacheRead },
  };
}
