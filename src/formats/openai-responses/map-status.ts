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
