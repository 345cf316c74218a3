import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/config/catalog.js';
import { MessagesStreamReader } from '../../src/formats/anthropic-messages/stream-reader.js';
import { SseParser } from '../../src/formats/sse.js';
import { costOf } from '../../src/router/cost.js';
import { openDatabase } from '../../src/storage/database.js';
import { openUsageStore, parseRange } from '../../src/storage/index.js';
import { MIGRATIONS } from '../../src/storage/migrations.js';
import { usageEvent } from '../support/usage-event.js';

const temporaryDb = () => join(mkdtempSync(join(tmpdir(), 'ekai-db-')), 'nested', 'usage.db');

/** SQLite specifics; what both backends must do is in conformance-*.test.ts. */
describe('the SQLite usage store', () => {
  it('creates the folder, runs the migrations once, and sets WAL', async () => {
    const path = temporaryDb();
    const store = await openUsageStore(path);
    await store.close();
    const again = openDatabase(path);
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    again.close();
  });

  it('never drops a batch another process holds the lock over: kept and written once the lock is free', async () => {
    const path = temporaryDb();
    const store = await openUsageStore(path, { flushIntervalMs: 60_000 });
    const errors: string[] = [];
    const blocker = new Database(path);
    blocker.pragma('busy_timeout = 0');
    blocker.exec('BEGIN IMMEDIATE'); // another writer holds the lock
    const locked = await openUsageStore(path, {
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
    expect((await locked.reader.summary(parseRange('24h'))).totals.requests).toBe(1);
    await locked.close();
  }, 20_000);
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
    const tap = new MessagesStreamReader();
    const parser = new SseParser((event) => tap.onEvent(event));
    parser.push(stream);
    const offer = loadCatalog().byName.get('claude-sonnet-4')!.offers[0]!;
    // 50 × 3 + 400 × 15 + 10,000 × 0.30 + 1,000 × 3.75 + 2,000 × 6 (USD per million)
    expect(costOf(tap.usage!, offer)).toBeCloseTo((150 + 6000 + 3000 + 3750 + 12000) / 1_000_000, 12);
  });
});
