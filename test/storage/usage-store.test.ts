import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/config/catalog.js';
import { MessagesStreamTap } from '../../src/formats/anthropic-messages/stream-tap.js';
import { SseParser } from '../../src/formats/sse.js';
import { costOf } from '../../src/router/cost.js';
import { openDatabase } from '../../src/storage/database.js';
import { openUsageStore, parseRange } from '../../src/storage/index.js';
import { MIGRATIONS } from '../../src/storage/migrations.js';
import { usageEvent } from '../support/usage-event.js';

const temporaryDb = () => join(mkdtempSync(join(tmpdir(), 'ekai-db-')), 'nested', 'usage.db');

describe('the SQLite usage store', () => {
  it('creates the folder, runs the migrations once, and sets WAL', async () => {
    const path = temporaryDb();
    const store = openUsageStore(path);
    await store.close();
    const again = openDatabase(path);
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    again.close();
  });

  it('batches: record() only queues; the batch is written on the timer or at flush, all fields kept', async () => {
    const path = temporaryDb();
    const store = openUsageStore(path, { flushIntervalMs: 60_000 });
    const event = usageEvent({
      attempts: [
        { provider: 'openai', status: 500, durationMs: 5, error: 'boom' },
        { provider: 'openrouter', status: 200, durationMs: 9 },
      ],
      warnings: ['top_k dropped'],
      tag: 'exp',
      costUsd: null,
    });
    store.writer.record(event);
    const reader = new Database(path, { readonly: true });
    expect(reader.prepare('SELECT COUNT(*) AS n FROM requests').get()).toEqual({ n: 0 });
    expect(store.writer.pending).toBe(1);
    await store.writer.flush();
    const row = reader.prepare('SELECT * FROM requests').get() as Record<string, unknown>;
    expect(row).toMatchObject({
      id: event.id,
      ts: event.ts,
      provider: 'openai',
      stream: 1,
      cost_usd: null,
      tag: 'exp',
    });
    expect(JSON.parse(row.attempts as string)).toEqual(event.attempts);
    expect(JSON.parse(row.warnings as string)).toEqual(['top_k dropped']);
    reader.close();
    await store.close();
  });

  it('never drops a batch it cannot write: kept and written once the database can take it', async () => {
    const path = temporaryDb();
    const store = openUsageStore(path, { flushIntervalMs: 60_000 });
    const errors: string[] = [];
    const blocker = new Database(path);
    blocker.pragma('busy_timeout = 0');
    blocker.exec('BEGIN IMMEDIATE'); // another writer holds the lock
    const locked = openUsageStore(path, {
      flushIntervalMs: 60_000,
      onError: (error) => errors.push(error.message),
    });
    await store.close();
    locked.writer.record(usageEvent());
    await expect(locked.writer.flush()).rejects.toThrow(/could not be written/);
    expect(locked.writer.pending).toBe(1);
    expect(errors[0]).toMatch(/locked|busy/i);
    blocker.exec('COMMIT');
    blocker.close();
    await locked.writer.flush();
    expect(locked.writer.pending).toBe(0);
    expect(locked.reader.summary(parseRange('24h')).totals.requests).toBe(1);
    await locked.close();
  }, 20_000);

  it('deletes records older than retentionDays', async () => {
    const path = temporaryDb();
    const first = openUsageStore(path);
    first.writer.record(usageEvent({ ts: Date.now() - 40 * 86_400_000 }));
    first.writer.record(usageEvent());
    await first.close();
    const pruned = openUsageStore(path, { retentionDays: 30 });
    expect(pruned.reader.summary(parseRange('2000-01-01')).totals.requests).toBe(1);
    await pruned.close();
  });
});

describe('cost of an Anthropic stream with 5-minute and 1-hour cache writes, by hand', () => {
  it('bills each cache lifetime at its own price', () => {
    const stream = [
      'event: message_start',
      'data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":50,"cache_creation_input_tokens":3000,"cache_read_input_tokens":10000,"cache_creation":{"ephemeral_5m_input_tokens":1000,"ephemeral_1h_input_tokens":2000},"output_tokens":1}}}',
      '',
      'event: message_delta',
      'data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":400}}',
      '',
      'event: message_stop',
      'data: {"type":"message_stop"}',
      '',
      '',
    ].join('\n');
    const tap = new MessagesStreamTap();
    const parser = new SseParser((event) => tap.onEvent(event));
    parser.push(stream);
    const offer = loadCatalog().byName.get('claude-sonnet-4')!.offers[0]!;
    // 50 × 3 + 400 × 15 + 10,000 × 0.30 + 1,000 × 3.75 + 2,000 × 6 (USD per million)
    expect(costOf(tap.usage!, offer)).toBeCloseTo((150 + 6000 + 3000 + 3750 + 12000) / 1_000_000, 12);
  });
});
