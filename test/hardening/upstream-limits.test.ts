import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_KEYS, type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { type HostileUpstream, SSE_HEADERS, send, startHostileUpstream } from './hostile-upstream.js';

/**
 * Issue 15, H4 and M1: what an upstream sends is bounded. An SSE line without an end cost quadratic
 * time (50 MB: 48 s, 880 MB RSS, other clients stalled); compressed and JSON answers were buffered
 * and inflated without limit (four 1 MB gzip bombs: 6 GB RSS).
 */

const MiB = 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'a');

let fake: FakeProvider;
let upstream: HostileUpstream;

beforeAll(async () => {
  fake = await startFakeProvider();
  upstream = await startHostileUpstream();
});
afterAll(async () => {
  await upstream.close();
  await fake.close();
});

/** OpenAI points at the hostile upstream; Anthropic at the well-behaved fake (the bystander). */
function gatewayWith(limits?: { maxSseLineBytes?: number; maxUpstreamBodyBytes?: number }) {
  return startGateway(fake, {
    config: {
      routing: { fallback: false, cooldownAfter: 1000, cooldownSeconds: 1 },
      providers: {
        openai: { apiKey: 'sk-limits-openai-0000', baseUrl: `${upstream.url}/openai` },
        anthropic: { apiKey: FAKE_KEYS.anthropic, baseUrl: fake.baseUrl('anthropic') },
      },
      ...(limits && { limits: { maxSseLineBytes: 16 * MiB, maxUpstreamBodyBytes: 64 * MiB, ...limits } }),
    },
  });
}

const post = (gateway: TestGateway, path: string, body: object) =>
  fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify(body),
  });

const CHAT = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] };
const MESSAGES = { model: 'gpt-4o', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] };

describe('H4: an SSE line that never ends', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await gatewayWith(); // the default limit, 16 MiB
  });
  afterAll(() => gateway.close());

  /** `data: aaaa…` in 64 KiB writes, up to 40 MB, never a newline; stops when the gateway hangs up. */
  function endlessLine() {
    upstream.handler = async (_request, response) => {
      response.writeHead(200, SSE_HEADERS);
      if (!(await send(response, response, 'data: '))) return;
      for (let sent = 0; sent < 40 * 1000 * 1000; sent += CHUNK.length) {
        if (!(await send(response, response, CHUNK))) return;
      }
      response.end();
    };
  }

  it.each([
    {
      dialect: 'same dialect (spliced)',
      path: '/v1/chat/completions',
      body: CHAT,
      error: /data: \{"error":/,
    },
    {
      dialect: 'translated (Messages client)',
      path: '/v1/messages',
      body: MESSAGES,
      error: /event: error\n/,
    },
  ])(
    '$dialect: an in-stream error soon after the limit, while another client is served',
    async ({ path, body, error }) => {
      endlessLine();
      const recorded = gateway.nextEvents(2);
      const started = performance.now();
      const hostile = post(gateway, path, { ...body, stream: true }).then((response) => response.text());
      // A bystander on a healthy provider, while the hostile stream is being read.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const bystanderStarted = performance.now();
      const bystander = await post(gateway, '/v1/messages', { ...MESSAGES, model: 'claude-sonnet-4' });
      expect(bystander.status).toBe(200);
      await bystander.json();
      expect(performance.now() - bystanderStarted).toBeLessThan(3000);
      const text = await hostile;
      expect(performance.now() - started).toBeLessThan(8000);
      expect(text).toMatch(error);
      expect(text).toMatch(/longer than 16777216 bytes/);
      // The client never gets the 16 MB of the endless line.
      expect(text.length).toBeLessThan(4096);
      const events = await recorded;
      const event = events.find((candidate) => candidate.model === 'gpt-4o');
      expect(event?.outcome).toBe('error');
      expect(event?.errorMessage).toMatch(/longer than 16777216 bytes/);
    },
    15_000,
  );
});

describe('M1: upstream bodies are bounded (limit set to 1 MiB here)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await gatewayWith({ maxUpstreamBodyBytes: MiB });
  });
  afterAll(() => gateway.close());

  /** A gzip bomb made on the fly: up to 256 MiB of zeros, compressed about 1000:1. */
  function gzipBomb() {
    upstream.handler = async (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      const gzip = createGzip();
      gzip.pipe(response);
      const zeros = Buffer.alloc(MiB);
      if (!(await send(gzip, response, '{"id":"chatcmpl-bomb","padding":"'))) return;
      for (let i = 0; i < 256; i++) {
        if (!(await send(gzip, response, zeros))) {
          gzip.destroy();
          return;
        }
      }
      gzip.end('"}');
    };
  }

  /** A plain JSON answer of 3 MiB. */
  function largeJson() {
    upstream.handler = (_request, response) => {
      const text = JSON.stringify({
        id: 'chatcmpl-large',
        object: 'chat.completion',
        created: 1,
        model: 'gpt-4o',
        choices: [
          { index: 0, message: { role: 'assistant', content: 'x'.repeat(3 * MiB) }, finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(text);
    };
  }

  it.each([
    {
      answer: 'a gzip bomb',
      make: gzipBomb,
      client: 'Chat (same dialect)',
      path: '/v1/chat/completions',
      body: CHAT,
    },
    {
      answer: 'a gzip bomb',
      make: gzipBomb,
      client: 'Messages (translated)',
      path: '/v1/messages',
      body: MESSAGES,
    },
    {
      answer: '3 MiB of JSON',
      make: largeJson,
      client: 'Chat (same dialect)',
      path: '/v1/chat/completions',
      body: CHAT,
    },
    {
      answer: '3 MiB of JSON',
      make: largeJson,
      client: 'Messages (translated)',
      path: '/v1/messages',
      body: MESSAGES,
    },
  ])(
    '$answer to a $client client: 502 in its dialect, recorded as an error',
    async ({ make, path, body }) => {
      make();
      const rssBefore = process.memoryUsage().rss;
      const recorded = gateway.nextEvents();
      const response = await post(gateway, path, body);
      if (response.status !== 502) await response.body?.cancel();
      expect(response.status).toBe(502);
      const error = (await response.json()) as { type?: string; error: { message: string; type: string } };
      if (path === '/v1/messages') expect(error.type).toBe('error');
      expect(error.error.message).toMatch(/larger than 1048576 bytes/);
      const [event] = await recorded;
      expect(event?.outcome).toBe('error');
      expect(event?.errorMessage).toMatch(/larger than 1048576 bytes/);
      // Loose: the bomb inflates to 256 MiB; cut at 1 MiB, the gateway holds a few MiB at most.
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(128 * MiB);
    },
    15_000,
  );
});
