import { mkdirSync } from 'node:fs';
import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageSummary } from '../../src/storage/summary.js';
import { haveChromium, launchChromium } from '../support/chromium.js';
import { type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { usageEvent } from '../support/usage-event.js';
import { startTestDashboard, startWithStore, type TestDashboard } from './harness.js';

/**
 * The dashboard in a real headless Chromium (Debian's `chromium` package; .ci/run installs it):
 * a gateway with a real usage store in front of the fake provider, the dashboard over that store,
 * traffic from the real OpenAI SDK.
 */
const SCREENSHOT = 'test-results/dashboard.png';
const DAY = 86_400_000;
/** Every wait in the page is bounded by this. */
const WAIT = { timeout: 8000 };

interface Totals {
  requests: number;
  cost_usd: number | null;
  input_tokens: number;
  output_tokens: number;
  cache_tokens: [number, number];
  error_rate: number | null;
}

describe.skipIf(!haveChromium)('the dashboard in Chromium', () => {
  let fake: FakeProvider;
  let gateway: TestGateway;
  let web: TestDashboard;
  let browser: Browser;
  let page: Page;
  let openai: OpenAI;
  const pageErrors: string[] = [];

  const startWeb = (port?: number) => {
    const store = gateway.store!;
    return startTestDashboard({
      reader: store.reader,
      subscribe: (listener) => store.writer.onRecord(listener),
      gatewayUrl: gateway.url,
      ...(port !== undefined && { port }),
    });
  };

  beforeAll(async () => {
    fake = await startFakeProvider();
    gateway = await startGateway(fake, { db: ':memory:' });
    web = await startWeb();
    browser = await launchChromium();
    openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });
    for (const [model, text] of [
      ['gpt-4o', 'hello'],
      ['gpt-4o', '[cache] a cached prompt'],
      ['claude-sonnet-4-5', 'translated to Anthropic'],
      ['claude-opus-9-9', 'a model without a price'],
      ['gpt-4o-mini', '[error 500]'],
    ] as const) {
      await openai.chat.completions
        .create({ model, messages: [{ role: 'user', content: text }] })
        .catch(() => {});
    }
    // An old request, so that the last 24 hours and the last 7 days differ.
    gateway.store!.writer.record(
      usageEvent({ id: 'req_three_days_ago', ts: Date.now() - 3 * DAY, inputTokens: 5000, costUsd: 0.25 }),
    );
    await gateway.store!.writer.flush();
    page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await gateway?.close();
    await fake?.close();
  });

  async function usage(since: string): Promise<UsageSummary> {
    return (await (await fetch(`${gateway.url}/usage?since=${since}`)).json()) as UsageSummary;
  }

  /** The figures behind the cards (each card keeps its exact value in data-value). */
  async function pageTotals(on: Page = page): Promise<Totals> {
    const figures: Record<string, unknown> = {};
    for (const card of await on.locator('[data-total]').all()) {
      const value = (await card.getAttribute('data-value')) ?? 'null';
      figures[(await card.getAttribute('data-total')) ?? ''] = JSON.parse(value);
    }
    return figures as unknown as Totals;
  }

  function waitForRequests(count: number, on: Page = page) {
    return on.waitForSelector(`[data-total="requests"][data-value="${count}"]`, WAIT);
  }

  async function expectTotalsOf(since: string) {
    const expected = await usage(since);
    await waitForRequests(expected.totals.requests);
    const shown = await pageTotals();
    const { totals } = expected;
    expect(shown.requests).toBe(totals.requests);
    expect(shown.cost_usd).toBeCloseTo(totals.cost_usd!, 12);
    expect(shown.input_tokens).toBe(totals.input_tokens);
    expect(shown.output_tokens).toBe(totals.output_tokens);
    expect(shown.cache_tokens).toEqual([totals.cache_read_tokens, totals.cache_write_tokens]);
    expect(shown.error_rate).toBeCloseTo(totals.errors / totals.requests, 12);
    expect(await page.textContent('[data-total="requests"] .value')).toBe(String(totals.requests));
    return expected;
  }

  it('shows the same totals as /usage, with charts, breakdowns and recent requests', async () => {
    await page.goto(`${web.url}/#24h`);
    await page.waitForSelector('body[data-ready="true"]', WAIT);
    const expected = await expectTotalsOf('24h');
    expect(expected.totals).toMatchObject({ requests: 5, errors: 1, unpriced_requests: 1 });
    // Charts are drawn by the bundled uPlot, on canvas.
    expect(await page.locator('#spend-chart canvas').count()).toBe(1);
    expect(await page.locator('#tokens-chart canvas').count()).toBe(1);
    for (const { provider } of expected.by_provider) {
      await page.waitForSelector(`#by-provider tr[data-name="${provider}"]`, WAIT);
    }
    for (const { model } of expected.by_model)
      await page.waitForSelector(`#by-model tr[data-name="${model}"]`, WAIT);
    // The request without a price says so, rather than $0.
    const unpriced = expected.recent.find((row) => row.model === 'claude-opus-9-9')!;
    expect(await page.textContent(`tr[data-id="${unpriced.id}"] td.unknown`)).toBe('unknown');
    expect(await page.textContent('#by-model tr[data-name="claude-opus-9-9"] td.unknown')).toBe('unknown');
    expect(await page.locator('#requests tbody tr').count()).toBe(5);
    expect(await page.isVisible('#banner')).toBe(false);
    expect(await page.isVisible('#empty')).toBe(false);
  });

  it('changes the figures with the range picker', async () => {
    await page.click('button[data-range="7d"]');
    const week = await expectTotalsOf('7d');
    expect(week.totals.requests).toBe(6);
    expect(await page.getAttribute('button[data-range="7d"]', 'aria-pressed')).toBe('true');
    expect(await page.textContent('#range-label')).toBe('last 7 days');
    await page.waitForSelector('tr[data-id="req_three_days_ago"]', WAIT);
    expect(new URL(page.url()).hash).toBe('#7d');

    await page.click('button[data-range="24h"]');
    await expectTotalsOf('24h');
    await page.waitForSelector('tr[data-id="req_three_days_ago"]', { state: 'detached', ...WAIT });
    await page.click('button[data-range="7d"]');
    await expectTotalsOf('7d');
  });

  it('adds a new request at the top while it happens, without a reload, and refreshes the totals', async () => {
    // Marks this document: a reload would lose the mark.
    await page.evaluate('window.sameDocument = true');
    await page.waitForSelector('#live[data-state="open"]', WAIT);
    const { response } = await openai.chat.completions
      .create({ model: 'grok-3', messages: [{ role: 'user', content: 'live' }] })
      .withResponse();
    const id = response.headers.get('x-ekai-request-id')!;
    const row = await page.waitForSelector(`#requests tbody tr:first-child[data-id="${id}"]`, WAIT);
    expect(await row.textContent()).toContain('grok-3');
    await gateway.store!.writer.flush();
    const totals = await expectTotalsOf('7d');
    expect(totals.totals.requests).toBe(7);
    expect(await page.evaluate('window.sameDocument')).toBe(true);

    mkdirSync('test-results', { recursive: true });
    await page.waitForTimeout(300); // let the new row's highlight start, for the picture
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('shows a banner while the dashboard server is unreachable, and recovers by itself', async () => {
    const port = web.port;
    await web.close();
    await page.waitForSelector('#banner', { state: 'visible', ...WAIT });
    expect(await page.textContent('#banner')).toContain("Can't reach ekai");
    expect(await page.getAttribute('#live', 'data-state')).toBe('down');

    // A request while the dashboard is down: the page catches up when it is back.
    await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'meanwhile' }],
    });
    await gateway.store!.writer.flush();
    web = await startWeb(port);
    await page.waitForSelector('#banner', { state: 'hidden', ...WAIT });
    await page.waitForSelector('#live[data-state="open"]', WAIT);
    await expectTotalsOf('7d');
  });

  it('signs in with ?key= once when a key is required, then runs on the cookie', async () => {
    const key = 'browser-key-0123456789';
    const guarded = await startWithStore({ gatewayKeys: [key], requireKey: true });
    const context = await browser.newContext();
    try {
      const signedIn = await context.newPage();
      await signedIn.goto(`${guarded.url}/?key=${key}#24h`);
      expect(signedIn.url()).toBe(`${guarded.url}/#24h`);
      await signedIn.waitForSelector('body[data-ready="true"]', WAIT);
      await signedIn.waitForSelector('#live[data-state="open"]', WAIT);
      expect(await signedIn.isVisible('#banner')).toBe(false);

      const stranger = await browser.newPage();
      const refused = await stranger.goto(`${guarded.url}/`);
      expect(refused?.status()).toBe(401);
      await stranger.close();
    } finally {
      await context.close();
      await guarded.close();
    }
  });

  it('shows an empty state on a fresh database, and leaves it with the first request', async () => {
    const fresh = await startWithStore({ gatewayUrl: 'http://127.0.0.1:3001' });
    const empty = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    try {
      await empty.goto(fresh.url);
      await empty.waitForSelector('#empty', { state: 'visible', ...WAIT });
      expect(await empty.textContent('#empty h2')).toBe('No requests in the last 7 days');
      expect(await empty.textContent('#empty-snippet')).toContain('ANTHROPIC_BASE_URL=http://127.0.0.1:3001');
      expect(await empty.textContent('[data-total="requests"] .value')).toBe('0');
      expect(await empty.textContent('[data-total="cost_usd"] .value')).toBe('$0');
      expect(await empty.isVisible('#charts')).toBe(false);
      expect(await empty.isVisible('#banner')).toBe(false);
      await empty.screenshot({ path: 'test-results/dashboard-empty.png' });

      await empty.waitForSelector('#live[data-state="open"]', WAIT);
      fresh.store.writer.record(usageEvent({ id: 'req_first' }));
      await empty.waitForSelector('tr[data-id="req_first"]', { state: 'visible', ...WAIT });
      await waitForRequests(1, empty);
      expect(await empty.isVisible('#empty')).toBe(false);
      expect(await empty.isVisible('#charts')).toBe(true);
    } finally {
      await empty.close();
      await fresh.close();
    }
  });
});
