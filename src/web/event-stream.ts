import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestRow } from './api-types.js';
import { SECURITY_HEADERS, sendJsonError } from './http.js';

export interface EventStreamOptions {
  /** A comment line this often keeps idle connections (and proxies in between) open. */
  heartbeatMs: number;
  /** How long the browser waits before reconnecting after the stream drops. */
  retryMs: number;
  maxClients: number;
}

/** Past this much unsent output a client is too slow to follow live: it is dropped and reconnects. */
const MAX_BUFFERED_BYTES = 1 << 20;

/**
 * `GET /api/events`: Server-Sent Events, one `request` event per finished request (a RequestRow
 * as JSON). Nothing is replayed on reconnect; the page refetches what it shows instead.
 */
export class EventStreamHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly options: EventStreamOptions) {
    this.heartbeat = setInterval(() => this.sendToAll(': heartbeat\n\n'), options.heartbeatMs).unref();
  }

  open(request: IncomingMessage, response: ServerResponse): void {
    if (this.clients.size >= this.options.maxClients) {
      sendJsonError(response, 503, 'too_many_streams', 'too many open event streams; try again later');
      return;
    }
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // A HEAD request learns that the stream exists; it must not hold a client slot open.
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    response.write(`retry: ${this.options.retryMs}\n: connected\n\n`);
    this.clients.add(response);
    request.socket.setNoDelay(true);
    response.on('close', () => this.clients.delete(response));
  }

  publish(row: RequestRow): void {
    this.sendToAll(`event: request\ndata: ${JSON.stringify(row)}\n\n`);
  }

  get size(): number {
    return this.clients.size;
  }

  /** Ends every stream cleanly (the browser sees the end and starts reconnecting). */
  close(): void {
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private sendToAll(text: string): void {
    for (const client of this.clients) {
      if (client.writableLength > MAX_BUFFERED_BYTES) client.destroy();
      else client.write(text);
    }
  }
}
