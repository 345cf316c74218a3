import type { FinishReason } from '../stream-parts.js';
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
 * How a response ended, from the neutral finish reason: a truncated answer (`length`) or a filtered
 * one (`content-filter`) leaves the response `incomplete` (with `incomplete_details.reason`
 * `max_output_tokens` / `content_filter`); every other reason, a missing one included, completes it
 * (tool calls are output items, not a status). See TRANSLATION.md, "Responses and stop reasons".
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-incomplete_details
 */
export function outcomeOf(reason: FinishReason | undefined): ResponseOutcome {
  if (reason === 'length') return TRUNCATED;
  if (reason === 'content-filter') return FILTERED;
  return COMPLETED;
}

/** `incomplete_details.reason` → the neutral reason; a reason this table does not know is `other`. */
const NEUTRAL_OF_INCOMPLETE: Record<string, FinishReason> = {
  max_output_tokens: 'length',
  content_filter: 'content-filter',
};

/** A Responses upstream's finish: the neutral reason and the raw value writers may pass on. */
export interface ResponsesFinish {
  reason: FinishReason;
  raw: string;
}

/**
 * How an upstream response ended, in neutral words (the inverse of `outcomeOf`). A completed
 * response has no stop reason of its own: tool calls are output items, so one that made function
 * calls finished with `tool-calls` (Chat's `tool_calls`, Messages' `tool_use`: what the clients'
 * tool loops read), any other with `stop`. An incomplete one says why in `incomplete_details.reason`.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-incomplete_details
 */
export function finishFromResponses(
  status: 'completed' | 'incomplete',
  incompleteDetails: unknown,
  calledTools: boolean,
): ResponsesFinish {
  if (status === 'completed') return { reason: calledTools ? 'tool-calls' : 'stop', raw: status };
  const reason = (incompleteDetails as { reason?: unknown } | null | undefined)?.reason;
  if (typeof reason !== 'string') return { reason: 'other', raw: status };
  const neutral = Object.hasOwn(NEUTRAL_OF_INCOMPLETE, reason) ? NEUTRAL_OF_INCOMPLETE[reason] : 'other';
  return { reason: neutral as FinishReason, raw: reason };
}
