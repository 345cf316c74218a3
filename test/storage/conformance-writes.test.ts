import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { openUsageStore } from '../../src/storage/index.js';
import { createPool, inTransaction } from '../../src/storage/postgres/database.js';
import type { UsageEvent } from '../../src/usage/event.js';
import { notePostgresSkipped, POSTGRES_URL, withClient } from '../support/postgres.js';
import { usageEvent } from '../support/usage-event.js';
import { type BackendUnderTest, postgres, sqlite } from './backends.js';
import { allRecords, EVERYTHING, random, range, storeHarness } from './harness.js';

/**
 * The storage conformance suite, write side: batches that fail and are retried, records written
 * twice, several writers on one database, change notification. Read side: conformance-reads.test.ts.
 */
const HOUR = 3_600_000;

notePostgresSkipped('the storage conformance suite (writes)');

describe('usage store conformance (writes): SQLite', () => conformance(sqlite));
describe.skipIf(!POSTGRES_URL)('usage store conformance (writes): PostgreSQL', () => {
  conformance(postgres);
  postgresOnly();
});

function conformance(backend: BackendUnderTest) {
  const open = storeHarness();

  it('never drops a batch it cannot write: kept, reported once, retried until the database takes it', async () => {
    const location = await backend.fresh();
    const errors: string[] = [];
    const store = await open(location, {
      flushIntervalMs: 60_000,
      retryMs: 50,
      onError: (error) => errors.push(error.message),
    });
    const unblock = await backend.blockWrites(location);
    store.writer.record(usageEvent({ costUsd: 0.5 }));
    store.writer.record(usageEvent({ costUsd: 0.25 }));
    await expect(store.writer.flush()).rejects.toThrow(/2 usage records could not be written/);
    expect(store.writer.pending).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 200)); // a few retries, all failing alike
    expect(errors).toHaveLength(1);
    store.writer.record(usageEvent({ costUsd: 0.125 }));
    await unblock();
    // The retry timer writes them; no flush needed.
    await vi.waitFor(() => expect(store.writer.pending).toBe(0), { timeout: 3000 });
    const { totals } = await store.reader.summary(EVERYTHING);
    expect(totals).toMatchObject({ requests: 3, cost_usd: 0.875 });
    expect(await allRecords(store)).toHaveLength(3);
  });

  it('a record written twice (a batch retried after its commit) is stored and summed once', async () => {
    const store = await open(await backend.fresh());
    const event = usageEvent({ inputTokens: 7 });
    store.writer.record(event);
    store.writer.record(event);
    await store.writer.flush();
    store.writer.record(event);
    await store.writer.flush();
    expect((await store.reader.summary(EVERYTHING)).totals).toMatchObject({ requests: 1, input_tokens: 7 });
    expect(await allRecords(store)).toHaveLength(1);
  });

  it('two stores writing interleaved batches to one database: totals exact, hourly sums agree with the records', async () => {
    const location = await backend.fresh();
    const options = { maxBatch: 7, flushIntervalMs: 5 };
    const [first, second] = await Promise.all([open(location, options), open(location, options)]);
    const next = random(11);
    const start = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR;
    // Few hours, providers and models: the two writers update the same hourly rows all the time.
    const events: UsageEvent[] = Array.from({ length: 1500 }, (_, index) =>
      usageEvent({
        id: `req_${index}`,
        ts: start + Math.floor(next() * 3 * HOUR),
        provider: ['openai', 'anthropic'][index % 2] as string,
        model: ['gpt-4o', 'claude-sonnet-4', 'glm-4.6'][index % 3] as string,
        inputTokens: 1 + Math.floor(next() * 1000),
        outputTokens: Math.floor(next() * 100),
        costUsd: next() < 0.1 ? null : Math.round(next() * 1e6) / 1e9,
      }),
    );
    for (const [index, event] of events.entries()) {
      (next() < 0.5 ? first : second).writer.record(event);
      if (index % 25 === 0) await tick(); // let both writers' batches run at the same time
    }
    await Promise.all([first.writer.flush(), second.writer.flush()]);

    const expected = {
      requests: events.length,
      input_tokens: events.reduce((total, event) => total + event.inputTokens, 0),
      output_tokens: events.reduce((total, event) => total + event.outputTokens, 0),
      unpriced_requests: events.filter((event) => event.costUsd === null).length,
    };
    const cost = events.reduce((total, event) => total + (event.costUsd ?? 0), 0);
    // Whole hours: read from the hourly sums alone. Cutting hours: partly from the records.
    for (const of of [range(start, start + 3 * HOUR), range(start - 1234, start + 3 * HOUR + 1)]) {
      for (const store of [first, second]) {
        const { totals, by_model } = await store.reader.summary(of);
        expect(totals).toMatchObject(expected);
        expect(totals.cost_usd).toBeCloseTo(cost, 9);
        for (const row of by_model) {
          expect(row.requests).toBe(events.filter((event) => event.model === row.model).length);
        }
      }
    }
    expect(await allRecords(first)).toHaveLength(events.length);
  });

  it('changed(): yes after another store commits, no when nothing was written since the last call', async () => {
    const location = await backend.fresh();
    const watcher = await open(location);
    const writer = await open(location);
    await watcher.reader.changed(); // PostgreSQL starts listening on the first call
    expect(await watcher.reader.changed()).toBe(false);
    writer.writer.record(usageEvent());
    await writer.writer.flush();
    await vi.waitFor(async () => expect(await watcher.reader.changed()).toBe(true), { timeout: 3000 });
    expect(await watcher.reader.changed()).toBe(false);
  });
}

function postgresOnly() {
  const open = storeHarness();

  // A rehearsal run once crashed here: the pool listens for errors on idle connections only, and a
  // checked-out one whose server side ends between two queries emits 'error' outside any query —
  // an uncaught exception that ends the gateway. The transaction must fail cleanly instead.
  it('a connection dropped mid-transaction, between two queries: the transaction fails, nothing crashes', async () => {
    const location = await postgres.fresh();
    const pool = createPool(location);
    try {
      const transaction = inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await withClient(location, (other) => other.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]));
        // No query in flight while the server's goodbye arrives.
        await new Promise((resolve) => setTimeout(resolve, 200));
        await client.query('SELECT 1');
      });
      await expect(transaction).rejects.toThrow();
    } finally {
      await pool.end();
    }
  });

  it('recovers when the server drops its connections (a restart): the batch is retried on a new one', async () => {
    const location = await postgres.fresh();
    const store = await open(location, { retryMs: 50 });
    store.writer.record(usageEvent());
    await store.writer.flush();
    await withClient(location, (client) =>
      client.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'ekai'",
      ),
    );
    store.writer.record(usageEvent());
    await store.writer.flush().catch(() => {}); // may meet the dead connection first
    await vi.waitFor(() => expect(store.writer.pending).toBe(0), { timeout: 5000 });
    expect((await store.reader.summary(EVERYTHING)).totals.requests).toBe(2);
  });
}

it('a PostgreSQL server that cannot be reached is a clear error, without the password', async () => {
  const error = await openUsageStore('postgres://ekai:s3cret-pw@127.0.0.1:1/ekai').catch(
    (thrown: Error) => thrown,
  );
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toMatch(/^usage database postgres:\/\/ekai:\*\*\*@127\.0\.0\.1:1\/ekai: /);
  expect((error as Error).message).not.toContain('s3cret-pw');
});
