import { bearer, type ProviderAdapter } from './adapter.js';

/**
 * Z.AI's Anthropic-compatible endpoint documents its key as ANTHROPIC_AUTH_TOKEN, i.e. a Bearer
 * token, rather than Anthropic's x-api-key.
 * @see https://docs.z.ai/scenario-example/develop-tools/claude
 */
export const zai: ProviderAdapter = { auth: (apiKey) => bearer(apiKey) };
