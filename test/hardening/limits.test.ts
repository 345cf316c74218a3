import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/config/catalog.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { resolveProviders } from '../../src/config/providers.js';
import { createGateway } from '../../src/proxy/gateway.js';
import type { UpstreamClient } from '../../src/proxy/upstream.js';
import { Cooldowns } from '../../src/router/cooldown.js';
import { InvalidRangeError, parseRange } from '../../src/storage/range.js';
import { foldSummary, MAX_SERIES_BUCKETS } from '../../src/storage/summary-fold.js';
import type { UsageReader } from '../../src/storage/usage-reader.js';
import { closestMatches } from '../../src/util/did-you-mean.js';
import { requestsPage } from '../../src/web/requests-page.js';
import { type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';
import { providersFor, startGateway, type TestGateway } from '../support/gateway.js';
import { MemoryRecorder } from '../support/memory-recorder.js';
import { startWithStore, type TestDashboard } from '../web/harness.js';

const DAY_MS = 24 * 3_600_000;
const YEAR_SECONDS = 365 * 24 * 3600;

let fake: FakeProvider;
let gateway: TestGateway;
let dashboard: TestDashboard;

beforeAll(async () => {
  fake = await startFakeProvider();
  // Failures must not cool anything down by accident here: the cooldown tests start their own.
  gateway = await startGateway(fake, {
    db: ':memory:',
    config: { routing: { fallback: true, cooldownAfter: 100, cooldownSeconds: 30 } },
  });
  dashboard = await startWithStore();
});
afterAll(async () => {
  await dashboard.close();
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());

/** A GET that must answer quickly: a hang fails the test instead of freezing the run. */
async function getQuickly(url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
  return { status: response.status, text: await response.text() };
}

describe('H1/H2: range parameters are bounded (10 years), series are capped', () => {
  it('parseRange refuses relative ranges and dates beyond 10 years, and accepts 10 years', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    for (const since of ['9999999999d', '20000000d', '3654d', `${3654 * 24}h`, '0001-01-01', '1900-01-01']) {
      expect(() => parseRange(since, undefined, now), since).toThrow(InvalidRangeError);
    }
    expect(() => parseRange('7d', '9999-12-31', now)).toThrow(InvalidRangeError);
    expect(() => parseRange('7d', '2040-01-01', now)).toThrow(/10 years/);
    expect(parseRange('3653d', undefined, now).since.getTime()).toBe(now.getTime() - 3653 * DAY_MS);
    expect(parseRange('2020-01-01', '2026-07-01', now).until?.toISOString()).toBe('2026-07-01T00:00:00.000Z');
  });

  it('a page of requests with a NaN bound fails at once instead of widening its window for ever', async () => {
    let queries = 0;
    // Finds nothing, ever; counts the queries and gives up after 200 (the old loop never did).
    const reader = {
      records: () => ({
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            queries++;
            if (queries > 200) throw new Error('still looking after 200 queries');
            return { done: true, value: undefined };
          },
        }),
      }),
    } as unknown as UsageReader;
    await expect(requestsPage(reader, { since: Number.NaN, before: Date.now(), limit: 5 })).rejects.toThrow(
      /finite/,
    );
    await expect(
      requestsPage(reader, { since: 0, before: Number.POSITIVE_INFINITY, limit: 5 }),
    ).rejects.toThrow(/finite/);
    expect(queries).toBe(0);
  });

  it('a series over an absurd range holds at most MAX_SERIES_BUCKETS buckets', () => {
    const now = Date.now();
    const summary = foldSummary({ since: now - 1000 * 365 * DAY_MS, until: now }, now, [], []);
    expect(summary.by_time.length).toBeLessThanOrEqual(MAX_SERIES_BUCKETS);
    expect(MAX_SERIES_BUCKETS).toBeLessThan(8000);
  });

  it('GET /usage answers 400 invalid_range beyond 10 years, and serves 10 years with one bucket a day', async () => {
    for (const query of [
      'since=20000000d',
      'since=9999999999d',
      'since=3654d',
      'until=9999-12-31',
      'since=0001-01-01',
    ]) {
      const answer = await getQuickly(`${gateway.url}/usage?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.text, query).toContain('invalid_range');
    }
    const csv = await getQuickly(`${gateway.url}/usage?since=20000000d&format=csv`);
    expect(csv.status).toBe(400);
    const tenYears = await getQuickly(`${gateway.url}/usage?since=3653d`);
    expect(tenYears.status).toBe(200);
    expect(JSON.parse(tenYears.text).by_time.length).toBeLessThanOrEqual(3654);
  });

  it('the dashboard API answers 400 to the same ranges, and to a cursor beyond them', async () => {
    const cases = [
      ['/api/requests?since=9999999999d', 'invalid_range'],
      ['/api/summary?since=20000000d', 'invalid_range'],
      ['/api/summary?since=7d&until=9999-12-31', 'invalid_range'],
      [`/api/requests?before=${'9'.repeat(400)}`, 'invalid_query'],
      ['/api/requests?before=99999999999999999', 'invalid_query'],
      ['/api/requests?before=0001-01-01', 'invalid_query'],
    ];
    for (const [path, code] of cases) {
      const answer = await getQuickly(`${dashboard.url}${path}`);
      expect(answer.status, path).toBe(400);
      expect(answer.text, path).toContain(code);
    }
    expect((await getQuickly(`${dashboard.url}/api/requests?since=3653d`)).status).toBe(200);
  });
});

describe('H3/M3: model names are capped at 256 characters, before any matching', () => {
  const huge = 'x'.repeat(300_000);
  const message = [{ role: 'user', content: 'hi' }];

  it('did-you-mean gives no hint for a long input, at once', () => {
    const names = [...loadCatalog().byName.keys()];
    const started = performance.now();
    expect(closestMatches(huge, names)).toEqual([]);
    expect(closestMatches(`claude-sonnet-4${'-'.repeat(300)}`, names)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(50);
    // Short inputs still get their hints.
    expect(closestMatches('claude-sonet-4', names)[0]).toBe('claude-sonnet-4');
  });

  it('each completion route answers 400 invalid_request in its wire format, quickly, and records no long name', async () => {
    const routes = [
      ['/v1/chat/completions', { model: huge, messages: message }, 'chat'],
      ['/v1/responses', { model: huge, input: 'hi' }, 'responses'],
      ['/v1/messages', { model: huge, max_tokens: 5, messages: message }, 'messages'],
      ['/v1/messages/count_tokens', { model: huge, messages: message }, 'messages'],
    ] as const;
    const before = gateway.recorder.events.length;
    for (const [path, body, format] of routes) {
      const started = performance.now();
      const response = await fetch(`${gateway.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(3000),
      });
      expect(performance.now() - started, path).toBeLessThan(1000);
      expect(response.status, path).toBe(400);
      const error = (await response.json()) as { type?: string; error: { type: string; message: string } };
      expect(error.error.type, path).toBe('invalid_request_error');
      expect(error.error.message, path).toMatch(/at most 256/);
      if (format === 'messages') expect(error.type, path).toBe('error');
    }
    expect(fake.requests).toHaveLength(0);
    for (const event of gateway.recorder.events.slice(before)) {
      expect(event.requestedModel.length).toBeLessThanOrEqual(256);
      expect(event.model.length).toBeLessThanOrEqual(256);
    }
  });

  it('a 256-character name is still looked up (and not found)', async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'y'.repeat(256), messages: message }),
    });
    expect(response.status).toBe(404);
  });
});

/** A node:http POST sending `Expect: 100-continue`: the body goes only once the server says continue. */
function postExpectingContinue(
  url: string,
  body: string,
): Promise<{ status: number; text: string; continued: boolean }> {
  return new Promise((resolve, reject) => {
    let continued = false;
    const request = httpRequest(
      url,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          expect: '100-continue',
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => {
          request.destroy();
          resolve({ status: response.statusCode ?? 0, text, continued });
        });
      },
    );
    request.setTimeout(5000, () => request.destroy(new Error('no answer within 5 s')));
    request.on('continue', () => {
      continued = true;
      request.end(body);
    });
    request.on('error', reject);
    request.flushHeaders();
  });
}

describe('H6: Expect: 100-continue', () => {
  // Over 1 MB, as curl sends it.
  const big = JSON.stringify({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'z'.repeat(1_100_000) }],
  });

  it('is answered by the gateway, never forwarded, and never cools a provider down', async () => {
    for (let round = 0; round < 3; round++) {
      const answer = await postExpectingContinue(`${gateway.url}/v1/chat/completions`, big);
      expect(answer.continued).toBe(true);
      expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    }
    expect(fake.requests).toHaveLength(3);
    for (const upstream of fake.requests) expect(upstream.headers.expect).toBeUndefined();
    const health = (await (await fetch(`${gateway.url}/health`)).json()) as {
      providers: Record<string, { coolingDown: boolean; consecutiveFailures?: number }>;
    };
    expect(health.providers.openai).toMatchObject({ coolingDown: false });
    expect(health.providers.openai?.consecutiveFailures).toBeUndefined();
  });

  it('a body declared over maxBodyBytes gets its 413 without a 100 Continue', async () => {
    const small = await startGateway(fake, { config: { maxBodyBytes: 1000 } });
    try {
      const answer = await postExpectingContinue(`${small.url}/v1/chat/completions`, big);
      expect(answer.status).toBe(413);
      expect(answer.continued).toBe(false);
      expect(fake.requests).toHaveLength(0);
    } finally {
      await small.close();
    }
  });

  it('a request the HTTP client refuses to send is a 400, not a provider failure', async () => {
    const refusing: UpstreamClient = {
      request: async () => {
        throw Object.assign(new Error('expect header not supported'), { code: 'UND_ERR_NOT_SUPPORTED' });
      },
      close: async () => {},
    };
    const config = {
      ...DEFAULT_CONFIG,
      port: 0,
      providers: providersFor(fake, ['openai']),
      routing: { fallback: true, cooldownAfter: 1, cooldownSeconds: 60 },
    };
    const catalog = loadCatalog();
    const local = createGateway({
      config,
      catalog,
      providers: resolveProviders(catalog, config, {}),
      recorder: new MemoryRecorder(),
      version: 'test',
      upstream: refusing,
    });
    const { port } = (await local.listen()) as AddressInfo;
    try {
      for (let round = 0; round < 3; round++) {
        const response = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
        });
        expect(response.status).toBe(400);
        expect(await response.text()).toContain('expect header not supported');
      }
      const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
        providers: Record<string, { coolingDown: boolean; consecutiveFailures?: number }>;
      };
      expect(health.providers.openai?.coolingDown).toBe(false);
      expect(health.providers.openai?.consecutiveFailures).toBeUndefined();
    } finally {
      await local.close(100);
    }
  });
});

describe('H7: a provider retry-after cools it down for at most routing.maxRetryAfterSeconds', () => {
  it('caps a year-long retry-after at the default 600 s, or at the configured value', () => {
    const now = 1_000_000;
    const capped = (settings: ConstructorParameters<typeof Cooldowns>[0]) => {
      const cooldowns = new Cooldowns(settings, () => now);
      for (let failure = 0; failure < 3; failure++) cooldowns.recordFailure('openai', YEAR_SECONDS * 1000);
      return cooldowns.snapshot().openai?.coolingDownForSeconds;
    };
    expect(capped({ cooldownAfter: 3, cooldownSeconds: 30 })).toBe(600);
    expect(capped({ cooldownAfter: 3, cooldownSeconds: 30, maxRetryAfterSeconds: 120 })).toBe(120);
    // The cap is on the provider's ask, not on ekai's own cooldown.
    expect(capped({ cooldownAfter: 3, cooldownSeconds: 900, maxRetryAfterSeconds: 120 })).toBe(900);
    expect(DEFAULT_CONFIG.routing.maxRetryAfterSeconds).toBe(600);
  });

  it('three 429s asking for a year leave the provider cooling for at most 10 minutes', async () => {
    const only = await startGateway(fake, {
      configured: ['openai'],
      config: { routing: { fallback: true, cooldownAfter: 3, cooldownSeconds: 30 } },
    });
    try {
      fake.inject(
        { status: 429, headers: { 'retry-after': String(YEAR_SECONDS) } },
        { provider: 'openai', count: 3 },
      );
      for (let round = 0; round < 3; round++) {
        const response = await fetch(`${only.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
        });
        expect(response.status).toBe(429);
      }
      const health = (await (await fetch(`${only.url}/health`)).json()) as {
        providers: Record<string, { coolingDown: boolean; coolingDownForSeconds: number }>;
      };
      expect(health.providers.openai?.coolingDown).toBe(true);
      expect(health.providers.openai?.coolingDownForSeconds).toBeLessThanOrEqual(600);
      expect(health.providers.openai?.coolingDownForSeconds).toBeGreaterThan(590);
    } finally {
      await only.close();
    }
  });
});
