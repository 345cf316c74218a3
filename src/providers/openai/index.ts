import { EVERY_MODEL, type ModelFamily } from '../profile.js';
import { AUTH_BY_FORMAT, OPENAI_CHAT_LIMITS, profile } from '../wire-defaults.js';

/**
 * OpenAI's reasoning models (o-series, gpt-5 and later, codex-mini); the `-chat` snapshots are not
 * reasoning models.
 * @see https://platform.openai.com/docs/guides/reasoning
 */
const REASONING: ModelFamily = { match: /^(o\d|gpt-([5-9]|\d\d)|codex-)/, except: /chat/ };
const REASONING_DOCS = 'https://platform.openai.com/docs/guides/reasoning';

/** OpenAI: Bearer keys, Responses served natively, and what its reasoning models refuse on Chat. */
export const openai = profile({
  name: 'openai',
  auth: AUTH_BY_FORMAT,
  serves: [{ format: 'responses', models: EVERY_MODEL }],
  rules: [
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
    ...OPENAI_CHAT_LIMITS,
  ],
});
