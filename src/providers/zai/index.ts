import { BEARER_ONLY, OPENAI_CHAT_LIMITS_WHEN_TRANSLATED, profile } from '../wire-defaults.js';

/**
 * Z.AI's Anthropic-compatible endpoint documents its key as ANTHROPIC_AUTH_TOKEN, i.e. a Bearer
 * token, rather than Anthropic's x-api-key. The Chat limits apply if a catalog routes Chat to it.
 * @see https://docs.z.ai/scenario-example/develop-tools/claude
 */
export const zai = profile({
  name: 'zai',
  auth: BEARER_ONLY,
  rules: [...OPENAI_CHAT_LIMITS_WHEN_TRANSLATED],
});
