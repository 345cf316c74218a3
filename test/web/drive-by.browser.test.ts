import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { haveChromium, launchChromium } from '../support/chromium.js';
import { type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';

/**
 * A web page the user visits must not be able to spend the provider keys (issue: trust). A real
 * headless Chromium loads a page from another local origin (a second port) and tries what such a
 * page can: a "simple" text/plain POST that needs no preflight, a JSON POST (preflighted), and DNS
 * rebinding (its own hostname pointed at 127.0.0.1, so that it is "same origin" with the gateway).
 * Every attempt is refused and nothing reaches the upstream. A page whose origin is listed in
 * `allowedOrigins` may use the gateway and read its answers.
 */
const CHAT_BODY = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'spend it' }] });
const WAIT = { timeout: 8000 };

/** A page server on its own port: a different origin from the gateway's. */
async function startPageServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><title>some page</title><p>hello</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** What a fetch from the page gave: the status when readable, 'opaque' (no-cors), or the error. */
function fetchFromPage(page: Page, url: string, init: Record<string, unknown>): Promise<string | number> {
  return page.evaluate(
    async ([target, options]) => {
      try {
        const response = await fetch(target as string, options as RequestInit);
        return response.type === 'opaque' ? 'opaque' : response.status;
      } catch (error) {
        return `failed: ${(error as Error).name}`;
      }
    },
    [url, init] as const,
  );
}

describe.skipIf(!haveChromium)('a web page in Chromium cannot spend the keys', () => {
  let fake: FakeProvider;
  let gateway: TestGateway;
  let friendly: TestGateway;
  let pages: { server: Server; origin: string };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fake = await startFakeProvider();
    pages = await startPageServer();
    gateway = await startGateway(fake, { configured: ['openai'] });
    friendly = await startGateway(fake, {
      configured: ['openai'],
      config: { allowedOrigins: [pages.origin] },
    });
    browser = await launchChromium(['--host-resolver-rules=MAP rebind.test 127.0.0.1']);
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await friendly?.close();
    await new Promise((resolve) => pages?.server.close(resolve));
    await fake?.close();
  });

  beforeEach(async () => {
    fake.reset();
    await page.goto(`${pages.origin}/`, WAIT);
  });

  it('a text/plain POST (no preflight) is refused with 415 and never goes upstream', async () => {
    const before = gateway.recorder.events.length;
    const outcome = await fetchFromPage(page, `${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      mode: 'no-cors',
      headers: { 'content-type': 'text/plain' },
      body: CHAT_BODY,
    });
    expect(outcome).toBe('opaque'); // the page cannot read it; what matters is what the gateway did:
    const direct = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: pages.origin },
      body: CHAT_BODY,
    });
    expect(direct.status).toBe(403);
    expect(fake.requests).toHaveLength(0);
    expect(gateway.recorder.events.length).toBe(before);
  });

  it('an untyped Blob POST (no content-type at all) is refused too', async () => {
    const outcome = await fetchFromPage(page, `${gateway.url}/v1/messages`, {
      method: 'POST',
      mode: 'no-cors',
      body: new Blob([CHAT_BODY]) as unknown as string,
    });
    expect(outcome).toBe('opaque');
    expect(fake.requests).toHaveLength(0);
  });

  it('a JSON POST fails at its preflight', async () => {
    const outcome = await fetchFromPage(page, `${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: CHAT_BODY,
    });
    expect(outcome).toBe('failed: TypeError');
    expect(fake.requests).toHaveLength(0);
  });

  it('DNS rebinding: a same-origin page on rebind.test reads nothing and spends nothing', async () => {
    const port = new URL(gateway.url).port;
    await page.goto(`http://rebind.test:${port}/health`, WAIT);
    // Same origin now: the page could read answers if the gateway gave any.
    expect(await fetchFromPage(page, '/usage', {})).toBe(403);
    expect(await fetchFromPage(page, '/v1/models', {})).toBe(403);
    const post = await fetchFromPage(page, '/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: CHAT_BODY,
    });
    expect(post).toBe(403);
    const text = await page.evaluate(() => fetch('/v1/models').then((response) => response.text()));
    expect(JSON.parse(text)).toMatchObject({ error: { type: 'permission_error' } });
    expect(text).not.toContain('gpt-4o');
    expect(fake.requests).toHaveLength(0);
  });

  it('a page whose origin is in allowedOrigins may call the gateway and read the answer', async () => {
    const answer = await page.evaluate(
      async ([url, body]) => {
        const response = await fetch(url as string, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer unused' },
          body: body as string,
        });
        return {
          status: response.status,
          provider: response.headers.get('x-ekai-provider'),
          body: await response.json(),
        };
      },
      [`${friendly.url}/v1/chat/completions`, CHAT_BODY] as const,
    );
    expect(answer.status).toBe(200);
    expect(answer.provider).toBe('openai');
    expect(answer.body).toMatchObject({ object: 'chat.completion' });
    expect(fake.requests).toHaveLength(1);
    // The same page is still refused by the gateway that does not list it.
    const refused = await fetchFromPage(page, `${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: CHAT_BODY,
    });
    expect(refused).toBe('failed: TypeError');
    expect(fake.requests).toHaveLength(1);
  });
});
