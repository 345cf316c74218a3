import type { StopReason } from './wire.js';

/**
 * Chat `finish_reason` → Messages `stop_reason` (TRANSLATION.md, "Responses and stop reasons"):
 * stop→end_turn, length→max_tokens, tool_calls/function_call→tool_use, content_filter→refusal,
 * missing→end_turn. Some providers answer `stop` after calling tools; the client's tool loop reads
 * `tool_use`, so `calledTools` turns an end_turn into tool_use. A value this table does not know is
 * passed on unchanged: Anthropic's SDKs accept stop reasons they do not know (new ones get added),
 * and the raw value tells the client more than a guess would.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 * @see https://docs.anthropic.com/en/api/handling-stop-reasons
 */
export function mapStopReason(finishReason: unknown, calledTools = false): StopReason {
  switch (finishReason) {
    case 'stop':
    case null:
    case undefined:
    case '':
      return calledTools ? 'tool_use' : 'end_turn';
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return typeof finishReason === 'string' ? (finishReason as StopReason) : 'end_turn';
  }
}
