/**
 * Test-side helpers for talking to the fake directly: the right auth headers per provider and a
 * node:http client that exposes what fetch hides (socket errors by code, raw chunks, raw gzip).
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { FAKE_KEYS } from './providers.js';
import type { Dialect, FakeProvider, ProviderName } from './types.js';

const PATHS: Record<Dialect, string> = {
  chat: '/v1/chat/completions',
  messages: '/v1/messages',
  responses: '/v1/responses',
  count_tokens: '/v1/messages/count_tokens',
};

export function dialectPath(dialect: Dialect): string {
  return PATHS[dialect];
}

/** Headers a well-behaved client of that provider and dialect sends. */
export function authHeaders(provider: ProviderName, dialect: Dialect): Record<string, string> {
  const key = FAKE_KEYS[provider];
  // Z.AI reads only Bearer (credentials.ts); Anthropic and xAI's Messages routes read x-api-key.
  if ((dialect === 'messages' || dialect === 'count_tokens') && provider !== 'zai') {
    return { 'x-api-key': key, 'anthropic-version': '2023-06-01' };
  }
  return { authorization: `Bearer ${key}` };
}

/** POST JSON with fetch, authenticated unless `headers` overrides it. */
export function postJson(
  fake: FakeProvider,
  provider: ProviderName,
  dialect: Dialect,
  body: unknown,
  init: { headers?: Record<string, string>; signal?: AbortSignal; query?: string } = {},
): Promise<Response> {
  const query = init.query ? `?${init.query}` : '';
  return fetch(`${fake.baseUrl(provider)}${PATHS[dialect]}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders(provider, dialect), ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(init.signal ? { signal: init.signal } : {}),
  });
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Raw bytes as received (not decompressed). */
  body: Buffer;
  /** The body as the client's 'data' events delivered it. */
  chunks: Buffer[];
}

export interface RawRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Called for every body chunk; return false to destroy the request there. */
  onChunk?: (chunk: Buffer) => boolean | undefined;
}

/** A node:http request that rejects with the socket error (ECONNRESET…) when the server resets. */
export function rawRequest(url: string, options: RawRequestOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'POST', headers: options.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          if (options.onChunk?.(chunk) === false) req.destroy(new Error('client aborted'));
        });
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), chunks }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** rawRequest for a provider dialect, authenticated, JSON body. */
export function rawPost(
  fake: FakeProvider,
  provider: ProviderName,
  dialect: Dialect,
  body: unknown,
  options: Omit<RawRequestOptions, 'body' | 'method'> = {},
): Promise<RawResponse> {
  return rawRequest(`${fake.baseUrl(provider)}${PATHS[dialect]}`, {
    ...options,
    headers: { 'content-type': 'application/json', ...authHeaders(provider, dialect), ...options.headers },
    body: JSON.stringify(body),
  });
}
