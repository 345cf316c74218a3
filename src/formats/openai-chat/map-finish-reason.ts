import type { FinishReason } from '../stream-parts.js';
import type { ChatFinishReason } from './wire.js';

/** Chat `finish_reason` → the neutral reason; a value this table does not know is `other`. */
const NEUTRAL: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  content_filter: 'content-filter',
};

/** What a Chat `finish_reason` means; none (missing, null, empty) is undefined. */
export function finishReasonFromChat(finishReason: unknown): FinishReason | undefined {
  if (typeof finishReason !== 'string' || finishReason === '') return undefined;
  return Object.hasOwn(NEUTRAL, finishReason) ? (NEUTRAL[finishReason] as FinishReason) : 'other';
}

/**
 * The neutral reason → Chat `finish_reason` (TRANSLATION.md, "Responses and stop reasons"). Chat
 * has no field for a provider's own reason, so `other` (Anthropic's pause_turn, newer values) and a
 * missing reason become `stop`, the reason a client treats as "the answer is complete".
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 */
export function chatFinishReason(reason: FinishReason | undefined): ChatFinishReason {
  switch (reason) {
    case 'length':
      return 'length';
    case 'tool-calls':
      return 'tool_calls';
    case 'content-filter':
      return 'content_filter';
    default:
      return 'stop';
  }
}
