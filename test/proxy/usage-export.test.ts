import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { write } from '../../src/proxy/pipe.js';
import { handleUsage } from '../../src/proxy/usage-route.js';
import type { UsageReader, UsageRecordRow } from '../../src/storage/usage-reader.js';

/**
 * The CSV export of `GET /usage` streams rows from the database with backpressure. A client that
 * leaves must end the export (and close the database cursor), and a database failure half way
 * must not be dressed up as a complete 200 file.
 */
const ROW: UsageRecordRow = {
  id: 'r1',
  ts: Date.UTC(2026, 11, 1),
  latency_ms: 10,
  ttfb_ms: 5,
  client_dialect: 'chat',
  endpoint: '/v1/chat/completions',
  requested_model: 'gpt-4o',
  model: 'gpt-4o',
  provider: 'openai',
  upstream_model: 'gpt-4o',
  stream: 0,
  status: 200,
  outcome: 'ok',
  attempts: '[]',
  input_tokens: 1,
  output_tokens: 1,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
  reasoning_tokens: null,
} as unknown as UsageRecordRow;

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function readerOf(records: () => AsyncIterable<UsageRecordRow>): UsageReader {
  return {
    summary: () => Promise.reject(new Error('not used')),
    records,
    changed: () => Promise.resolve(false),
  };
}

describe('write()', () => {
  it('resolves false at once when the client has already gone', async () => {
    let settled: Promise<boolean[]> | undefined;
    const url = await serve((_request, response) => {
      response.writeHead(200);
      response.flushHeaders();
      response.once('close', () => {
        // The client is gone: `close` has fired and will never fire again.
        settled = Promise.all([write(response, 'late'), write(response, Buffer.alloc(1 << 20))]);
      });
    });
    const request = get(url, (response) => response.destroy());
    request.on('error', () => {});
    await expect.poll(() => settled).toBeDefined();
    expect(await settled).toEqual([false, false]);
  });
});

describe('GET /usage?format=csv', () => {
  it('stops reading the database when the client leaves mid-export', async () => {
    let yielded = 0;
    let cursorClosed = false;
    let handlerDone = false;
    const reader = readerOf(async function* () {
      try {
        // Far more than the socket buffers hold: the export waits on backpressure.
        for (; yielded < 1_000_000; yielded++) yield { ...ROW, id: `r${yielded}` };
      } finally {
        cursorClosed = true;
      }
    });
    const url = await serve((request, response) => {
      void handleUsage(request, response, reader).then(() => {
        handlerDone = true;
      });
    });
    await new Promise<void>((resolve) => {
      const request = get(`${url}/usage?format=csv`, (response) => {
        response.once('data', () => {
          response.destroy();
          resolve();
        });
      });
      request.on('error', () => {});
    });
    await expect.poll(() => handlerDone, { timeout: 5000 }).toBe(true);
    expect(cursorClosed).toBe(true);
    expect(yielded).toBeLessThan(1_000_000);
  });

  it('cuts the connection when the database fails half way, instead of a complete-looking 200', async () => {
    const reader = readerOf(async function* () {
      yield ROW;
      yield { ...ROW, id: 'r2' };
      throw new Error('database is locked');
    });
    const url = await serve((request, response) => void handleUsage(request, response, reader));
    const result = await new Promise<{ status: number; body: string; complete: boolean }>((resolve) => {
      get(`${url}/usage?format=csv`, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body, complete: response.complete }),
        );
        response.on('error', () => resolve({ status: response.statusCode ?? 0, body, complete: false }));
        response.on('aborted', () => resolve({ status: response.statusCode ?? 0, body, complete: false }));
      }).on('error', () => {});
    });
    expect(result.status).toBe(200);
    expect(result.complete).toBe(false);
    expect(result.body).toMatch(/^id,/);
    expect(result.body).not.toContain('event:');
    expect(result.body).not.toContain('data:');
  });
});
