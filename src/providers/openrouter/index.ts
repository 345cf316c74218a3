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

/** OpenRouter: Bearer keys, attribution headers, and the Chat limits its OpenAI models enforce. */
export const openrouter = profile({
  name: 'openrouter',
  auth: BEARER_ONLY,
  headers: wireHeadersWith(ATTRIBUTION),
  rules: [...OPENAI_CHAT_LIMITS_WHEN_TRANSLATED],
});
