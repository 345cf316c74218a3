import { describe, expect, it } from 'vitest';
import { finishReasonFromMessages } from '../../../src/formats/anthropic-messages/map-stop-reason.js';
import { finishReasonFromChat } from '../../../src/formats/openai-chat/map-finish-reason.js';
import { outcomeOf } from '../../../src/formats/openai-responses/map-status.js';

/**
 * How a translated response ends, by hand from TRANSLATION.md ("Responses and stop reasons") and the
 * Response object's `status` / `incomplete_details.reason` (max_output_tokens | content_filter):
 * https://platform.openai.com/docs/api-reference/responses/object
 */
const completed = { status: 'completed', incompleteDetails: null };
const truncated = { status: 'incomplete', incompleteDetails: { reason: 'max_output_tokens' } };
const filtered = { status: 'incomplete', incompleteDetails: { reason: 'content_filter' } };

describe('Responses status from a Messages stop_reason', () => {
  it.each([
    ['end_turn', completed],
    ['stop_sequence', completed],
    ['tool_use', completed],
    ['pause_turn', completed],
    [null, completed],
    ['some_future_reason', completed],
    ['max_tokens', truncated],
    ['model_context_window_exceeded', truncated],
    ['refusal', filtered],
  ])('%s', (stopReason, outcome) => {
    expect(outcomeOf(finishReasonFromMessages(stopReason))).toEqual(outcome);
  });
});

describe('Responses status from a Chat finish_reason', () => {
  it.each([
    ['stop', completed],
    ['tool_calls', completed],
    ['function_call', completed],
    [null, completed],
    ['length', truncated],
    ['content_filter', filtered],
  ])('%s', (finishReason, outcome) => {
    expect(outcomeOf(finishReasonFromChat(finishReason))).toEqual(outcome);
  });
});
