import { AUTH_BY_FORMAT, OPENAI_CHAT_LIMITS_WHEN_TRANSLATED, profile } from '../wire-defaults.js';

/**
 * Providers only a user catalog knows: the key where each format's own API reads it, and OpenAI's
 * Chat limits on Chat (what OpenAI-compatible APIs copy).
 */
export const defaultProfile = profile({
  name: 'default',
  auth: AUTH_BY_FORMAT,
  rules: [...OPENAI_CHAT_LIMITS_WHEN_TRANSLATED],
});
