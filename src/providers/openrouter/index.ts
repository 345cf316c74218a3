import { EVERY_MODEL } from '../profile.js';
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

/**
 * OpenRouter: Bearer keys, attribution headers, and the Chat limits its OpenAI models enforce.
 * Effort goes in its own `reasoning` object, which it maps onto each model's form (and ignores for
 * models that do not reason); it takes every effort, `none` to `max` (its SDK's ReasoningEffort).
 */
export const openrouter = profile({
  name: 'openrouter',
  auth: BEARER_ONLY,
  headers: wireHeadersWith(ATTRIBUTION),
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
    ...OPENAI_CHAT_LIMITS_WHEN_TRANSLATED,
  ],
});
