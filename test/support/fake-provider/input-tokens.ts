/**
 * OpenAI's `POST /v1/responses/input_tokens`: counts a Responses request without running it.
 * It reads the fields of `responses.create` that shape what the model receives and answers
 * `{"object": "response.input_tokens", "input_tokens": N}`
 * (https://platform.openai.com/docs/api-reference/responses/input-tokens,
 * https://developers.openai.com/api/docs/guides/token-counting; the SDK's InputTokenCountParams
 * lists the fields). N is the fake's own estimate for a Responses body (`estimateInputTokens`),
 * so the count equals the `input_tokens` the same body would be billed on `/v1/responses`.
 */
import { clientError, type ErrorReply } from './errors.js';
import { responsesInputViolation } from './responses-input.js';
import { estimateInputTokens, isObject, type JsonObject } from './scenarios.js';

/** InputTokenCountParams (openai-node, resources/responses/input-tokens.ts). */
const COUNTED_FIELDS = new Set([
  'conversation',
  'input',
  'instructions',
  'model',
  'parallel_tool_calls',
  'personality',
  'previous_response_id',
  'reasoning',
  'text',
  'tool_choice',
  'tools',
  'truncation',
]);

/**
 * The 400 OpenAI gives a body the route cannot take: a field it does not read (a generation-only
 * one such as `max_output_tokens` or `stream`), in OpenAI's words ("Unknown parameter: 'x'.",
 * code `unknown_parameter`: https://github.com/1jehuang/jcode/issues/1028), or a malformed input
 * (the same checks as `/v1/responses`: responses-input.ts).
 */
export function inputTokensRefusal(body: unknown): ErrorReply | null {
  if (!isObject(body)) return clientError('openai', 400, 'The request body must be a JSON object.');
  const unknown = Object.keys(body).find((field) => !COUNTED_FIELDS.has(field));
  if (unknown !== undefined)
    return clientError('openai', 400, `Unknown parameter: '${unknown}'.`, {
      param: unknown,
      code: 'unknown_parameter',
    });
  const violation = responsesInputViolation(body);
  if (!violation) return null;
  const { status, message, param, code } = violation;
  return clientError('openai', status, message, { param, code });
}

export function inputTokensBody(body: JsonObject): JsonObject {
  return { object: 'response.input_tokens', input_tokens: estimateInputTokens('responses', body) };
}
