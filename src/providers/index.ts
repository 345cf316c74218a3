import { anthropic } from './anthropic/index.js';
import { defaultProfile } from './default/index.js';
import { openai } from './openai/index.js';
import { openrouter } from './openrouter/index.js';
import type { ProviderProfile } from './profile.js';
import { xai } from './xai/index.js';
import { zai } from './zai/index.js';

export { ENDPOINTS, type Endpoint, endpointUrl, generationEndpoint } from './endpoints.js';
export {
  authHeaders,
  type HeaderRules,
  type ModelFamily,
  type ProviderProfile,
  type RequestRule,
  servesNatively,
  type WireFormat,
} from './profile.js';
export {
  applyProviderRules,
  type RequestTarget,
  type RuledRequest,
  type UpstreamRequest,
  withProviderRules,
} from './rules/apply.js';

/** The providers ekai knows; any other (a user catalog's) gets the default profile. */
export const PROFILES: Readonly<Record<string, ProviderProfile>> = {
  openai,
  anthropic,
  xai,
  openrouter,
  zai,
};

export function profileFor(provider: string): ProviderProfile {
  return Object.hasOwn(PROFILES, provider) ? (PROFILES[provider] as ProviderProfile) : defaultProfile;
}

export { defaultProfile };
