import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageSummary } from '../../src/storage/summary.js';
import type { RequestsPage } from '../../src/web/index.js';
import { FAKE_KEYS, type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { comparable, rawGet, startTestDashboard, type TestDashboard } from './harness.js';

let fake: FakeProvider;
let gateway: TestGateway;
let web: TestDashboard;
let openai: OpenAI;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway(fake, { db: ':memory:' });
  const store = gateway.store!;
  web = await startTestDashboard({
    reader: store.reader,
    subscribe: (listener) => store.writer.onRecord(listener),
    gatewayUrl: gateway.url,
  });
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client-key-never-shown', maxRetries: 0 });
  for (const [model, text] of [
    ['gpt-4o', 'hello'],
    ['gpt-4o', '[cache] hi'],
    ['claude-sonnet-4-5', 'translated'],
    ['claude-opus-9-9', 'a model the catalog does not price'],
  ] as const) {
    await openai.chat.completions.create({ model, messages: [{ role: 'user', content: text }] });
  }
  await store.writer.flush();
});
afterAll(async () => {
  await web?.close();
  await gateway?.close();
  await fake?.close();
});

async function json<T>(path: string): Promise<T> {
  const response = await fetch(`${web.url}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

describe('the page and its assets', () => {
  it('serves the page, its modules, its stylesheet and the chart library from the package', async () => {
    const page = await fetch(`${web.url}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/app.js">');
    for (const [path, type] of [
      ['/app.js', 'text/javascript; charset=utf-8'],
      ['/style.css', 'text/css; charset=utf-8'],
      ['/vendor/uplot.esm.js', 'text/javascript; charset=utf-8'],
      ['/vendor/uplot.min.css', 'text/css; charset=utf-8'],
      ['/favicon.svg', 'image/svg+xml'],
    ]) {
      const response = await fetch(`${web.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe(type);
    }
    expect(await (await fetch(`${web.url}/vendor/uplot.esm.js`)).text()).toContain(
      'export { uPlot as default }',
    );
  });

  it('revalidates assets with an ETag (304)', async () => {
    const first = await fetch(`${web.url}/app.js`);
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await rawGet(`${web.url}/app.js`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers 404 for anything else, and never serves files outside its table', async () => {
    for (const path of [
      '/nope',
      '/../package.json',
      '/%2e%2e/package.json',
      '/tsconfig.json',
      '/types.d.ts',
    ]) {
      expect((await rawGet(`${web.url}${path}`)).status, path).toBe(404);
    }
    const api = await fetch(`${web.url}/api/nope`);
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: { code: 'not_found', message: 'no such API route' } });
  });

  it('is read-only: other methods get 405', async () => {
    const response = await fetch(`${web.url}/api/summary`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('security headers, CORS, keys', () => {
  const paths = [
    '/',
    '/app.js',
    '/api/summary',
    '/api/requests',
    '/api/info',
    '/nope',
    '/api/summary?since=x',
  ];

  it('sends the same-origin CSP, nosniff and no-referrer on every response', async () => {
    for (const path of paths) {
      const response = await fetch(`${web.url}${path}`);
      expect(response.headers.get('content-security-policy'), path).toMatch(/^default-src 'self'; /);
      expect(response.headers.get('content-security-policy'), path).not.toMatch(/unsafe|\*/);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('sends no CORS headers at all, even to a cross-origin request or preflight', async () => {
    const origin = { origin: 'http://evil.example' };
    for (const path of paths) {
      const response = await fetch(`${web.url}${path}`, { headers: origin });
      const cors = [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));
      expect(cors, path).toEqual([]);
    }
    const preflight = await fetch(`${web.url}/api/summary`, {
      method: 'OPTIONS',
      headers: { ...origin, 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(405);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a foreign Host header on loopback (DNS rebinding)', async () => {
    const port = new URL(web.url).port;
    for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1.evil.example']) {
      expect((await rawGet(`${web.url}/api/summary`, { host })).status, host).toBe(403);
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost']) {
      expect((await rawGet(`${web.url}/api/summary`, { host })).status, host).toBe(200);
    }
  });

  it('never shows a provider key or the client key in any response', async () => {
    const secrets = [...Object.values(FAKE_KEYS), 'client-key-never-shown'];
    const stream = await fetch(`${web.url}/api/events`);
    const reader = stream.body!.getReader();
    const { value } = await reader.read();
    await reader.cancel();
    const bodies = [new TextDecoder().decode(value)];
    for (const path of [...paths, '/api/summary?since=30d', '/style.css', '/vendor/uplot.esm.js']) {
      const response = await fetch(`${web.url}${path}`);
      bodies.push(JSON.stringify([...response.headers]), await response.text());
    }
    for (const secret of secrets) for (const body of bodies) expect(body).not.toContain(secret);
  });
});

describe('JSON API', () => {
  it('/api/summary is the /usage body, for each range', async () => {
    for (const since of ['24h', '7d', '30d']) {
      const dashboard = await json<UsageSummary>(`/api/summary?since=${since}`);
      const usage = (await (await fetch(`${gateway.url}/usage?since=${since}`)).json()) as UsageSummary;
      expect(comparable(dashboard), since).toEqual(comparable(usage));
    }
    const summary = await json<UsageSummary>('/api/summary?since=24h');
    expect(summary.totals).toMatchObject({ requests: 4, unpriced_requests: 1 });
    expect(summary.by_model.find((row) => row.model === 'claude-opus-9-9')?.cost_usd).toBeNull();
  });

  it('/api/summary refuses a bad range with 400 and a readable message', async () => {
    const response = await fetch(`${web.url}/api/summary?since=yesterday`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_range' } });
  });

  it('/api/requests pages newest first, in the /usage row shape', async () => {
    const page = await json<RequestsPage>('/api/requests?since=24h&limit=3');
    const usage = (await (await fetch(`${gateway.url}/usage?since=24h`)).json()) as UsageSummary;
    expect(page.requests).toEqual(usage.recent.slice(0, 3));
    expect(page.next_before).toBe(page.requests[2]?.ts);
    const rest = await json<RequestsPage>(`/api/requests?since=24h&limit=3&before=${page.next_before}`);
    expect(rest.requests.map((row) => row.id)).toEqual(usage.recent.slice(3).map((row) => row.id));
    expect(rest.next_before).toBeNull();
  });

  it('/api/requests refuses a bad cursor or limit', async () => {
    for (const query of ['before=soon', 'limit=0', 'limit=ten', 'since=nope']) {
      expect((await fetch(`${web.url}/api/requests?${query}`)).status, query).toBe(400);
    }
  });

  it('/api/info names the gateway for the empty state', async () => {
    expect(await json('/api/info')).toEqual({ gateway_url: gateway.url });
  });
});
