import type { Readable } from 'node:stream';
import { Agent } from 'undici';
import type { EkaiConfig } from '../config/schema.js';
import { SseLimitError } from '../formats/sse.js';
import { GatewayError } from './errors.js';
import { BodyTooLargeError } from './read-all.js';

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
}

export interface UpstreamRequest {
  url: URL;
  headers: Record<string, string>;
  body: string | Buffer;
  signal: AbortSignal;
}

/** Sends requests to providers over keep-alive connection pools, one pool per origin. */
export interface UpstreamClient {
  request(request: UpstreamRequest): Promise<UpstreamResponse>;
  close(): Promise<void>;
}

/**
 * undici's Agent keeps one pool per origin. Its three timeouts are SPEC §9's: connect, first byte
 * (headersTimeout: until the response headers arrive) and idle between chunks (bodyTimeout).
 */
export function createUpstreamClient(timeouts: EkaiConfig['timeouts']): UpstreamClient {
  const agent = new Agent({
    connect: { timeout: timeouts.connectMs },
    headersTimeout: timeouts.firstByteMs,
    bodyTimeout: timeouts.idleMs,
    keepAliveTimeout: 30_000,
    // No cap per provider: 1,000 concurrent client streams are 1,000 upstream streams, not a queue.
    connections: null,
  });
  return {
    async request({ url, headers, body, signal }) {
      const response = await agent.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers,
        body,
        signal,
      });
      return { status: response.statusCode, headers: response.headers, body: response.body };
    },
    close: () => agent.close(),
  };
}

/** undici failure codes → what the client is told. A client abort is not an upstream failure. */
const FAILURES: Record<string, { kind: 'timeout' | 'bad_gateway'; what: string }> = {
  UND_ERR_CONNECT_TIMEOUT: { kind: 'timeout', what: 'connecting timed out' },
  UND_ERR_HEADERS_TIMEOUT: { kind: 'timeout', what: 'no response within the first-byte timeout' },
  UND_ERR_BODY_TIMEOUT: { kind: 'timeout', what: 'the response stalled longer than the idle timeout' },
  UND_ERR_SOCKET: { kind: 'bad_gateway', what: 'the connection failed' },
  UND_ERR_CLOSED: { kind: 'bad_gateway', what: 'the connection closed' },
  ECONNREFUSED: { kind: 'bad_gateway', what: 'the connection was refused' },
  ECONNRESET: { kind: 'bad_gateway', what: 'the connection was reset' },
  ENOTFOUND: { kind: 'bad_gateway', what: 'the host name did not resolve' },
  EAI_AGAIN: { kind: 'bad_gateway', what: 'the host name did not resolve' },
};

export function upstreamFailure(error: unknown, provider: string): GatewayError {
  if (error instanceof GatewayError) return error;
  // Limits on what the upstream sent (an SSE line, a body): its fault, told as such.
  if (error instanceof SseLimitError || error instanceof BodyTooLargeError)
    return new GatewayError('bad_gateway', `${provider}: ${error.message}`);
  const code = (error as { code?: string }).code ?? '';
  const known = FAILURES[code];
  const detail = error instanceof Error ? error.message : String(error);
  if (known) return new GatewayError(known.kind, `${provider}: ${known.what} (${code})`);
  return new GatewayError('bad_gateway', `${provider}: request failed: ${detail}`);
}
