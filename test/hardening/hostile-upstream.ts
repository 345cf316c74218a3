import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/**
 * A tiny provider that misbehaves on purpose: each test sets `handler`. The hostile bodies are
 * generated as they are sent (never stored), and generation stops when the gateway hangs up.
 */
export interface HostileUpstream {
  url: string;
  handler: Handler;
  close(): Promise<void>;
}

export async function startHostileUpstream(): Promise<HostileUpstream> {
  const upstream: HostileUpstream = {
    url: '',
    handler: (_request, response) => {
      response.end();
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((request, response) => {
    // The request body is read whole first, as a provider would.
    request.resume();
    request.on('end', () => void upstream.handler(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return upstream;
}

/** Write and wait for the socket to take it; false once the gateway has gone. */
export async function send(
  out: { write(chunk: Buffer | string): boolean; once(event: string, listener: () => void): unknown },
  response: ServerResponse,
  chunk: Buffer | string,
): Promise<boolean> {
  if (response.destroyed) return false;
  if (!out.write(chunk)) {
    await new Promise<void>((resolve) => {
      out.once('drain', resolve);
      response.once('close', resolve);
    });
  }
  return !response.destroyed;
}

export const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
