#!/usr/bin/env node
// The reference limit: a bare Node pass-through proxy. node:http server, one undici Pool to the
// upstream, no parsing: request and response bodies are piped, hop-by-hop headers dropped, the
// upstream request aborted when the client goes away. Anything ekai does beyond this is its cost.
//
//   node bench/bare-proxy.mjs --upstream http://127.0.0.1:U [--port P]   prints `listening <port>`
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
]);

function withoutHopByHop(headers) {
  const out = {};
  for (const name in headers) if (!HOP_BY_HOP.has(name)) out[name] = headers[name];
  return out;
}

export function createBareProxy(upstream) {
  const pool = new Pool(upstream, { keepAliveTimeout: 30_000 });
  const server = createServer((request, response) => {
    const abort = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) abort.abort();
    });
    pool.request(
      {
        path: request.url,
        method: request.method,
        headers: withoutHopByHop(request.headers),
        body: request.method === 'GET' || request.method === 'HEAD' ? null : request,
        signal: abort.signal,
      },
      (error, answer) => {
        if (error) {
          if (!response.headersSent && !response.destroyed) {
            response.writeHead(502, { 'content-type': 'text/plain' });
            response.end(String(error.message));
          } else response.destroy();
          return;
        }
        response.writeHead(answer.statusCode, withoutHopByHop(answer.headers));
        // .pipe, not stream.pipeline: pipeline allocates an AbortController and aborts it (a
        // DOMException) on every completion, about 10% of this proxy's CPU on small answers.
        answer.body.on('error', () => response.destroy());
        answer.body.pipe(response);
      },
    );
  });
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  return {
    server,
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve) => server.listen(port, host, () => resolve(server.address().port)));
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve()));
      await pool.close();
    },
  };
}

const flag = (name) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};

if (fileURLToPath(import.meta.url) === resolve(process.argv[1] ?? '')) {
  const upstream = flag('--upstream');
  if (!upstream) {
    process.stderr.write('usage: node bench/bare-proxy.mjs --upstream http://127.0.0.1:PORT [--port P]\n');
    process.exit(2);
  }
  const proxy = createBareProxy(upstream);
  const port = await proxy.listen(Number(flag('--port') ?? 0));
  process.stdout.write(`listening ${port}\n`);
  const stop = () => proxy.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
