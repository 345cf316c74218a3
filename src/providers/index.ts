import { DEFAULT_ADAPTER, type ProviderAdapter } from './adapter.js';
import { anthropic } from './anthropic.js';
import { openai } from './openai.js';
import { openrouter } from './openrouter.js';
import { zai } from './zai.js';

export type { Endpoint, ProviderAdapter } from './adapter.js';
export { ENDPOINT_PATHS } from './adapter.js';

const ADAPTERS: Record<string, ProviderAdapter> = {
  openai,
  anthropic,
  // xAI speaks both dialects, each with its own convention.
  xai: DEFAULT_ADAPTER,
  openrouter,
  zai,
};

export function adapterFor(provider: string): ProviderAdapter {
  return ADAPTERS[provider] ?? DEFAULT_ADAPTER;
}
