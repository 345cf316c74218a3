import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway(fake, {
    config: {
      timeouts: { ...DEFAULT_CONFIG.timeouts, clientHeadersMs: 500, clientRequestMs: 1000 },
      maxBodyBytes: 1024,
    },
  });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});

/** Open a raw connection, write `parts` (a pause after each), and collect what the gateway says until it closes. */
function rawExchange(parts: string[], pauseMs: number): Promise<string> {
  const { port } = new URL(gateway.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    let index = 0;
    let timer: NodeJS.Timeout | undefined;
    const writeNext = () => {
      if (index < parts.length && socket.writable) socket.write(parts[index++] as string);
      if (index < parts.length) timer = setTimeout(writeNext, pauseMs);
    };
    socket.on('connect', writeNext);
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.on('error', reject);
    // Bounded: the gateway must close long before this.
    setTimeout(() => socket.destroy(new Error('the gateway never closed the connection')), 10_000).unref();
  });
}

describe('slow and abusive clients', () => {
  it('headers trickling in (slowloris) are cut off with 408', async () => {
    const parts = [
      'POST /v1/chat/completions HTTP/1.1\r\n',
      'Host: 127.0.0.1\r\n',
      ...Array(40).fill('X-Slow: 1\r\n'),
    ];
    const answer = await rawExchange(parts, 100);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('a body trickling in is cut off too', async () => {
    const head =
      'POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n';
    const answer = await rawExchange([head, ...Array(40).fill('{')], 100);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('oversized headers get 431; an oversized body 413', async () => {
    const big = await rawExchange(
      [`GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`],
      0,
    );
    expect(big).toMatch(/^HTTP\/1\.1 431/);
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x'.repeat(2000) }] }),
    });
    expect(response.status).toBe(413);
  });

  it('the gateway keeps serving everyone else', async () => {
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
  });
});
