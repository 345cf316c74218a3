import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopback } from '../net/loopback.js';
import type { UsageReader } from '../storage/usage-reader.js';
import type { UsageEvent } from '../usage/event.js';
import { DashboardAccess } from './access.js';
import { EventStreamHub } from './event-stream.js';
import { sendJsonError } from './http.js';
import { route } from './router.js';
import { rowFromEvent } from './rows.js';
import { loadAssets } from './static-assets.js';

export interface DashboardOptions {
  reader: UsageReader;
  /** Called once with a listener for every finished request (`UsageWriter.onRecord`); returns the unsubscribe. */
  subscribe: (listener: (event: UsageEvent) => void) => () => void;
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** When non-empty and `host` is beyond loopback, every request needs one of these keys. */
  gatewayKeys?: readonly string[];
  /** Require a key even on loopback (a shared machine). Default: only beyond loopback, as SPEC §9 says. */
  requireKey?: boolean;
  /** The gateway's address, shown in the empty state ("point your client here"). */
  gatewayUrl?: string;
  /** Event-stream heartbeat; default 15 s. */
  heartbeatMs?: number;
}

export interface Dashboard {
  readonly server: Server;
  /** Resolves with the bound address (port 0 → the real port); rejects on EADDRINUSE and the like. */
  listen(): Promise<AddressInfo>;
  /** Ends the event streams, closes every connection and stops listening. */
  close(): Promise<void>;
}

/** Whether a dashboard with these settings asks for a key (SPEC §9: beyond loopback, with gateway keys). */
export function needsKey(host: string, gatewayKeys: readonly string[] = []): boolean {
  return gatewayKeys.length > 0 && !isLoopback(host);
}

/** The web dashboard (SPEC §10): the page, its assets, a JSON API and a live event stream. */
export function createDashboard(options: DashboardOptions): Dashboard {
  const host = options.host ?? '127.0.0.1';
  const keys = options.gatewayKeys ?? [];
  if (options.requireKey && keys.length === 0)
    throw new TypeError('requireKey needs at least one gateway key');
  const events = new EventStreamHub({
    heartbeatMs: options.heartbeatMs ?? 15_000,
    retryMs: 1000,
    maxClients: 64,
  });
  const context = {
    reader: options.reader,
    assets: loadAssets(),
    events,
    access: options.requireKey || needsKey(host, keys) ? new DashboardAccess(keys) : undefined,
    loopbackOnly: isLoopback(host),
    gatewayUrl: options.gatewayUrl,
  };
  const server = createServer((request, response) => {
    try {
      route(request, response, context);
    } catch (error) {
      // Routes answer their own errors; reaching here is a bug, which must not take the gateway down.
      if (response.headersSent) response.destroy();
      else sendJsonError(response, 500, 'internal_error', String(error));
    }
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  const unsubscribe = options.subscribe((event) => events.publish(rowFromEvent(event)));

  return {
    server,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      }),
    async close() {
      unsubscribe();
      events.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
