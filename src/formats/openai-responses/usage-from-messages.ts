import { messagesUsageToTokens } from '../anthropic-messages/usage.js';
import type { MessagesUsage } from '../anthropic-messages/wire.js';
import { responsesUsageOf } from './usage.js';
import type { ResponsesUsage } from './wire.js';

/**
 * Messages `usage` → Responses `usage`. Messages' `input_tokens` excludes cache reads and writes,
 * Responses' includes them: input = input + cache write + cache read, cached = cache read
 * (TRANSLATION.md, "Usage"). Anthropic does not count thinking tokens apart, so reasoning is 0.
 */
export function responsesUsageFromMessages(usage: Partial<MessagesUsage> | null | undefined): ResponsesUsage {
  return responsesUsageOf(messagesUsageToTokens(usage));
}
