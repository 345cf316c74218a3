import { get } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestRow } from '../../src/web/index.js';
import { type ParsedEvent, parseSse } from '../support/fake-provider/index.js';
import { usageEvent } from '../support/usage-event.js';
import { startWithStore } from './harness.js';

type Started = Awaited<ReturnType<typeof startWithStore>>;
let started: Started | undefined;
afterEach(async () => {
  await started?.close();
  started = undefined;
});

/** Reads an event stream as text until `until` holds or the stream ends; bounded by `timeoutMs`. */
async function readStream(response: Response, until: (text: string) => boolean, timeoutMs = 3000) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = setTimeout(() => void reader.cancel(), timeoutMs);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { text, ended: true };
      text += decoder.decode(value, { stream: true });
      if (until(text)) return { text, ended: false, reader };
    }
  } finally {
    clearTimeout(deadline);
  }
}

function requestEvents(text: string): RequestRow[] {
  return parseSse(text)
    .filter((event: ParsedEvent) => event.event === 'request')
    .map((event: ParsedEvent) => JSON.parse(event.data) as RequestRow);
}

describe('/api/events', () => {
  it('is an SSE stream with the security headers and no CORS', async () => {
    started = await startWithStore();
    const response = await fetch(`${started.url}/api/events`, { headers: { origin: 'http://evil.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const { text, reader } = await readStream(response, (soFar) => soFar.includes(': connected'));
    expect(text).toMatch(/^retry: \d+\n/);
    await reader?.cancel();
  });

  it('answers HEAD without holding a stream open', async () => {
    started = await startWithStore();
    const response = await fetch(`${started.url}/api/events`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  });

  it('pushes each recorded request as a compact row, before it is even written', async () => {
    started = await startWithStore();
    const response = await fetch(`${started.url}/api/events`);
    await readStream(response.clone(), (text) => text.includes(': connected'));
    const event = usageEvent({
      id: 'req_live',
      model: 'claude-sonnet-4-5',
      provider: 'openrouter',
      clientDialect: 'messages',
      clientName: 'claude-cli',
      attempts: [
        { provider: 'anthropic', status: 529, durationMs: 30, error: 'overloaded' },
        { provider: 'openrouter', status: 200, durationMs: 300 },
      ],
      costUsd: null,
      errorMessage: 'an upstream message that stays in the database',
      warnings: ['thinking dropped'],
      tag: 'secret-project',
    });
    started.store.writer.record(event);
    const { text } = await readStream(response, (soFar) => soFar.includes('event: request'));
    const [row] = requestEvents(text);
    expect(row).toEqual({
      id: 'req_live',
      ts: new Date(event.ts).toISOString(),
      provider: 'openrouter',
      model: 'claude-sonnet-4-5',
      client_dialect: 'messages',
      client_name: 'claude-cli',
      stream: true,
      status: 200,
      outcome: 'ok',
      input_tokens: 100,
      output_tokens: 20,
      cache_read_tokens: 0,
      cache_write_tokens: 0,
      cost_usd: null,
      latency_ms: 120,
      attempts: ['anthropic', 'openrouter'],
    });
    // The same shape as the database's rows, once written.
    await started.store.writer.flush();
    const page = (await (await fetch(`${started.url}/api/requests?since=24h`)).json()) as {
      requests: unknown[];
    };
    expect(page.requests).toEqual([row]);
  });

  it('sends a heartbeat comment while idle', async () => {
    started = await startWithStore({ heartbeatMs: 40 });
    const response = await fetch(`${started.url}/api/events`);
    const { text, reader } = await readStream(response, (soFar) => soFar.split(': heartbeat').length > 2);
    expect(text.split(': heartbeat').length).toBeGreaterThan(2);
    await reader?.cancel();
  });

  it('lets go of a client that goes away', async () => {
    started = await startWithStore();
    const server = started.dashboard.server;
    const connections = () =>
      new Promise<number>((resolve) => server.getConnections((_error, count) => resolve(count)));
    const client = get(`${started.url}/api/events`);
    await new Promise((resolve) => client.on('response', (response) => response.once('data', resolve)));
    expect(await connections()).toBe(1);
    client.destroy();
    await expect.poll(connections, { timeout: 2000 }).toBe(0);
    // Publishing to nobody is fine.
    started.store.writer.record(usageEvent());
  });

  it('close() ends open streams cleanly and promptly, and stops listening', async () => {
    started = await startWithStore();
    const response = await fetch(`${started.url}/api/events`);
    const reading = readStream(response, () => false, 5000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const startedAt = performance.now();
    await started.dashboard.close();
    const { ended } = await reading;
    expect(ended).toBe(true);
    expect(performance.now() - startedAt).toBeLessThan(1000);
    await expect(fetch(`${started.url}/api/info`)).rejects.toThrow();
    await started.store.close();
    started = undefined;
  });
});
