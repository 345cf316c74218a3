import { messagesUsageToTokens } from '../anthropic-messages/usage.js';
import type { MessagesUsage } from '../anthropic-messages/wire.js';
import { chatUsageOf } from './usage.js';
import type { ChatUsage } from './wire.js';

/**
 * Messages `usage` → Chat `usage`, through TokenUsage: both cache counts are added back into
 * `prompt_tokens` and the reads reported as `cached_tokens` (TRANSLATION.md, "Usage").
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 */
export function chatUsageFromMessages(usage: Partial<MessagesUsage> | undefined): ChatUsage {
  return chatUsageOf(messagesUsageToTokens(usage));
}
