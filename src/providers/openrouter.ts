import { bearer, type ProviderAdapter } from './adapter.js';

/**
 * OpenRouter ranks apps by these optional attribution headers; they identify the gateway, never the user.
 * @see https://openrouter.ai/docs/api-reference/overview#headers
 */
export const openrouter: ProviderAdapter = {
  auth: (apiKey) => bearer(apiKey),
  extraHeaders: { 'http-referer': 'https://github.com/ekailabs/ekai-gateway', 'x-title': 'ekai' },
};
