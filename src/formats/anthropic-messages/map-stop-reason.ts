import type { FinishReason } from '../stream-parts.js';
import type { StopReason } from './wire.js';

/** Messages `stop_reason` → the neutral reason; anything else (pause_turn, newer values) is `other`. */
const NEUTRAL: Record<string, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool-calls',
  refusal: 'content-filter',
};

/** What a Messages `stop_reason` means; none (missing, null) is undefined. */
export function finishReasonFromMessages(stopReason: unknown): FinishReason | undefined {
  if (typeof stopReason !== 'string') return undefined;
  return Object.hasOwn(NEUTRAL, stopReason) ? (NEUTRAL[stopReason] as FinishReason) : 'other';
}

/**
 * The neutral reason → Messages `stop_reason` (TRANSLATION.md, "Responses and stop reasons"):
 * stop→end_turn, length→max_tokens, tool calls→tool_use, content filter→refusal, none→end_turn.
 * Some providers answer `stop` after calling tools; the client's tool loop reads `tool_use`, so
 * `calledTools` turns an end_turn into tool_use. A reason the table does not know (`other`) is
 * passed on as the provider gave it (`raw`): Anthropic's SDKs accept stop reasons they do not know
 * (new ones get added), and the raw value tells the client more than a guess would.
 * @see https://docs.anthropic.com/en/api/handling-stop-reasons
 */
export function stopReasonOf(
  reason: FinishReason | undefined,
  raw: string | undefined,
  calledTools: boolean,
): StopReason {
  switch (reason) {
    case 'length':
      return 'max_tokens';
    case 'tool-calls':
      return 'tool_use';
    case 'content-filter':
      return 'refusal';
    case 'other':
      return (raw ?? 'end_turn') as StopReason;
    default:
      return calledTools ? 'tool_use' : 'end_turn';
  }
}
