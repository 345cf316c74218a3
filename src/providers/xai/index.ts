import { AUTH_BY_FORMAT, OPENAI_CHAT_LIMITS_WHEN_TRANSLATED, profile } from '../wire-defaults.js';

/**
 * xAI speaks both formats, each with its own API's convention: Bearer on Chat, `x-api-key` on
 * Messages (what the Anthropic SDK sends).
 */
export const xai = profile({
  name: 'xai',
  auth: AUTH_BY_FORMAT,
  rules: [...OPENAI_CHAT_LIMITS_WHEN_TRANSLATED],
});
