import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { FORMATS } from '../formats/index.js';
import { keyRefusal } from './auth.js';
import { browserRefusal } from './browser-guard.js';
import { GatewayError } from './errors.js';
import type { GatewayState } from './gateway-state.js';
import { ResponsesSocketSession } from './responses-websocket-session.js';

/** The one path served over WebSocket: OpenAI's Responses WebSocket mode lives on /v1/responses too. */
export const RESPONSES_WEBSOCKET_PATH = '/v1/responses';

/**
 * The Responses API over WebSocket (OpenAI's WebSocket mode, which Codex's built-in OpenAI provider
 * prefers: `OpenAI-Beta: responses_websockets=2026-02-06`). Upgrades are checked exactly as HTTP
 * requests are (browser guard, gateway key) before the handshake; each accepted socket is a
 * ResponsesSocketSession.
 * @see https://developers.openai.com/api/docs/guides/websocket-mode
 */
export class ResponsesWebSockets {
  private readonly server: WebSocketServer;
  private readonly turns = new Set<Promise<void>>();

  constructor(private readonly state: GatewayState) {
    this.server = new WebSocketServer({
      noServer: true,
      // One frame is one request body: the same limit as on HTTP (ws closes with 1009 beyond it).
      maxPayload: state.config.maxBodyBytes,
      // Loopback traffic: compressing costs CPU and saves nothing (clients that offer it do without).
      perMessageDeflate: false,
    });
  }

  /** The `upgrade` event of the gateway's HTTP server. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const refusal = upgradeRefusal(request, this.state);
    if (refusal) {
      refuse(socket, refusal);
      return;
    }
    this.server.handleUpgrade(request, socket, head, (client) => {
      new ResponsesSocketSession(client, request, this.state, (turn) => this.track(turn));
    });
  }

  /** Resolves once every turn in flight has ended. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.turns]);
  }

  /**
   * Close every socket (1001, going away): turns still running are aborted by it. A client that
   * does not answer the close handshake within a second is cut off, so that shutdown never waits on
   * it (the HTTP server's close waits for every connection, upgraded ones included).
   */
  close(): void {
    for (const client of this.server.clients) {
      client.close(1001, 'the gateway is shutting down');
      setTimeout(() => client.terminate(), 1000).unref();
    }
    this.server.close();
  }

  private track(turn: Promise<void>): void {
    this.turns.add(turn);
    void turn.finally(() => this.turns.delete(turn));
  }
}

/**
 * Why an upgrade is refused, or undefined when it may proceed. Same order and checks as an HTTP
 * request: the browser guard first (a web page's `Origin`, a rebound `Host`: cross-site WebSocket
 * hijacking would otherwise let any page the user opens spend the provider keys, since browsers
 * send no preflight for a WebSocket), then the gateway key; only /v1/responses upgrades, and only
 * to WebSocket.
 */
function upgradeRefusal(request: IncomingMessage, state: GatewayState): GatewayError | undefined {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  const browser = browserRefusal(request.headers, state.config);
  if (browser) return browser;
  const unkeyed = keyRefusal(request.headers, state.config.gatewayKeys);
  if (unkeyed) return unkeyed;
  if (path !== RESPONSES_WEBSOCKET_PATH) {
    return new GatewayError(
      'not_found',
      `no WebSocket route for ${path}: only ${RESPONSES_WEBSOCKET_PATH} is served over WebSocket`,
    );
  }
  if (String(request.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
    // Node hands every Upgrade request to the upgrade handler; an h2c offer cannot be declined
    // and the request then served as HTTP/1.1, so it is refused with a reason.
    return new GatewayError(
      'invalid_request',
      `cannot upgrade to ${JSON.stringify(String(request.headers.upgrade).slice(0, 40))}: only WebSocket is served; send the request without an Upgrade header`,
    );
  }
  if (request.method !== 'GET') {
    return new GatewayError('invalid_request', 'a WebSocket upgrade must be a GET', {
      status: 405,
      headers: { allow: 'GET' },
    });
  }
  return undefined;
}

/** The HTTP answer to a refused upgrade, in the OpenAI error shape (Responses'), then close. */
function refuse(socket: Duplex, error: GatewayError): void {
  if (!socket.writable) return void socket.destroy();
  const status = error.statusFor('responses');
  const body = JSON.stringify(FORMATS.responses.errorBody(error.toDetails('responses')));
  const headers = {
    ...error.headersFor('responses'),
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${head}\r\n${body}`);
}
