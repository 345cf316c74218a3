import type { ResponsesResponse } from './wire.js';

/** How a response ended: `incomplete` carries the reason OpenAI would give. */
export interface ResponseOutcome {
  status: 'completed' | 'incomplete';
  incompleteDetails: ResponsesResponse['incomplete_details'];
}

const COMPLETED: ResponseOutcome = { status: 'completed', incompleteDetails: null };
const TRUNCATED: ResponseOutcome = {
  status: 'incomplete',
  incompleteDetails: { reason: 'max_output_tokens' },
};
const FILTERED: ResponseOutcome = { status: 'incomplete', incompleteDetails: { reason: 'content_filter' } };

/**
 * Chat `finish_reason` → Responses status: `length` and `content_filter` leave the response
 * `incomplete` (with `incomplete_details.reason` `max_output_tokens` / `content_filter`); every
 * other reason, a missing one included, completes it (tool calls are output items, not a status).
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-incomplete_details
 */
export function outcomeFromChat(finishReason: unknown): ResponseOutcome {
  if (finishReason === 'length') return TRUNCATED;
  if (finishReason === 'content_filter') return FILTERED;
  return COMPLETED;
}

/**
 * Messages `stop_reason` → Responses status (TRANSLATION.md, "Responses and stop reasons"):
 * max_tokens and model_context_window_exceeded → incomplete (max_output_tokens), refusal →
 * incomplete (content_filter); end_turn, stop_sequence, tool_use, pause_turn, a missing or newer
 * reason → completed.
 * @see https://docs.anthropic.com/en/api/handling-stop-reasons
 */
export function outcomeFromMessages(stopReason: unknown): ResponseOutcome {
  if (stopReason === 'max_tokens' || stopReason === 'model_context_window_exceeded') return TRUNCATED;
  if (stopReason === 'refusal') return FILTERED;
  return COMPLETED;
}
