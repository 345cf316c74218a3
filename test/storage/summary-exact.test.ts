import { describe, expect, it } from 'vitest';
import { openUsageStore } from '../../src/storage/index.js';
import type { UsageEvent } from '../../src/storage/usage-event.js';
import { usageEvent } from '../support/usage-event.js';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('summaries from hourly sums are exact, whatever the range boundaries', () => {
  it('equals a straight sum over the records for ranges that cut hours in the middle', async () => {
    const next = random(7);
    const now = Date.UTC(2026, 10, 21, 12, 34, 56);
    const providers = ['openai', 'anthropic', null];
    const events: UsageEvent[] = Array.from({ length: 3000 }, (_, index) =>
      usageEvent({
        id: `req_${index}`,
        ts: now - Math.floor(next() * 3 * 86_400_000),
        provider: providers[index % 3] ?? null,
        model: ['gpt-4o', 'claude-sonnet-4'][index % 2] as string,
        outcome: next() < 0.1 ? 'error' : next() < 0.05 ? 'aborted' : 'ok',
        inputTokens: Math.floor(next() * 1000),
        outputTokens: Math.floor(next() * 100),
        cacheReadTokens: Math.floor(next() * 50),
        costUsd: next() < 0.2 ? null : Math.round(next() * 1e6) / 1e9,
      }),
    );
    const store = openUsageStore(':memory:', { flushIntervalMs: 60_000 });
    for (const event of events) store.writer.record(event);
    await store.writer.flush();

    for (let trial = 0; trial < 20; trial++) {
      const since = now - Math.floor(next() * 3.2 * 86_400_000);
      const until = since + Math.floor(next() * 2 * 86_400_000) + 1;
      const inRange = events.filter((event) => event.ts >= since && event.ts < until);
      const summary = store.reader.summary(
        { since: new Date(since), until: new Date(until), label: 'test' },
        now,
      );
      const priced = inRange.filter((event) => event.costUsd !== null);
      expect(summary.totals).toMatchObject({
        requests: inRange.length,
        errors: inRange.filter((event) => event.outcome === 'error').length,
        aborted: inRange.filter((event) => event.outcome === 'aborted').length,
        input_tokens: inRange.reduce((sum, event) => sum + event.inputTokens, 0),
        cache_read_tokens: inRange.reduce((sum, event) => sum + event.cacheReadTokens, 0),
        unpriced_requests: inRange.length - priced.length,
      });
      const cost = priced.reduce((sum, event) => sum + (event.costUsd ?? 0), 0);
      if (priced.length === 0) expect(summary.totals.cost_usd).toBeNull();
      else expect(summary.totals.cost_usd).toBeCloseTo(cost, 9);
      for (const row of summary.by_provider) {
        expect(row.requests).toBe(inRange.filter((event) => event.provider === row.provider).length);
      }
      expect(summary.by_time.reduce((sum, bucket) => sum + bucket.requests, 0)).toBe(inRange.length);
    }
    await store.close();
  });
});
