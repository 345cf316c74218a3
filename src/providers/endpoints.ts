import type { WireFormat } from './profile.js';

/** The upstream endpoints ekai calls, by what they do. */
export type Endpoint = 'chat' | 'messages' | 'count_tokens' | 'responses';

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
};

/** The endpoint that generates in `format`, for requests translated into it. */
export function generationEndpoint(format: WireFormat): Endpoint {
  const found = (Object.keys(ENDPOINTS) as Endpoint[]).find(
    (endpoint) => ENDPOINTS[endpoint].generates && ENDPOINTS[endpoint].format === format,
  );
  if (found === undefined) throw new Error(`no endpoint generates in ${format}`);
  return found;
}
