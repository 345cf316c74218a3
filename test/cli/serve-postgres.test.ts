import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageSummary } from '../../src/storage/summary.js';
import { FAKE_KEYS, type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';
import {
  dropTestDatabases,
  freshPostgresDatabase,
  notePostgresSkipped,
  POSTGRES_URL,
} from '../support/postgres.js';
import { type ServeProcess, spawnServe } from '../support/serve-process.js';

/**
 * docs/scaling.md's example, tested: two `ekai serve` processes on different ports share one
 * PostgreSQL database; traffic through both; `/usage` from either shows the combined totals exactly.
 */
notePostgresSkipped('the two-gateway test');

const M = 1_000_000;
/** catalog.yaml, USD per million tokens: gpt-4o 2.50 in / 10 out, claude-sonnet-4 3 in / 15 out. */
const PRICES = { openai: { input: 2.5, output: 10 }, anthropic: { input: 3, output: 15 } };

interface Sent {
  provider: 'openai' | 'anthropic';
  input: number;
  output: number;
}

describe.skipIf(!POSTGRES_URL)('two gateways, one PostgreSQL database', () => {
  let fake: FakeProvider;
  let database: string;
  const gateways: ServeProcess[] = [];

  beforeAll(async () => {
    fake = await startFakeProvider();
    database = await freshPostgresDatabase();
    const config = [
      'providers:',
      `  openai: { apiKey: ${FAKE_KEYS.openai}, baseUrl: "${fake.baseUrl('openai')}" }`,
      `  anthropic: { apiKey: ${FAKE_KEYS.anthropic}, baseUrl: "${fake.baseUrl('anthropic')}" }`,
      '',
    ].join('\n');
    // Each in its own folder; started together, so both run the migrations at once (one waits).
    gateways.push(
      ...(await Promise.all(
        [0, 1].map((index) =>
          spawnServe(mkdtempSync(join(tmpdir(), `ekai-pg-${index}-`)), config, ['--db', database]),
        ),
      )),
    );
  });
  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await fake?.close();
    await dropTestDatabases();
  });

  it('/usage from either gateway shows the combined totals exactly', async () => {
    const [first, second] = gateways as [ServeProcess, ServeProcess];
    expect(first.url).not.toBe(second.url);
    // The banner names the database without its password.
    expect(first.output()).toMatch(/usage database: postgres:\/\/ekai:\*\*\*@127\.0\.0\.1:\d+\/ekai_test_/);

    const sent = (
      await Promise.all([drive(first.url, 120, 'a'), drive(second.url, 80, 'b'), drive(first.url, 40, 'c')])
    ).flat();
    const expected = {
      requests: sent.length,
      errors: 0,
      input_tokens: sent.reduce((sum, one) => sum + one.input, 0),
      output_tokens: sent.reduce((sum, one) => sum + one.output, 0),
      unpriced_requests: 0,
    };
    const cost = sent.reduce(
      (sum, one) =>
        sum + (one.input * PRICES[one.provider].input + one.output * PRICES[one.provider].output) / M,
      0,
    );

    // Batches are written within ~100 ms; wait until both see every request.
    const [fromFirst, fromSecond] = await Promise.all([
      usageOnce(first.url, sent.length),
      usageOnce(second.url, sent.length),
    ]);
    for (const summary of [fromFirst, fromSecond]) {
      expect(summary.totals).toMatchObject(expected);
      expect(summary.totals.cost_usd).toBeCloseTo(cost, 12);
      expect(summary.by_provider.map((row) => [row.provider, row.requests]).sort()).toEqual([
        ['anthropic', sent.filter((one) => one.provider === 'anthropic').length],
        ['openai', sent.filter((one) => one.provider === 'openai').length],
      ]);
    }
    const comparable = (summary: UsageSummary) => ({ ...summary, since: '', until: '', by_time: [] });
    expect(comparable(fromSecond)).toEqual(comparable(fromFirst));

    // The CSV from either has every record once: 240 distinct tags.
    const csv = await (await fetch(`${second.url}/usage?since=24h&format=csv`)).text();
    const rows = csv.trim().split('\n').slice(1);
    expect(rows).toHaveLength(sent.length);
    const tagColumn = csv.split('\n')[0]?.split(',').indexOf('tag') ?? -1;
    expect(new Set(rows.map((row) => row.split(',')[tagColumn])).size).toBe(sent.length);

    await Promise.all(gateways.map((gateway) => gateway.stop()));
    for (const gateway of gateways) expect(await gateway.exit).toBe(0);
  }, 60_000);
});

/** `count` requests, 8 at a time, alternating OpenAI Chat (gpt-4o) and Anthropic Messages (claude-sonnet-4). */
async function drive(url: string, count: number, tag: string): Promise<Sent[]> {
  const sent: Sent[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        const index = next++;
        sent.push(await (index % 2 === 0 ? chat(url, `${tag}${index}`) : messages(url, `${tag}${index}`)));
      }
    }),
  );
  return sent;
}

async function chat(url: string, tag: string): Promise<Sent> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ekai-tag': tag },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: `hello ${tag}` }] }),
  });
  expect(response.status).toBe(200);
  const { usage } = (await response.json()) as {
    usage: { prompt_tokens: number; completion_tokens: number };
  };
  return { provider: 'openai', input: usage.prompt_tokens, output: usage.completion_tokens };
}

async function messages(url: string, tag: string): Promise<Sent> {
  const response = await fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-ekai-tag': tag },
    body: JSON.stringify({
      model: 'claude-sonnet-4',
      max_tokens: 50,
      messages: [{ role: 'user', content: `hello ${tag}` }],
    }),
  });
  expect(response.status).toBe(200);
  const { usage } = (await response.json()) as { usage: { input_tokens: number; output_tokens: number } };
  return { provider: 'anthropic', input: usage.input_tokens, output: usage.output_tokens };
}

/** Polls `/usage?since=24h` until it counts `requests`; that summary. */
async function usageOnce(url: string, requests: number): Promise<UsageSummary> {
  for (let poll = 0; poll < 100; poll++) {
    const summary = (await (await fetch(`${url}/usage?since=24h`)).json()) as UsageSummary;
    if (summary.totals.requests >= requests) return summary;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url}/usage never counted ${requests} requests`);
}
