import type { ModelFamily } from '../profile.js';
import { BEARER_ONLY, inFormats, OPENAI_CHAT_LIMITS_WHEN_TRANSLATED, profile } from '../wire-defaults.js';

/** GLM-5.3 and 5.3-flash always think and write at most 131,072 tokens. */
const GLM_5_3: ModelFamily = { match: /^glm-5\.3/ };
/** Z.AI's parameter page (max_tokens ranges, thinking types); current-models.md, xAI / Z.AI. */
const PARAMS_DOCS = 'https://docs.z.ai/guides/overview/concept-param';
const BOTH_FORMATS = ['messages', 'chat'] as const;
/**
 * The models a Responses client (Codex) reaches on Z.AI's own Responses API, beside its Anthropic
 * root (https://api.z.ai/api/v1/responses: endpoints.ts): the GLM-5 releases, whose offers list it.
 * @see ../shared/reference/current-models.md (Z.AI endpoints)
 */
const RESPONSES_MODELS: ModelFamily = { match: /^glm-5/ };

/**
 * Z.AI's Anthropic-compatible endpoint documents its key as ANTHROPIC_AUTH_TOKEN, i.e. a Bearer
 * token, rather than Anthropic's x-api-key. The Chat limits apply if a catalog routes Chat to it,
 * as do GLM-5.3's own limits (its Chat API, `/api/paas/v4`, takes the same `thinking` object).
 * @see https://docs.z.ai/scenario-example/develop-tools/claude
 */
export const zai = profile({
  name: 'zai',
  auth: BEARER_ONLY,
  serves: [{ format: 'responses', models: RESPONSES_MODELS }],
  rules: [
    ...inFormats(BOTH_FORMATS, (format) => ({
      // "This model always engages in thinking and cannot be disabled; please use low, high, or max"
      id: 'glm-5-3-thinking-always-on',
      kind: 'drop',
      format,
      models: GLM_5_3,
      when: [{ param: 'thinking.type', in: ['disabled'] }],
      params: ['thinking'],
      note: 'thinking disabled not sent: {model} always thinks (a lower effort thinks less)',
      see: PARAMS_DOCS,
    })),
    ...inFormats(BOTH_FORMATS, (format) => ({
      id: 'glm-5-3-max-tokens',
      kind: 'max-value',
      format,
      models: GLM_5_3,
      param: 'max_tokens',
      max: 131072,
      note: '{param} {value} sent as 131072: the most {model} writes',
      see: PARAMS_DOCS,
    })),
    {
      id: 'glm-5-3-efforts',
      kind: 'effort-range',
      format: 'chat',
      models: GLM_5_3,
      param: 'reasoning_effort',
      accepted: ['low', 'high', 'max'],
      note: '{param} {value} sent as {to}: {model} takes {accepted}',
      see: PARAMS_DOCS,
    },
    ...OPENAI_CHAT_LIMITS_WHEN_TRANSLATED,
  ],
});
