import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageSummary } from '../../src/storage/summary.js';
import { type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway(fake, { db: ':memory:' });
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'client', maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});

async function usage(query = ''): Promise<UsageSummary> {
  const response = await fetch(`${gateway.url}/usage${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as UsageSummary;
}

/** Poll /usage until `count` requests show; returns how long that took after the response ended. */
async function visibleWithin(count: number, since: number): Promise<number> {
  for (let poll = 0; poll < 100; poll++) {
    if ((await usage()).totals.requests >= count) return performance.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`fewer than ${count} requests visible after 100 polls`);
}

const M = 1_000_000;

describe('cost, by hand, for one model of each provider', () => {
  // [label, send, expected cost] — prices from catalog.yaml; token counts from what the fake answered.
  it('OpenAI gpt-4o with cached tokens (Chat usage: cached inside prompt_tokens)', async () => {
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: '[cache] hi' }],
    });
    const usage = completion.usage!;
    const cached = usage.prompt_tokens_details!.cached_tokens!;
    const expected =
      ((usage.prompt_tokens - cached) * 2.5 + cached * 1.25 + usage.completion_tokens * 10) / M;
    await gateway.store!.writer.flush();
    expect(gateway.recorder.events.at(-1)?.costUsd).toBeCloseTo(expected, 12);
  });

  it('Anthropic claude-sonnet-4 stream with cache read and 5-minute cache write', async () => {
    const message = await anthropic.messages
      .stream({
        model: 'claude-sonnet-4',
        max_tokens: 50,
        messages: [{ role: 'user', content: '[cache] hi' }],
      })
      .finalMessage();
    const u = message.usage;
    const expected =
      (u.input_tokens * 3 +
        u.output_tokens * 15 +
        u.cache_read_input_tokens! * 0.3 +
        u.cache_creation_input_tokens! * 3.75) /
      M;
    expect(u.cache_creation_input_tokens).toBe(300);
    expect(gateway.recorder.events.at(-1)?.costUsd).toBeCloseTo(expected, 12);
  });

  it('xAI grok-3 (cache read 0.75), Z.AI glm-4.6 (cache read 0.11, write 0)', async () => {
    const grok = await openai.chat.completions.create({
      model: 'grok-3',
      messages: [{ role: 'user', content: '[cache] hi' }],
    });
    const g = grok.usage!;
    const gCached = g.prompt_tokens_details!.cached_tokens!;
    expect(gateway.recorder.events.at(-1)?.costUsd).toBeCloseTo(
      ((g.prompt_tokens - gCached) * 3 + gCached * 0.75 + g.completion_tokens * 15) / M,
      12,
    );

    const glm = await anthropic.messages.create({
      model: 'glm-4.6',
      max_tokens: 50,
      messages: [{ role: 'user', content: '[cache] hi' }],
    });
    const z = glm.usage;
    expect(gateway.recorder.events.at(-1)?.costUsd).toBeCloseTo(
      (z.input_tokens * 0.6 +
        z.output_tokens * 2.2 +
        z.cache_read_input_tokens! * 0.11 +
        z.cache_creation_input_tokens! * 0) /
        M,
      12,
    );
  });

  it('OpenRouter gemini-2.5-pro without cache is priced; with cache reads it has no cache price → unknown (null), not $0', async () => {
    const plain = await openai.chat.completions.create({
      model: 'gemini-2.5-pro',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const p = plain.usage!;
    expect(gateway.recorder.events.at(-1)?.costUsd).toBeCloseTo(
      (p.prompt_tokens * 1.25 + p.completion_tokens * 10) / M,
      12,
    );
    await openai.chat.completions.create({
      model: 'gemini-2.5-pro',
      messages: [{ role: 'user', content: '[cache] hi' }],
    });
    expect(gateway.recorder.events.at(-1)?.costUsd).toBeNull();
  });

  it('a model only a match pattern knows (no catalog price) is recorded with cost null', async () => {
    await anthropic.messages.create({
      model: 'claude-opus-9-9',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const event = gateway.recorder.events.at(-1)!;
    expect(event).toMatchObject({
      model: 'claude-opus-9-9',
      provider: 'anthropic',
      costUsd: null,
      outcome: 'ok',
    });
    expect(event.outputTokens).toBeGreaterThan(0);
  });
});

describe('GET /usage', () => {
  it('matches the records: totals, by provider, by model, recent', async () => {
    await gateway.store!.writer.flush();
    const summary = await usage('?since=24h');
    const events = gateway.recorder.events;
    const sum = (pick: (event: (typeof events)[number]) => number) =>
      events.reduce((total, event) => total + pick(event), 0);
    expect(summary.totals).toMatchObject({
      requests: events.length,
      errors: events.filter((event) => event.outcome === 'error').length,
      input_tokens: sum((event) => event.inputTokens),
      output_tokens: sum((event) => event.outputTokens),
      cache_read_tokens: sum((event) => event.cacheReadTokens),
      cache_write_tokens: sum((event) => event.cacheWriteTokens),
      unpriced_requests: events.filter((event) => event.costUsd === null).length,
    });
    expect(summary.totals.cost_usd).toBeCloseTo(
      sum((event) => event.costUsd ?? 0),
      12,
    );
    const providers = new Set(events.map((event) => event.provider));
    expect(summary.by_provider.map((row) => row.provider).sort()).toEqual([...providers].sort());
    const opus = summary.by_model.find((row) => row.model === 'claude-opus-9-9');
    expect(opus).toMatchObject({ requests: 1, cost_usd: null });
    expect(summary.recent[0]?.id).toBe(events.at(-1)?.id);
    expect(summary.recent[0]).toMatchObject({
      model: 'claude-opus-9-9',
      attempts: ['anthropic'],
      cost_usd: null,
    });
    expect(summary.by_time.reduce((total, bucket) => total + bucket.requests, 0)).toBe(events.length);
    expect(summary.bucket).toBe('hour');
  });

  it('a finished request is visible within one second', async () => {
    const before = (await usage()).totals.requests;
    await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'quick' }] });
    const waited = await visibleWithin(before + 1, performance.now());
    expect(waited).toBeLessThan(1000);
  });

  it('CSV: a header and one line per record; ranges and bad ranges', async () => {
    await gateway.store!.writer.flush();
    const response = await fetch(`${gateway.url}/usage?format=csv&since=7d`);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id,ts,client_dialect,/);
    expect(lines).toHaveLength(gateway.recorder.events.length + 1);
    expect(lines.at(-1)).toContain(gateway.recorder.events.at(-1)!.id);

    const future = await usage(`?since=${new Date(Date.now() + 86_400_000).toISOString()}`);
    expect(future.totals).toMatchObject({ requests: 0, cost_usd: null });
    const bad = await fetch(`${gateway.url}/usage?since=yesterday`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { message: expect.stringContaining('since must be') } });
  });
});
