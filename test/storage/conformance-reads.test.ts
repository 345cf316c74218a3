import { describe, expect, it, vi } from 'vitest';
import { CSV_HEADER, csvLine } from '../../src/storage/csv.js';
import { MIGRATIONS } from '../../src/storage/migrations.js';
import { POSTGRES_MIGRATIONS } from '../../src/storage/postgres/migrations.js';
import type { UsageEvent } from '../../src/usage/event.js';
import { notePostgresSkipped, POSTGRES_URL } from '../support/postgres.js';
import { usageEvent } from '../support/usage-event.js';
import { type BackendUnderTest, postgres, sqlite } from './backends.js';
import { allRecords, EVERYTHING, random, range, storeHarness } from './harness.js';

/**
 * The storage conformance suite, read side: the same cases against SQLite and PostgreSQL (with
 * EKAI_TEST_POSTGRES_URL; see test/support/postgres.ts). Write-side cases: conformance-writes.test.ts.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 21, 12, 34, 56);

notePostgresSkipped('the storage conformance suite (reads)');

it('both backends have the same numbered migrations', () => {
  expect(POSTGRES_MIGRATIONS.map((migration) => migration.version)).toEqual(
    MIGRATIONS.map((migration) => migration.version),
  );
});

describe('usage store conformance (reads): SQLite', () => conformance(sqlite));
describe.skipIf(!POSTGRES_URL)('usage store conformance (reads): PostgreSQL', () => conformance(postgres));

function conformance(backend: BackendUnderTest) {
  const open = storeHarness();

  it('migrates a new database once, even when two gateways open it at the same moment', async () => {
    const location = await backend.fresh();
    const [first, second] = await Promise.all([open(location), open(location)]);
    expect(await backend.schemaVersion(location)).toBe(MIGRATIONS.at(-1)?.version);
    first.writer.record(usageEvent());
    await first.writer.flush();
    expect((await second.reader.summary(EVERYTHING)).totals.requests).toBe(1);
    await first.close();
    const again = await open(location);
    expect((await again.reader.summary(EVERYTHING)).totals.requests).toBe(1);
  });

  it('record() only queues; the batch is written on the timer or at flush, every field as given', async () => {
    const store = await open(await backend.fresh(), { flushIntervalMs: 60_000 });
    // Every field distinct from every other, so a column written from the wrong field shows.
    store.writer.record({
      id: 'req_every_field',
      ts: NOW,
      latencyMs: 321,
      ttfbMs: null,
      clientDialect: 'messages',
      endpoint: '/v1/messages',
      requestedModel: 'fast',
      model: 'claude-sonnet-4',
      provider: 'openrouter',
      upstreamModel: null,
      stream: false,
      status: 201,
      outcome: 'ok',
      attempts: [
        { provider: 'openai', status: 500, durationMs: 5, error: 'boom' },
        { provider: 'openrouter', status: 200, durationMs: 9 },
      ],
      inputTokens: 1001,
      outputTokens: 202,
      cacheReadTokens: 33,
      cacheWriteTokens: 4,
      reasoningTokens: 12,
      costUsd: null,
      errorMessage: 'a "quoted", comma',
      warnings: ['top_k dropped'],
      clientName: 'claude-code',
      tag: 'exp',
    });
    expect(store.writer.pending).toBe(1);
    expect(await allRecords(store)).toEqual([]);
    await store.writer.flush();
    expect(store.writer.pending).toBe(0);
    // Exactly this row, written out by hand: numbers as numbers, nulls as nulls, lists as JSON.
    expect(await allRecords(store)).toEqual([
      {
        id: 'req_every_field',
        ts: NOW,
        latency_ms: 321,
        ttfb_ms: null,
        client_dialect: 'messages',
        endpoint: '/v1/messages',
        requested_model: 'fast',
        model: 'claude-sonnet-4',
        provider: 'openrouter',
        upstream_model: null,
        stream: 0,
        status: 201,
        outcome: 'ok',
        attempts:
          '[{"provider":"openai","status":500,"durationMs":5,"error":"boom"},{"provider":"openrouter","status":200,"durationMs":9}]',
        input_tokens: 1001,
        output_tokens: 202,
        cache_read_tokens: 33,
        cache_write_tokens: 4,
        reasoning_tokens: 12,
        cost_usd: null,
        error_message: 'a "quoted", comma',
        warnings: '["top_k dropped"]',
        client_name: 'claude-code',
        tag: 'exp',
      },
    ]);
    // The same record as a CSV line (columns in the CSV's documented order), also written out by hand.
    expect(CSV_HEADER).toBe(
      'id,ts,client_dialect,client_name,endpoint,requested_model,model,provider,upstream_model,stream,status,outcome,attempts,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,reasoning_tokens,cost_usd,latency_ms,ttfb_ms,tag,error_message\n',
    );
    expect((await allRecords(store)).map(csvLine)).toEqual([
      'req_every_field,2026-11-21T12:34:56.000Z,messages,claude-code,/v1/messages,fast,claude-sonnet-4,openrouter,,false,201,ok,openai>openrouter,1001,202,33,4,12,,321,,exp,"a ""quoted"", comma"\n',
    ]);

    const timed = await open(await backend.fresh(), { flushIntervalMs: 20 });
    timed.writer.record(usageEvent());
    await vi.waitFor(async () => expect((await allRecords(timed)).length).toBe(1), { timeout: 2000 });
  });

  it('costs: null when no price is known (never a silent $0), known parts summed apart', async () => {
    const store = await open(await backend.fresh());
    const at = (minutes: number) => NOW - minutes * 60_000;
    const events = [
      usageEvent({ ts: at(50), model: 'priced', costUsd: 0.001 }),
      usageEvent({ ts: at(40), model: 'priced', costUsd: 0.002 }),
      usageEvent({ ts: at(30), model: 'unknown', provider: 'zai', costUsd: null }),
      usageEvent({ ts: at(20), model: 'unknown', provider: 'zai', costUsd: null }),
      usageEvent({ ts: at(10), model: 'half', costUsd: 0.004 }),
      usageEvent({ ts: at(5), model: 'half', costUsd: null, outcome: 'error', status: 502 }),
    ];
    for (const event of events) store.writer.record(event);
    await store.writer.flush();
    const summary = await store.reader.summary(range(NOW - DAY, NOW), NOW);
    expect(summary.totals).toMatchObject({ requests: 6, errors: 1, unpriced_requests: 3 });
    expect(summary.totals.cost_usd).toBeCloseTo(0.007, 12);
    const model = (name: string) => summary.by_model.find((row) => row.model === name);
    expect(model('unknown')?.cost_usd).toBeNull();
    expect(model('half')?.cost_usd).toBeCloseTo(0.004, 12);
    expect(model('priced')?.cost_usd).toBeCloseTo(0.003, 12);
    expect(summary.by_provider.find((row) => row.provider === 'zai')?.cost_usd).toBeNull();
    const onlyUnpriced = await store.reader.summary(range(at(35), at(15)), NOW);
    expect(onlyUnpriced.totals).toMatchObject({ requests: 2, cost_usd: null, unpriced_requests: 2 });
  });

  it('summaries are exact whatever the range boundaries (hourly sums + records at the edges)', async () => {
    const next = random(7);
    const providers = ['openai', 'anthropic', null];
    const events: UsageEvent[] = Array.from({ length: 3000 }, (_, index) =>
      usageEvent({
        id: `req_${index}`,
        ts: NOW - Math.floor(next() * 3 * DAY),
        provider: providers[index % 3] ?? null,
        model: ['gpt-4o', 'claude-sonnet-4'][index % 2] as string,
        outcome: next() < 0.1 ? 'error' : next() < 0.05 ? 'aborted' : 'ok',
        inputTokens: Math.floor(next() * 1000),
        outputTokens: Math.floor(next() * 100),
        cacheReadTokens: Math.floor(next() * 50),
        cacheWriteTokens: Math.floor(next() * 20),
        costUsd: next() < 0.2 ? null : Math.round(next() * 1e6) / 1e9,
      }),
    );
    const store = await open(await backend.fresh(), { flushIntervalMs: 60_000 });
    for (const event of events) store.writer.record(event);
    await store.writer.flush();

    const sum = (
      of: UsageEvent[],
      field: 'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens',
    ) => of.reduce((total, event) => total + event[field], 0);
    for (let trial = 0; trial < 20; trial++) {
      const since = NOW - Math.floor(next() * 3.2 * DAY);
      const until = since + Math.floor(next() * 2 * DAY) + 1;
      const inRange = events.filter((event) => event.ts >= since && event.ts < until);
      const summary = await store.reader.summary(range(since, until), NOW);
      const priced = inRange.filter((event) => event.costUsd !== null);
      expect(summary.totals).toMatchObject({
        requests: inRange.length,
        errors: inRange.filter((event) => event.outcome === 'error').length,
        aborted: inRange.filter((event) => event.outcome === 'aborted').length,
        input_tokens: sum(inRange, 'inputTokens'),
        output_tokens: sum(inRange, 'outputTokens'),
        cache_read_tokens: sum(inRange, 'cacheReadTokens'),
        cache_write_tokens: sum(inRange, 'cacheWriteTokens'),
        unpriced_requests: inRange.length - priced.length,
      });
      const cost = priced.reduce((total, event) => total + (event.costUsd ?? 0), 0);
      if (priced.length === 0) expect(summary.totals.cost_usd).toBeNull();
      else expect(summary.totals.cost_usd).toBeCloseTo(cost, 9);
      for (const row of summary.by_provider) {
        const mine = inRange.filter((event) => event.provider === row.provider);
        expect(row).toMatchObject({ requests: mine.length, input_tokens: sum(mine, 'inputTokens') });
      }
      expect(summary.by_provider.map((row) => row.provider).sort()).toEqual(
        [...new Set(inRange.flatMap((event) => (event.provider ? [event.provider] : [])))].sort(),
      );
      for (const row of summary.by_model) {
        const mine = inRange.filter((event) => event.model === row.model);
        expect(row).toMatchObject({ requests: mine.length, output_tokens: sum(mine, 'outputTokens') });
      }
      expect(summary.by_time.reduce((total, bucket) => total + bucket.requests, 0)).toBe(inRange.length);
      expect(summary.by_time.reduce((total, bucket) => total + bucket.input_tokens, 0)).toBe(
        sum(inRange, 'inputTokens'),
      );
      // Recent: the newest 20, newest first; equal timestamps newest-written first.
      const newest = inRange
        .map((event, index) => ({ event, index }))
        .sort((a, b) => b.event.ts - a.event.ts || b.index - a.index)
        .slice(0, 20)
        .map(({ event }) => event.id);
      expect(summary.recent.map((row) => row.id)).toEqual(newest);
    }
  });

  it('the series: hours for ranges up to two days, else days; every bucket present, oldest first', async () => {
    const store = await open(await backend.fresh());
    store.writer.record(usageEvent({ ts: NOW - 90 * 60_000, inputTokens: 7 }));
    await store.writer.flush();
    const twoDays = await store.reader.summary(range(NOW - 2 * DAY, NOW), NOW);
    expect(twoDays.bucket).toBe('hour');
    expect(twoDays.by_time).toHaveLength(48);
    expect(twoDays.by_time[0]?.start).toBe('2026-11-19T12:34:56.000Z');
    // 12:34:56 minus 90 minutes is 11:04:56: in the hour starting 10:34:56 (second to last), and in
    // days, the day starting 2026-11-20T11:34:56 (the last one starts at 11:34:56 on the 21st).
    expect(twoDays.by_time.at(-2)).toMatchObject({
      start: '2026-11-21T10:34:56.000Z',
      requests: 1,
      input_tokens: 7,
    });
    const longer = await store.reader.summary(range(NOW - 2 * DAY - HOUR, NOW), NOW);
    expect(longer.bucket).toBe('day');
    expect(longer.by_time.map((bucket) => [bucket.start, bucket.requests])).toEqual([
      ['2026-11-19T11:34:56.000Z', 0],
      ['2026-11-20T11:34:56.000Z', 1],
      ['2026-11-21T11:34:56.000Z', 0],
    ]);
  });

  it('records() and the CSV: oldest first, ties in write order, across pages, within the range', async () => {
    const store = await open(await backend.fresh(), { maxBatch: 700 });
    // 2,500 records, written newest id first; 1,900 share one millisecond, across the reader's 1,000-row pages.
    const events = Array.from({ length: 2500 }, (_, index) =>
      usageEvent({
        id: `req_${String(index).padStart(4, '0')}`,
        ts: NOW - HOUR + (index < 600 ? index : 600),
      }),
    ).reverse();
    for (const event of events) store.writer.record(event);
    await store.writer.flush();
    const expected = events
      .map((event, index) => ({ event, index }))
      .sort((a, b) => a.event.ts - b.event.ts || a.index - b.index)
      .map(({ event }) => event);
    const rows = await allRecords(store, range(NOW - DAY, NOW));
    expect(rows.map((row) => row.id)).toEqual(expected.map((event) => event.id));
    // Whole rows, none cut or mixed across pages: each is usageEvent()'s defaults, written out by hand.
    expect(rows).toEqual(
      expected.map((event) => ({
        id: event.id,
        ts: event.ts,
        latency_ms: 120,
        ttfb_ms: 40,
        client_dialect: 'chat',
        endpoint: '/v1/chat/completions',
        requested_model: 'gpt-4o',
        model: 'gpt-4o',
        provider: 'openai',
        upstream_model: 'gpt-4o',
        stream: 1,
        status: 200,
        outcome: 'ok',
        attempts: '[{"provider":"openai","status":200,"durationMs":100}]',
        input_tokens: 100,
        output_tokens: 20,
        cache_read_tokens: 0,
        cache_write_tokens: 0,
        reasoning_tokens: null,
        cost_usd: 0.00045,
        error_message: null,
        warnings: '[]',
        client_name: 'openai-sdk',
        tag: null,
      })),
    );
    // since inclusive, until exclusive
    expect(await allRecords(store, range(NOW - HOUR + 1, NOW - HOUR + 3))).toHaveLength(2);
    expect(await allRecords(store, range(NOW, NOW + DAY))).toEqual([]);
  });

  it('rows written before the wire formats were renamed (openai, anthropic) read back as chat, messages', async () => {
    const location = await backend.fresh();
    const store = await open(location);
    const formats = ['chat', 'messages', 'responses'] as const;
    formats.forEach((format, index) => {
      store.writer.record(usageEvent({ id: `req_${format}`, ts: NOW - 3 + index, clientDialect: format }));
    });
    await store.writer.flush();
    // Written the way an older ekai wrote them: the value itself, no migration.
    await backend.sql(location, "UPDATE requests SET client_dialect = 'openai' WHERE id = 'req_chat'");
    await backend.sql(location, "UPDATE requests SET client_dialect = 'anthropic' WHERE id = 'req_messages'");
    const stored = (await backend.sql(location, 'SELECT client_dialect FROM requests ORDER BY ts')) as Array<{
      client_dialect: string;
    }>;
    expect(stored.map((row) => row.client_dialect)).toEqual(['openai', 'anthropic', 'responses']);
    // Every reader sees today's names: records (the CSV export, the dashboard's request list) ...
    const rows = await allRecords(store, range(NOW - DAY, NOW + DAY));
    expect(rows.map((row) => row.client_dialect)).toEqual([...formats]);
    expect(rows.map(csvLine).map((line) => line.split(',')[2])).toEqual([...formats]);
    // ... and the summaries' recent requests (/usage, the dashboard, `ekai stats`), newest first.
    const summary = await store.reader.summary(range(NOW - DAY, NOW + DAY), NOW);
    expect(summary.recent.map((request) => request.client_dialect)).toEqual([...formats].reverse());
  });

  it('deletes records and hourly sums older than retentionDays', async () => {
    const location = await backend.fresh();
    const old = Date.now() - 40 * DAY;
    const first = await open(location);
    first.writer.record(usageEvent({ ts: old }));
    first.writer.record(usageEvent());
    await first.close();
    const pruned = await open(location, { retentionDays: 30 });
    expect((await pruned.reader.summary(range(Date.UTC(2000, 0, 1)))).totals.requests).toBe(1);
    // A range of whole hours is read from the hourly sums alone: the old hour's are gone too.
    const oldHour = Math.floor(old / HOUR) * HOUR;
    expect((await pruned.reader.summary(range(oldHour - HOUR, oldHour + 2 * HOUR))).totals.requests).toBe(0);
  });
}
