import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageSummary } from '../../src/storage/summary.js';
import { haveChromium, launchChromium } from '../support/chromium.js';
import { EKAI_BIN } from '../support/cli.js';
import { FAKE_KEYS, type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';

/**
 * The real `ekai serve` (the built bin, as `npx ekai serve` runs it) with its dashboard, in
 * Chromium: the dashboard starts with the gateway, shows what the gateway records, live, and
 * stops with it. The finer checks of the page are in dashboard.browser.test.ts.
 */
const WAIT = { timeout: 8000 };

describe.skipIf(!haveChromium)('ekai serve with its dashboard', () => {
  let fake: FakeProvider;
  let child: ChildProcessWithoutNullStreams;
  let output = '';
  let exit: Promise<number | null>;
  let browser: Browser;
  let urls: { gateway: string; dashboard: string };

  beforeAll(async () => {
    fake = await startFakeProvider();
    const folder = mkdtempSync(join(tmpdir(), 'ekai-serve-web-'));
    writeFileSync(
      join(folder, '.ekairc.yaml'),
      `providers:\n  openai: { apiKey: ${FAKE_KEYS.openai}, baseUrl: "${fake.baseUrl('openai')}" }\n`,
    );
    const args = [
      'serve',
      '--port',
      '0',
      '--dashboard-port',
      '0',
      '--no-tui',
      '--db',
      join(folder, 'usage.db'),
    ];
    child = spawn(process.execPath, [EKAI_BIN, ...args], {
      cwd: folder,
      env: { PATH: process.env.PATH, HOME: folder },
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    exit = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    urls = await new Promise((resolve, reject) => {
      const check = () => {
        const gateway = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
        const dashboard = /dashboard: +(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
        if (gateway && dashboard) resolve({ gateway, dashboard });
        else if (/usage database/.test(output)) reject(new Error(`no dashboard in the banner:\n${output}`));
      };
      child.stdout.on('data', check);
      void exit.then((code) => reject(new Error(`ekai serve exited with ${code}: ${output}`)));
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) child.kill('SIGTERM');
    await fake?.close();
  });

  it('serves the page, shows a request live and the totals of /usage, and stops on SIGTERM', async () => {
    const page = await browser.newPage();
    await page.goto(urls.dashboard);
    await page.waitForSelector('#live[data-state="open"]', WAIT);
    await page.waitForSelector('#empty', { state: 'visible', ...WAIT });

    const openai = new OpenAI({ baseURL: `${urls.gateway}/v1`, apiKey: 'client', maxRetries: 0 });
    const { response } = await openai.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] })
      .withResponse();
    await page.waitForSelector(`tr[data-id="${response.headers.get('x-ekai-request-id')}"]`, WAIT);
    await page.waitForSelector('[data-total="requests"][data-value="1"]', WAIT);
    const usage = (await (await fetch(`${urls.gateway}/usage`)).json()) as UsageSummary;
    const cost = Number(await page.getAttribute('[data-total="cost_usd"]', 'data-value'));
    expect(cost).toBeCloseTo(usage.totals.cost_usd!, 12);

    child.kill('SIGTERM');
    await page.waitForSelector('#banner', { state: 'visible', ...WAIT });
    expect(await exit).toBe(0);
    for (const key of Object.values(FAKE_KEYS)) expect(output).not.toContain(key);
  });
});
