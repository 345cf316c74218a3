import type { StopReason } from '../anthropic-messages/wire.js';
import type { ChatFinishReason } from './wire.js';

/**
 * Messages `stop_reason` → Chat `finish_reason` (TRANSLATION.md, "Responses and stop reasons").
 * Chat has no field for a provider's own reason, so a value this table does not know becomes
 * `stop`, the reason a client treats as "the answer is complete".
 * @see https://docs.anthropic.com/en/api/handling-stop-reasons
 */
export function chatFinishReasonFromMessages(
  stopReason: StopReason | string | null | undefined,
): ChatFinishReason {
  switch (stopReason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      // end_turn, stop_sequence, pause_turn, a missing reason and any newer value.
      return 'stop';
  }
}
