/**
 * How each provider takes its API key, as data: which header schemes a route accepts, and the
 * provider's own 401 messages for a wrong key, a wrong scheme and no key at all. A gateway that sends
 * the key the wrong way gets the same 401 it would get from the real API.
 */
import type { ErrorShape } from './errors.js';
import type { RouteKind } from './providers.js';
import type { ProviderName } from './types.js';

export type Scheme = 'bearer' | 'x-api-key';

export interface CredentialRule {
  provider: ProviderName;
  routes: readonly RouteKind[];
  /** Header schemes that carry the key; any other scheme is the `wrongScheme` 401. */
  schemes: readonly Scheme[];
  shape: ErrorShape;
  messages: {
    missing: string;
    /** A scheme the provider does not read (defaults to `missing`: the key was never seen). */
    wrongScheme?: string;
    /** The right scheme with a key that is not the provider's; `{key}` is the redacted key. */
    invalid: Partial<Record<Scheme, string>>;
  };
  source: string;
}

/** OpenAI's own words; xAI and OpenRouter answer their Chat routes in OpenAI's shape. */
const OPENAI_MESSAGES = {
  missing:
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
  invalid: { bearer: 'Incorrect API key provided: {key}.' },
};

/** Anthropic's own 401 texts; xAI's Messages routes answer in the same shape. */
const ANTHROPIC_MESSAGES = {
  missing: 'x-api-key header is required',
  invalid: { 'x-api-key': 'invalid x-api-key', bearer: 'invalid bearer token' },
};

const ANTHROPIC_SHAPED = ['messages', 'count_tokens'] as const;

export const CREDENTIAL_RULES: readonly CredentialRule[] = [
  {
    provider: 'openai',
    routes: ['chat', 'responses', 'models'],
    schemes: ['bearer'],
    shape: 'openai',
    messages: OPENAI_MESSAGES,
    source: 'https://platform.openai.com/docs/api-reference/authentication',
  },
  {
    // x-api-key is the documented header; @anthropic-ai/sdk 1.x sends API keys as
    // `Authorization: Bearer` (its apiKeyAuth), so the API reads both.
    provider: 'anthropic',
    routes: [...ANTHROPIC_SHAPED, 'models'],
    schemes: ['x-api-key', 'bearer'],
    shape: 'anthropic',
    messages: ANTHROPIC_MESSAGES,
    source: 'https://docs.anthropic.com/en/api/overview#authentication',
  },
  {
    provider: 'xai',
    routes: ['chat', 'models'],
    schemes: ['bearer'],
    shape: 'openai',
    messages: OPENAI_MESSAGES,
    source: 'https://docs.x.ai/docs/api-reference#authentication',
  },
  {
    // xAI documents its API as "fully compatible with OpenAI and Anthropic SDKs"
    // (https://docs.x.ai/api/integrations): the Anthropic SDK sends the key as x-api-key, so the
    // Messages routes read both.
    provider: 'xai',
    routes: ANTHROPIC_SHAPED,
    schemes: ['x-api-key', 'bearer'],
    shape: 'anthropic',
    messages: ANTHROPIC_MESSAGES,
    source: 'https://docs.x.ai/api/integrations',
  },
  {
    provider: 'openrouter',
    routes: ['chat', 'models'],
    schemes: ['bearer'],
    shape: 'openai',
    messages: OPENAI_MESSAGES,
    source: 'https://openrouter.ai/docs/api-reference/authentication',
  },
  {
    // Z.AI's Anthropic endpoint takes the key as ANTHROPIC_AUTH_TOKEN, i.e. Bearer. Its 401s carry
    // Z.AI's business errors 1001 / 1000 (https://docs.z.ai/api-reference/api-code).
    provider: 'zai',
    routes: [...ANTHROPIC_SHAPED, 'models'],
    schemes: ['bearer'],
    shape: 'anthropic',
    messages: {
      missing: 'Authentication parameter not received in Header, unable to authenticate',
      invalid: { bearer: 'Authentication Failed' },
    },
    source: 'https://docs.z.ai/scenario-example/develop-tools/claude',
  },
];

export function credentialRule(provider: ProviderName, route: RouteKind): CredentialRule {
  const rule = CREDENTIAL_RULES.find((entry) => entry.provider === provider && entry.routes.includes(route));
  if (!rule) throw new Error(`no credential rule for ${provider} ${route}`);
  return rule;
}
