import { EVERY_MODEL, type RequestRule } from '../profile.js';
import {
  BEARER_ONLY,
  OPENAI_CHAT_LIMITS_WHEN_TRANSLATED,
  profile,
  wireHeadersWith,
} from '../wire-defaults.js';

/**
 * OpenRouter ranks apps by these optional attribution headers; they identify the gateway, never the user.
 * @see https://openrouter.ai/docs/api-reference/overview#headers
 */
const ATTRIBUTION = { 'http-referer': 'https://github.com/ekailabs/ekai-gateway', 'x-title': 'ekai' };
const REASONING_DOCS = 'https://openrouter.ai/docs/use-cases/reasoning-tokens';
/** "This API is stateless - each request is independent and no conversation state is persisted." */
const RESPONSES_DOCS = 'https://openrouter.ai/docs/api/reference/responses/overview';

/**
 * OpenRouter's Responses API (beta) keeps nothing: it takes `store` only as `false` ("Invalid input:
 * expected false", https://github.com/BerriAI/litellm/issues/30851) and cannot continue a stored
 * response (https://github.com/mozilla-ai/any-llm/pull/1266).
 */
const STATELESS_RESPONSES: RequestRule[] = [
  {
    id: 'responses-store-false-only',
    kind: 'drop',
    format: 'responses',
    models: EVERY_MODEL,
    // `store: false` (what Codex sends) passes untouched, so its bytes can still be spliced.
    when: [{ param: 'store', notIn: [false] }],
    params: ['store'],
    note: '{param} not sent: OpenRouter keeps no responses (its Responses API is stateless)',
    see: RESPONSES_DOCS,
  },
  {
    id: 'responses-no-previous-response',
    kind: 'refuse',
    format: 'responses',
    models: EVERY_MODEL,
    when: [{ param: 'previous_response_id', notIn: [undefined, null] }],
    param: 'previous_response_id',
    note: 'OpenRouter keeps no responses to continue: send the whole conversation in `input` instead of previous_response_id',
    see: RESPONSES_DOCS,
  },
];

/**
 * OpenRouter: Bearer keys, attribution headers, and the Chat limits its OpenAI models enforce.
 * Effort goes in its own `reasoning` object, which it maps onto each model's form (and ignores for
 * models that do not reason); it takes every effort, `none` to `max` (its SDK's ReasoningEffort).
 */
export const openrouter = profile({
  name: 'openrouter',
  auth: BEARER_ONLY,
  headers: wireHeadersWith(ATTRIBUTION),
  // Its Responses API fronts every model it lists, as a drop-in for OpenAI's.
  serves: [{ format: 'responses', models: EVERY_MODEL }],
  rules: [
    {
      id: 'reasoning-object-style',
      kind: 'thinking-style',
      format: 'chat',
      models: EVERY_MODEL,
      style: 'reasoning-object',
      note: '',
      see: REASONING_DOCS,
    },
    ...STATELESS_RESPONSES,
    ...OPENAI_CHAT_LIMITS_WHEN_TRANSLATED,
  ],
});
