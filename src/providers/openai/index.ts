import { EVERY_MODEL, type ModelFamily } from '../profile.js';
import { AUTH_BY_FORMAT, OPENAI_CHAT_LIMITS, OPENAI_RESPONSES_LIMITS, profile } from '../wire-defaults.js';
import { OPENAI_CURRENT_MODELS } from './current-models.js';

/**
 * OpenAI's reasoning models (o-series, gpt-5 and later, codex-mini); the `-chat` snapshots are not
 * reasoning models.
 * @see https://platform.openai.com/docs/guides/reasoning
 */
const REASONING: ModelFamily = { match: /^(o\d|gpt-([5-9]|\d\d)|codex-)/, except: /chat/ };
const REASONING_DOCS = 'https://platform.openai.com/docs/guides/reasoning';

/**
 * OpenAI: Bearer keys, Responses served natively, and what its reasoning models refuse on Chat and
 * Responses. Only reasoning models are sent an effort (`reasoning_effort` refuses the others).
 */
export const openai = profile({
  name: 'openai',
  auth: AUTH_BY_FORMAT,
  serves: [{ format: 'responses', models: EVERY_MODEL }],
  rules: [
    {
      id: 'reasoning-effort-style',
      kind: 'thinking-style',
      format: 'chat',
      models: REASONING,
      style: 'reasoning-effort',
      note: '',
      see: 'https://platform.openai.com/docs/api-reference/chat/create#chat-create-reasoning_effort',
    },
    {
      id: 'reasoning-effort-style',
      kind: 'thinking-style',
      format: 'responses',
      models: REASONING,
      style: 'reasoning',
      note: '',
      see: 'https://platform.openai.com/docs/api-reference/responses/create#responses-create-reasoning',
    },
    ...OPENAI_CURRENT_MODELS,
    {
      id: 'reasoning-max-completion-tokens',
      kind: 'rename',
      format: 'chat',
      models: REASONING,
      from: 'max_tokens',
      to: 'max_completion_tokens',
      note: '{param} sent as max_completion_tokens: reasoning models take only that',
      see: REASONING_DOCS,
    },
    {
      id: 'reasoning-default-sampling',
      kind: 'drop',
      format: 'chat',
      models: REASONING,
      params: ['temperature', 'top_p'],
      default: 1,
      note: '{param} not sent: reasoning models take only the default',
      see: REASONING_DOCS,
    },
    {
      id: 'reasoning-no-stop',
      kind: 'drop',
      format: 'chat',
      models: REASONING,
      params: ['stop'],
      note: '{param} not sent: reasoning models do not take `stop`',
      see: REASONING_DOCS,
    },
    {
      id: 'reasoning-no-logprobs',
      kind: 'drop',
      format: 'chat',
      models: REASONING,
      params: ['logprobs', 'top_logprobs'],
      default: false,
      note: '{param} not sent: reasoning models do not return log probabilities',
      see: REASONING_DOCS,
    },
    {
      // GPT-6.2 refuses them (a live probe, current-models.md); the fake refuses them on every reasoning model.
      id: 'reasoning-no-penalties',
      kind: 'drop',
      format: 'chat',
      models: REASONING,
      params: ['presence_penalty', 'frequency_penalty'],
      default: 0,
      note: '{param} not sent: reasoning models take no penalties',
      see: 'https://dev.to/routerbase_com/4-request-validation-gotchas-when-migrating-openai-clients-to-gpt-62-reasoning-models-1aoc',
    },
    {
      // "temperature / top_p / logprobs / top_logprobs must be omitted whenever effort is not none".
      id: 'responses-reasoning-default-sampling',
      kind: 'drop',
      format: 'responses',
      models: REASONING,
      params: ['temperature', 'top_p'],
      default: 1,
      note: '{param} not sent: reasoning models take only the default',
      see: 'https://developers.openai.com/api/docs/guides/deployment-checklist',
    },
    {
      id: 'responses-reasoning-no-top-logprobs',
      kind: 'drop',
      format: 'responses',
      models: REASONING,
      params: ['top_logprobs'],
      note: '{param} not sent: reasoning models do not return log probabilities',
      see: 'https://developers.openai.com/api/docs/guides/deployment-checklist',
    },
    ...OPENAI_CHAT_LIMITS,
    ...OPENAI_RESPONSES_LIMITS,
  ],
});
