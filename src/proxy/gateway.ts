import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Catalog } from '../config/catalog.js';
import type { ResolvedProvider } from '../config/providers.js';
import type { EkaiConfig } from '../config/schema.js';
import type { WireFormat } from '../formats/index.js';
import { GatewayMetrics } from '../metrics/index.js';
import { Cooldowns } from '../router/cooldown.js';
import type { UsageReader } from '../storage/usage-reader.js';
import type { UsageEvent, UsageRecorder } from '../usage/event.js';
import { keyRefusal } from './auth.js';
import { browserRefusal, corsHeaders, jsonBodyRefusal } from './browser-guard.js';
import { type CompletionRoute, handleCompletion } from './completions.js';
import { handleCountTokens } from './count-tokens.js';
import { GatewayError, sendError } from './errors.js';
import type { GatewayState } from './gateway-state.js';
import { handleHealth, handleModels } from './info-routes.js';
import { gaugesOf, handleMetrics } from './metrics-route.js';
import { Redactor } from './redact.js';
import { ResponsesWebSockets } from './responses-websocket.js';
import { createUpstreamClient, type UpstreamClient } from './upstream.js';
import { handleUsage } from './usage-route.js';

export interface GatewayOptions {
  config: EkaiConfig;
  catalog: Catalog;
  providers: Map<string, ResolvedProvider>;
  recorder: UsageRecorder;
  version: string;
  /** Serves GET /usage; without it the route answers 501. */
  usage?: UsageReader;
  /** Tests may inject their own upstream client. */
  upstream?: UpstreamClient;
}

export interface Gateway {
  readonly server: Server;
  /** Listen on config host:port; resolves with the bound address (port 0 → the real port). */
  listen(): Promise<AddressInfo>;
  /** Stop accepting, let in-flight requests finish for up to `graceMs`, then close everything and flush usage. */
  close(graceMs?: number): Promise<void>;
  /** What GET /metrics serves; a cluster worker makes it the sum over all workers (`aggregateWith`). */
  readonly metrics: GatewayMetrics;
  /** Tell `listener` about every finished request, after it is recorded; returns the unsubscribe function. */
  onRecord(listener: (event: UsageEvent) => void): () => void;
}

const COMPLETION_ROUTES: Record<string, CompletionRoute> = {
  '/v1/chat/completions': { format: 'chat', endpoint: 'chat', path: '/v1/chat/completions' },
  '/v1/messages': { format: 'messages', endpoint: 'messages', path: '/v1/messages' },
  '/v1/responses': { format: 'responses', endpoint: 'responses', path: '/v1/responses' },
};

const CLIENT_ERROR_STATUS: Record<string, string> = {
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
};

export function createGateway(options: GatewayOptions): Gateway {
  const listeners = new Set<(event: UsageEvent) => void>();
  const metrics = new GatewayMetrics({
    models: options.catalog.models.map((model) => model.id),
    gauges: () => gaugesOf(state),
  });
  listeners.add((event) => metrics.observe(event));
  const state: GatewayState = {
    config: options.config,
    catalog: options.catalog,
    providers: options.providers,
    recorder: tellListeners(options.recorder, listeners, secretsOf(options)),
    upstream: options.upstream ?? createUpstreamClient(options.config.timeouts),
    cooldowns: new Cooldowns(options.config.routing),
    ...(options.usage && { usage: options.usage }),
    metrics,
    inFlight: new Set(),
    version: options.version,
    startedAt: Date.now(),
  };
  const inFlight = new Set<Promise<void>>();
  const { clientHeadersMs, clientRequestMs } = options.config.timeouts;
  const server = createServer(
    {
      // Slow clients (slowloris): headers and the whole request body must arrive in time; responses
      // (long streams) are not limited by these. Checked every second instead of every 30.
      headersTimeout: clientHeadersMs,
      requestTimeout: Math.max(clientRequestMs, clientHeadersMs),
      connectionsCheckingInterval: 1000,
    },
    handle,
  );
  function handle(request: IncomingMessage, response: ServerResponse): void {
    const handled = route(request, response, state).catch((error: unknown) => {
      // Handlers answer their own errors; reaching here is a bug, but it must not take the process down.
      if (!response.headersSent) sendError(response, 'chat', new GatewayError('api_error', String(error)));
      else response.destroy();
    });
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  }
  // `Expect: 100-continue` (curl sends it for bodies over 1 MB): the gateway answers it itself, and
  // the header is not forwarded. A body declared over the limit gets its 413 without being sent.
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    if (!(Number(request.headers['content-length']) > options.config.maxBodyBytes)) response.writeContinue();
    handle(request, response);
  });
  // WebSocket upgrades: /v1/responses only (OpenAI's WebSocket mode), checked as HTTP requests are.
  const websockets = new ResponsesWebSockets(state);
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) =>
    websockets.upgrade(request, socket, head),
  );
  // Client sockets that error (garbage, oversized headers, too slow) get a short answer and are
  // closed, instead of crashing anything.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    socket.end(
      `HTTP/1.1 ${CLIENT_ERROR_STATUS[error.code ?? ''] ?? '400 Bad Request'}\r\nconnection: close\r\n\r\n`,
    );
  });

  return {
    server,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.config.port, options.config.host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      }),
    async close(graceMs = 10_000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([Promise.allSettled([...inFlight, websockets.idle()]), deadline]);
      // Upgraded sockets are no longer the HTTP server's: closed here, with what still runs on them.
      websockets.close();
      server.closeAllConnections();
      await closed;
      await state.upstream.close();
      await state.recorder.flush();
    },
    metrics,
    onRecord(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Every key the gateway holds: none may reach a record, a log line or a live view. */
function secretsOf(options: GatewayOptions): Redactor {
  return new Redactor([
    ...[...options.providers.values()].map((provider) => provider.apiKey),
    ...options.config.gatewayKeys,
  ]);
}

/**
 * The recorder, and after it the listeners (metrics, event forwarding), each given the event with
 * any key redacted. Recording happens once the response has ended; a listener's bug must not turn
 * into a failed request, so none may throw.
 */
function tellListeners(
  recorder: UsageRecorder,
  listeners: Set<(event: UsageEvent) => void>,
  redactor: Redactor,
): UsageRecorder {
  return {
    record(recorded) {
      const event = redactor.event(recorded);
      recorder.record(event);
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {}
      }
    },
    flush: () => recorder.flush(),
    get setAside() {
      return recorder.setAside;
    },
  };
}

async function route(request: IncomingMessage, response: ServerResponse, state: GatewayState): Promise<void> {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  const refusal = browserRefusal(request.headers, state.config);
  if (refusal) return sendError(response, formatOf(request, path), refusal);
  const origin = request.headers.origin;
  if (origin !== undefined) {
    // Only origins listed in allowedOrigins get here: let their pages read the answers.
    const cors = corsHeaders(origin, request.headers['access-control-request-headers']);
    for (const [name, value] of Object.entries(cors)) response.setHeader(name, value);
    if (request.method === 'OPTIONS') return void response.writeHead(204).end();
  }
  const unkeyed = path === '/health' ? undefined : keyRefusal(request.headers, state.config.gatewayKeys);
  if (unkeyed) return sendError(response, formatOf(request, path), unkeyed);
  const completion = COMPLETION_ROUTES[path];
  if (completion) {
    if (request.method !== 'POST') return refuseMethod(response, completion.format, 'POST');
    const notJson = jsonBodyRefusal(request.headers);
    if (notJson) return sendError(response, completion.format, notJson);
    return handleCompletion(request, response, state, completion);
  }
  if (path === '/v1/messages/count_tokens' && request.method === 'POST') {
    const notJson = jsonBodyRefusal(request.headers);
    if (notJson) return sendError(response, 'messages', notJson);
    return handleCountTokens(request, response, state);
  }
  if (path === '/health' && request.method === 'GET') return handleHealth(response, state);
  if (path === '/v1/models' && request.method === 'GET') return handleModels(request, response, state);
  if (path === '/usage' && request.method === 'GET') return handleUsage(request, response, state.usage);
  if (path === '/metrics' && request.method === 'GET') return handleMetrics(response, state);
  sendError(
    response,
    formatOf(request, path),
    new GatewayError('not_found', `no route for ${request.method} ${path}`),
  );
}

/** Which error shape a request that reached no handler expects. */
function formatOf(request: IncomingMessage, path: string): 'chat' | 'messages' {
  return request.headers['anthropic-version'] || path.startsWith('/v1/messages') ? 'messages' : 'chat';
}

function refuseMethod(response: ServerResponse, format: WireFormat, allowed: string): void {
  sendError(
    response,
    format,
    new GatewayError('invalid_request', `use ${allowed} for this route`, {
      status: 405,
      headers: { allow: allowed },
    }),
  );
}
