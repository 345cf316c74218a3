import type { WireFormat } from './profile.js';

/** The upstream endpoints ekai calls, by what they do. */
export type Endpoint = 'chat' | 'messages' | 'count_tokens' | 'responses' | 'input_tokens';

interface EndpointRow {
  /** Under the provider's base URL. */
  path: string;
  /** The wire format of the request body. */
  format: WireFormat;
  /** Generates an answer (count_tokens only counts). */
  generates: boolean;
}

/** The one table of upstream endpoints. */
export const ENDPOINTS: Readonly<Record<Endpoint, EndpointRow>> = {
  chat: { path: '/v1/chat/completions', format: 'chat', generates: true },
  messages: { path: '/v1/messages', format: 'messages', generates: true },
  count_tokens: { path: '/v1/messages/count_tokens', format: 'messages', generates: false },
  responses: { path: '/v1/responses', format: 'responses', generates: true },
  /** Counts a Responses request's input without running it (OpenAI's; proxy/count-tokens-responses.ts). */
  input_tokens: { path: '/v1/responses/input_tokens', format: 'responses', generates: false },
};

/** The endpoint that generates in `format`, for requests translated into it. */
export function generationEndpoint(format: WireFormat): Endpoint {
  const found = (Object.keys(ENDPOINTS) as Endpoint[]).find(
    (endpoint) => ENDPOINTS[endpoint].generates && ENDPOINTS[endpoint].format === format,
  );
  if (found === undefined) throw new Error(`no endpoint generates in ${format}`);
  return found;
}

/**
 * Where a provider serves an endpoint other than at ENDPOINTS' path under its base URL, as a path
 * relative to the base URL (`..` climbs out of it). Z.AI's base URL is its Anthropic-compatible
 * root (/api/anthropic); its OpenAI Responses API is beside it, at /api/v1.
 * @see ../shared/reference/current-models.md (Z.AI endpoints)
 */
const PROVIDER_PATHS: Readonly<Record<string, Partial<Record<Endpoint, string>>>> = {
  zai: { responses: '../v1/responses' },
};

/** The URL of `endpoint` at `provider` (base URL as configured), with the client's query string. */
export function endpointUrl(baseUrl: string, provider: string, endpoint: Endpoint, query = ''): URL {
  const base = baseUrl.replace(/\/+$/, '');
  const own = Object.hasOwn(PROVIDER_PATHS, provider) ? PROVIDER_PATHS[provider]?.[endpoint] : undefined;
  if (own === undefined) return new URL(`${base}${ENDPOINTS[endpoint].path}${query}`);
  return new URL(`${own}${query}`, `${base}/`);
}
