/**
 * The five providers as data: where each lives under the fake's URL, which dialects it serves,
 * how it checks credentials and which error shape it speaks.
 */
import { credentialRule, type Scheme } from './credentials.js';
import { clientError, type ErrorReply, type ErrorShape } from './errors.js';
import { redactKey } from './ids.js';
import { responsesCredentialRule } from './responses-providers.js';
import type { Dialect, ProviderName } from './types.js';

/**
 * `input_tokens`: OpenAI's Responses token count (input-tokens.ts), routed on its own and recorded
 * as the `count_tokens` dialect (server.ts); faults and scripts do not reach it.
 */
export type RouteKind = Dialect | 'models' | 'input_tokens';

interface ProviderProfile {
  /** Mount point; the gateway's baseUrl is `${url}${basePath}`. */
  basePath: string;
  routes: Partial<Record<string, RouteKind>>;
  /** Routes beside basePath, under its parent folder (Z.AI's /api/v1 beside /api/anthropic). */
  siblingRoutes?: Partial<Record<string, RouteKind>>;
  /** Shape of errors outside the dialect routes (unknown paths, model lists). */
  shape: ErrorShape;
  /** Anthropic itself refuses requests without `anthropic-version`; its imitators do not. */
  requiresAnthropicVersion: boolean;
}

const CHAT = { '/v1/chat/completions': 'chat' } as const;
const MESSAGES = { '/v1/messages': 'messages', '/v1/messages/count_tokens': 'count_tokens' } as const;
const MODELS = { '/v1/models': 'models' } as const;
const RESPONSES = { '/v1/responses': 'responses' } as const;
/** OpenAI alone documents a Responses token count (input-tokens.ts). */
const RESPONSES_COUNT = { '/v1/responses/input_tokens': 'input_tokens' } as const;

export const PROVIDERS: Record<ProviderName, ProviderProfile> = {
  openai: {
    basePath: '/openai',
    routes: { ...CHAT, ...RESPONSES, ...RESPONSES_COUNT, ...MODELS },
    shape: 'openai',
    requiresAnthropicVersion: false,
  },
  anthropic: {
    basePath: '/anthropic',
    routes: { ...MESSAGES, ...MODELS },
    shape: 'anthropic',
    requiresAnthropicVersion: true,
  },
  // xAI serves the three dialects on one host (Responses: https://docs.x.ai/developers/rest-api-reference/inference/responses).
  xai: {
    basePath: '/xai',
    routes: { ...CHAT, ...MESSAGES, ...RESPONSES, ...MODELS },
    shape: 'openai',
    requiresAnthropicVersion: false,
  },
  // Responses (beta): https://openrouter.ai/docs/api/reference/responses/overview
  openrouter: {
    basePath: '/openrouter/api',
    routes: { ...CHAT, ...RESPONSES, ...MODELS },
    shape: 'openai',
    requiresAnthropicVersion: false,
  },
  // Z.AI's Anthropic-compatible endpoint lives under /api/anthropic, its OpenAI Responses API at
  // /api/v1 (../shared/reference/current-models.md, Z.AI endpoints).
  zai: {
    basePath: '/zai/api/anthropic',
    routes: { ...MESSAGES, ...MODELS },
    siblingRoutes: RESPONSES,
    shape: 'anthropic',
    requiresAnthropicVersion: false,
  },
};

export const PROVIDER_NAMES = Object.keys(PROVIDERS) as ProviderName[];

export const FAKE_KEYS: Readonly<Record<ProviderName, string>> = Object.freeze({
  openai: 'fake-openai-key',
  anthropic: 'fake-anthropic-key',
  xai: 'fake-xai-key',
  openrouter: 'fake-openrouter-key',
  zai: 'fake-zai-key',
});

export interface Route {
  provider: ProviderName | null;
  kind: RouteKind | null;
}

export function resolveRoute(method: string, pathname: string): Route {
  const routed = (provider: ProviderName, kind: RouteKind | null): Route => {
    const expectedMethod = kind === 'models' ? 'GET' : 'POST';
    return { provider, kind: kind !== null && method === expectedMethod ? kind : null };
  };
  for (const provider of PROVIDER_NAMES) {
    const { basePath, routes, siblingRoutes = {} } = PROVIDERS[provider];
    const parent = basePath.slice(0, basePath.lastIndexOf('/'));
    const sibling = pathname.startsWith(`${parent}/`)
      ? siblingRoutes[pathname.slice(parent.length)]
      : undefined;
    if (sibling !== undefined) return routed(provider, sibling);
    if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) continue;
    return routed(provider, routes[pathname.slice(basePath.length)] ?? null);
  }
  return { provider: null, kind: null };
}

/** Messages-dialect routes answer in Anthropic's shape even on xAI. */
export function errorShape(provider: ProviderName, kind: RouteKind | null): ErrorShape {
  if (kind === 'messages' || kind === 'count_tokens') return 'anthropic';
  if (kind === 'chat' || kind === 'responses' || kind === 'input_tokens') return 'openai';
  return PROVIDERS[provider].shape;
}

function bearerToken(headers: Record<string, string>): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
  return match?.[1]?.trim();
}

const PRESENTED: Record<Scheme, (headers: Record<string, string>) => string | undefined> = {
  bearer: bearerToken,
  'x-api-key': (headers) => headers['x-api-key'],
};

/**
 * Checks credentials the way each provider does (CREDENTIAL_RULES): the key must come in a scheme
 * the route reads; a key in another scheme is that provider's wrong-scheme 401.
 */
export function checkAuth(
  provider: ProviderName,
  kind: RouteKind,
  headers: Record<string, string>,
  expectedKey: string,
): ErrorReply | null {
  const rule = responsesCredentialRule(provider, kind) ?? credentialRule(provider, kind);
  const { messages, shape } = rule;
  const accepted = rule.schemes.flatMap((scheme) => {
    const key = PRESENTED[scheme](headers);
    return key === undefined ? [] : [{ scheme, key }];
  });
  if (accepted.length === 0) {
    const other = (Object.keys(PRESENTED) as Scheme[]).some(
      (scheme) => PRESENTED[scheme](headers) !== undefined,
    );
    return clientError(shape, 401, other ? (messages.wrongScheme ?? messages.missing) : messages.missing);
  }
  if (!accepted.some(({ key }) => key === expectedKey)) {
    const [{ scheme, key }] = accepted as [{ scheme: Scheme; key: string }];
    const message = (messages.invalid[scheme] ?? 'invalid credentials').replace('{key}', redactKey(key));
    return clientError(shape, 401, message, shape === 'openai' ? { code: 'invalid_api_key' } : {});
  }
  if (PROVIDERS[provider].requiresAnthropicVersion && headers['anthropic-version'] === undefined) {
    return clientError('anthropic', 400, 'anthropic-version: header is required');
  }
  return null;
}

const CREATED = 1_735_689_600; // 2025-01-01, fixed so model lists are stable

/** A short model list per provider, in the provider's list shape. */
export function modelList(provider: ProviderName): unknown {
  if (provider === 'anthropic' || provider === 'zai') {
    const ids =
      provider === 'anthropic'
        ? ['claude-sonnet-4-5-20250929', 'claude-haiku-4-5-20251001']
        : ['glm-4.6', 'glm-4.5-air'];
    const data = ids.map((id) => ({
      type: 'model',
      id,
      display_name: id,
      created_at: new Date(CREATED * 1000).toISOString(),
    }));
    return { data, has_more: false, first_id: ids[0], last_id: ids[ids.length - 1] };
  }
  const byProvider: Record<string, { ids: string[]; owner: string }> = {
    openai: { ids: ['gpt-4o', 'gpt-4o-mini', 'gpt-5'], owner: 'openai' },
    xai: { ids: ['grok-4', 'grok-3-mini', 'grok-code-fast-1'], owner: 'xai' },
    openrouter: {
      ids: ['openai/gpt-4o', 'anthropic/claude-sonnet-4.5', 'z-ai/glm-4.6'],
      owner: 'openrouter',
    },
  };
  const entry = byProvider[provider] ?? { ids: [], owner: provider };
  return {
    object: 'list',
    data: entry.ids.map((id) => ({ id, object: 'model', created: CREATED, owned_by: entry.owner })),
  };
}
