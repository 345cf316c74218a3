import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/config/catalog.js';
import type { UsageSummary } from '../../src/storage/summary.js';
import { type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { type Family, parsePrometheusText, sumOf } from '../support/prometheus-text.js';

let fake: FakeProvider;
let gateway: TestGateway;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway(fake, {
    db: ':memory:',
    config: { routing: { fallback: true, cooldownAfter: 100, cooldownSeconds: 30 } },
  });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});

function post(path: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const anthropic: Record<string, string> =
    path === '/v1/messages' ? { 'anthropic-version': '2023-06-01' } : {};
  return fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...anthropic, ...headers },
    body: JSON.stringify(body),
  });
}

const user = (content: string) => [{ role: 'user', content }];

async function scrape(url = gateway.url, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parsePrometheusText(await response.text());
}

/** /usage once every recorded request has been written (the writer batches every 100 ms). */
async function usageOf(count: number): Promise<UsageSummary> {
  for (let poll = 0; poll < 100; poll++) {
    const summary = (await (await fetch(`${gateway.url}/usage?since=24h`)).json()) as UsageSummary;
    if (summary.totals.requests >= count) return summary;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`/usage never showed ${count} requests`);
}

describe('GET /metrics after traffic through the fake provider', () => {
  let families: Map<string, Family>;
  let summary: UsageSummary;

  beforeAll(async () => {
    const answers = [
      // Three plain Chat requests, one streamed.
      post('/v1/chat/completions', { model: 'gpt-4o', messages: user('hi') }),
      post('/v1/chat/completions', { model: 'gpt-4o', messages: user('[cache] hi') }),
      post('/v1/chat/completions', { model: 'gpt-4o', stream: true, messages: user('[long 5] hi') }),
      // Messages, streamed, with cache reads and writes.
      post('/v1/messages', {
        model: 'claude-sonnet-4',
        max_tokens: 50,
        stream: true,
        messages: user('[cache] hi'),
      }),
      // Responses on Claude: translated.
      post('/v1/responses', { model: 'claude-sonnet-4', input: 'hi' }),
      // A model only a pattern knows: no price → unpriced, and "other" as its model label.
      post('/v1/messages', { model: 'claude-opus-9-9', max_tokens: 10, messages: user('hi') }),
      // The client's mistakes: an unknown model (no provider tried), a bad body.
      post('/v1/chat/completions', { model: 'no-such-model-anywhere', messages: user('hi') }),
      post('/v1/chat/completions', { model: 'gpt-4o' }),
    ];
    for (const answer of answers) await (await answer).text();
    // A fallback: OpenAI answers 500 (after 40 ms: upstream time, not ekai's overhead), OpenRouter serves gpt-4o.
    fake.inject({ status: 500, firstByteDelayMs: 40 }, { provider: 'openai' });
    await (await post('/v1/chat/completions', { model: 'gpt-4o', messages: user('hi') })).text();
    // An error relayed from the only provider of glm-4.6.
    fake.inject({ status: 503 }, { provider: 'zai' });
    await (await post('/v1/messages', { model: 'glm-4.6', max_tokens: 10, messages: user('hi') })).text();
    await gateway.waitForEvents(10);
    families = await scrape();
    summary = await usageOf(10);
  });

  it('is valid exposition text: every family has HELP and TYPE, histograms are cumulative and end with +Inf', () => {
    // parsePrometheusText already threw on anything malformed; here, what it found.
    expect([...families.keys()]).toEqual(
      expect.arrayContaining([
        'ekai_requests_total',
        'ekai_request_errors_total',
        'ekai_upstream_attempts_total',
        'ekai_fallback_requests_total',
        'ekai_tokens_total',
        'ekai_cost_usd_total',
        'ekai_unpriced_requests_total',
        'ekai_upstream_latency_seconds',
        'ekai_gateway_overhead_seconds',
        'ekai_in_flight_requests',
        'ekai_in_flight_streams',
        'ekai_provider_cooling_down',
        'ekai_provider_consecutive_failures',
        'ekai_worker_processes',
      ]),
    );
    for (const family of families.values()) {
      expect(family.help, family.name).toBeTruthy();
      expect(family.type, family.name).not.toBe('untyped');
    }
    expect(families.get('ekai_upstream_latency_seconds')?.type).toBe('histogram');
    expect(families.get('ekai_in_flight_requests')?.type).toBe('gauge');
  });

  it('counters equal /usage: requests, errors, tokens by kind, cost, unpriced, per provider and model', () => {
    const { totals } = summary;
    expect(totals.requests).toBe(10);
    expect(sumOf(families, 'ekai_requests_total')).toBe(totals.requests);
    expect(sumOf(families, 'ekai_request_errors_total')).toBe(totals.errors);
    expect(sumOf(families, 'ekai_requests_total', { outcome: 'error' })).toBe(totals.errors);
    expect(totals.errors).toBe(3);
    const tokens = (kind: string) => sumOf(families, 'ekai_tokens_total', { kind });
    expect(tokens('input')).toBe(totals.input_tokens);
    expect(tokens('output')).toBe(totals.output_tokens);
    expect(tokens('cache_read')).toBe(totals.cache_read_tokens);
    expect(tokens('cache_write')).toBe(totals.cache_write_tokens);
    expect(totals.cache_write_tokens).toBeGreaterThan(0);
    expect(sumOf(families, 'ekai_cost_usd_total')).toBeCloseTo(totals.cost_usd ?? 0, 12);
    expect(sumOf(families, 'ekai_unpriced_requests_total')).toBe(totals.unpriced_requests);
    expect(totals.unpriced_requests).toBe(1);
    for (const row of summary.by_provider) {
      const provider = row.provider === '' ? 'none' : row.provider;
      expect(sumOf(families, 'ekai_requests_total', { provider }), provider).toBe(row.requests);
      expect(sumOf(families, 'ekai_request_errors_total', { provider }), provider).toBe(row.errors);
    }
    const sonnet = summary.by_model.find((row) => row.model === 'claude-sonnet-4');
    expect(sumOf(families, 'ekai_requests_total', { model: 'claude-sonnet-4' })).toBe(sonnet?.requests);
  });

  it('labels: client wire format (label `dialect`), outcome and status class; unknown models become "other"', () => {
    expect(sumOf(families, 'ekai_requests_total', { dialect: 'responses', outcome: 'ok' })).toBe(1);
    expect(sumOf(families, 'ekai_requests_total', { dialect: 'messages' })).toBe(3);
    expect(sumOf(families, 'ekai_requests_total', { status_class: '4xx' })).toBe(2);
    expect(sumOf(families, 'ekai_requests_total', { status_class: '5xx', provider: 'zai' })).toBe(1);
    // The unknown model and the bad body reached no provider; the pattern-only model is "other" too.
    expect(sumOf(families, 'ekai_requests_total', { provider: 'none' })).toBe(2);
    expect(sumOf(families, 'ekai_requests_total', { model: 'other' })).toBe(3);
    const catalog = new Set(loadCatalog().models.map((model) => model.id));
    for (const sample of families.get('ekai_requests_total')?.samples ?? []) {
      const model = sample.labels.model ?? '';
      expect(catalog.has(model) || model === 'other', model).toBe(true);
    }
  });

  it('fallbacks, attempts and the latency histograms count what the records say', () => {
    const events = gateway.recorder.events;
    const attempts = events.flatMap((event) => event.attempts);
    expect(sumOf(families, 'ekai_fallback_requests_total')).toBe(1);
    expect(sumOf(families, 'ekai_fallback_requests_total', { provider: 'openrouter' })).toBe(1);
    expect(sumOf(families, 'ekai_upstream_attempts_total')).toBe(attempts.length);
    expect(sumOf(families, 'ekai_upstream_attempts_total', { provider: 'openai', status_class: '5xx' })).toBe(
      1,
    );
    const latency = 'ekai_upstream_latency_seconds';
    expect(sumOf(families, `${latency}_count`, {}, latency)).toBe(attempts.length);
    expect(sumOf(families, `${latency}_bucket`, { le: '+Inf' }, latency)).toBe(attempts.length);
    const upstreamSeconds = attempts.reduce((sum, attempt) => sum + attempt.durationMs, 0) / 1000;
    expect(sumOf(families, `${latency}_sum`, {}, latency)).toBeCloseTo(upstreamSeconds, 9);
    const overhead = 'ekai_gateway_overhead_seconds';
    const whole = events.filter((event) => !event.stream && event.outcome !== 'aborted');
    expect(sumOf(families, `${overhead}_count`, {}, overhead)).toBe(whole.length);
    // docs/scaling.md: a whole request's latency minus the sum of its attempts' durations.
    const ownMs = whole.map(
      (event) => event.latencyMs - event.attempts.reduce((sum, attempt) => sum + attempt.durationMs, 0),
    );
    expect(
      whole.find((event) => event.attempts.length === 2)?.attempts[0]?.durationMs,
    ).toBeGreaterThanOrEqual(40);
    expect(sumOf(families, `${overhead}_sum`, {}, overhead)).toBeCloseTo(
      ownMs.reduce((sum, ms) => sum + ms, 0) / 1000,
      9,
    );
  });

  it('gauges: nothing in flight now, one worker process, no provider cooling down', () => {
    expect(sumOf(families, 'ekai_in_flight_requests')).toBe(0);
    expect(sumOf(families, 'ekai_in_flight_streams')).toBe(0);
    expect(sumOf(families, 'ekai_worker_processes')).toBe(1);
    expect(sumOf(families, 'ekai_provider_cooling_down')).toBe(0);
    expect(
      families.get('ekai_provider_cooling_down')?.samples.map((sample) => sample.labels.provider),
    ).toEqual(expect.arrayContaining(['openai', 'anthropic', 'openrouter', 'xai', 'zai']));
  });
});

describe('gauges read at scrape time', () => {
  it('counts a stream in flight while it runs', async () => {
    fake.inject({ chunkDelayMs: 50 }, { provider: 'anthropic' });
    const response = await post('/v1/messages', {
      model: 'claude-sonnet-4',
      max_tokens: 50,
      stream: true,
      messages: user('[long 3] hi'),
    });
    const reader = response.body!.getReader();
    await reader.read();
    const during = await scrape();
    expect(sumOf(during, 'ekai_in_flight_requests')).toBe(1);
    expect(sumOf(during, 'ekai_in_flight_streams')).toBe(1);
    while (!(await reader.read()).done) {}
  });

  it('shows a provider cooling down, and its failures in a row', async () => {
    const cooling = await startGateway(fake, {
      configured: ['zai'],
      config: { routing: { fallback: true, cooldownAfter: 1, cooldownSeconds: 60 } },
    });
    try {
      fake.inject({ status: 503 }, { provider: 'zai' });
      const failed = await fetch(`${cooling.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: 'glm-4.6', max_tokens: 10, messages: user('hi') }),
      });
      expect(failed.status).toBe(503);
      const families = await scrape(cooling.url);
      expect(sumOf(families, 'ekai_provider_cooling_down', { provider: 'zai' })).toBe(1);
      expect(sumOf(families, 'ekai_provider_consecutive_failures', { provider: 'zai' })).toBe(1);
    } finally {
      await cooling.close();
    }
  });
});

describe('access', () => {
  it('needs a gateway key when keys are configured, like every route but /health', async () => {
    const locked = await startGateway(fake, { config: { gatewayKeys: ['metrics-key-123'] } });
    try {
      expect((await fetch(`${locked.url}/metrics`)).status).toBe(401);
      await scrape(locked.url, { authorization: 'Bearer metrics-key-123' });
      const post = await fetch(`${locked.url}/metrics`, {
        method: 'POST',
        headers: { authorization: 'Bearer metrics-key-123' },
      });
      expect(post.status).toBe(404);
    } finally {
      await locked.close();
    }
  });
});
