import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { notePostgresSkipped, POSTGRES_URL } from '../support/postgres.js';
import { usageEvent } from '../support/usage-event.js';
import { type BackendUnderTest, postgres, sqlite } from './backends.js';
import { allRecords, EVERYTHING, storeHarness } from './harness.js';

/**
 * Issue "Nothing lost", D2 and M2: while the database cannot be written, the queue no longer grows
 * without end (beyond `maxQueued` it moves to a spill file beside the database), and at shutdown
 * what cannot be written is kept in that file and written at the next start, instead of being lost.
 */
notePostgresSkipped('the spill-file tests');

describe('spill file: SQLite', () => {
  spilling(sqlite);
  const open = storeHarness();

  it('a database file deleted while running is noticed: records kept, spilled at shutdown, written to a new file at the next start', async () => {
    const location = await sqlite.fresh();
    const notices: string[] = [];
    const store = await open(location, {
      flushIntervalMs: 60_000,
      retryMs: 60_000,
      onError: (error) => notices.push(error.message),
    });
    store.writer.record(usageEvent({ id: 'before', ts: past }));
    await store.writer.flush();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${location}${suffix}`, { force: true });
    store.writer.record(usageEvent({ id: 'after', ts: past }));
    await expect(store.writer.flush()).rejects.toThrow(/was deleted while ekai was running/);
    await store.close();
    expect(notices[0]).toContain(`usage database ${location} was deleted while ekai was running`);
    expect(notices.at(-1)).toBe(
      `1 usage records kept in ${location}.spill.jsonl; they are written at the next start`,
    );
    const next = await open(location);
    await vi.waitFor(() => expect(existsSync(`${location}.spill.jsonl`)).toBe(false), { timeout: 5000 });
    await next.writer.flush();
    expect((await allRecords(next)).map((row) => row.id)).toEqual(['after']);
  });
});
describe.skipIf(!POSTGRES_URL)('spill file: PostgreSQL', () => spilling(postgres));

const scratch = () => join(mkdtempSync(join(tmpdir(), 'ekai-spill-')), 'usage.spill.jsonl');
const past = Date.UTC(2026, 11, 1, 8);

function spilling(backend: BackendUnderTest) {
  const open = storeHarness();

  it('a queue past maxQueued while the database fails goes to the spill file, and back once it recovers', async () => {
    const location = await backend.fresh();
    const spillPath = scratch();
    const store = await open(location, {
      flushIntervalMs: 10,
      retryMs: 50,
      maxQueued: 100,
      spillPath,
      onError: () => {},
    });
    const unblock = await backend.blockWrites(location);
    store.writer.record(usageEvent({ id: 'first', ts: past }));
    await vi.waitFor(() => expect(store.writer.pending).toBe(1)); // failing, retrying
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (let n = 0; n < 1000; n++) store.writer.record(usageEvent({ id: `r${n}`, ts: past + n }));
    // Memory stays bounded: at most maxQueued records wait in memory, the rest are on disk.
    expect(store.writer.pending).toBeLessThanOrEqual(101);
    expect(readFileSync(spillPath, 'utf8').split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(900);
    await unblock();
    await vi.waitFor(
      async () => {
        expect(store.writer.pending).toBe(0);
        expect(existsSync(spillPath)).toBe(false);
      },
      { timeout: 10_000, interval: 50 },
    );
    const ids = new Set((await allRecords(store)).map((row) => row.id));
    expect(ids.size).toBe(1001);
    expect((await store.reader.summary(EVERYTHING)).totals.requests).toBe(1001);
  });

  it('at shutdown, what cannot be written is kept in the spill file and written at the next start', async () => {
    const location = await backend.fresh();
    const spillPath = scratch();
    const notices: string[] = [];
    const store = await open(location, {
      flushIntervalMs: 60_000,
      retryMs: 60_000,
      spillPath,
      onError: (error) => notices.push(error.message),
    });
    const unblock = await backend.blockWrites(location);
    for (let n = 0; n < 3; n++)
      store.writer.record(usageEvent({ id: `kept-${n}`, ts: past, inputTokens: 10 }));
    await store.close(); // resolves: nothing is lost
    expect(notices.at(-1)).toBe(`3 usage records kept in ${spillPath}; they are written at the next start`);
    expect(readFileSync(spillPath, 'utf8').split('\n').filter(Boolean)).toHaveLength(3);
    await unblock();
    const next = await open(location, { spillPath });
    await vi.waitFor(() => expect(existsSync(spillPath)).toBe(false), { timeout: 5000 });
    await next.writer.flush();
    expect((await allRecords(next)).map((row) => row.id)).toEqual(['kept-0', 'kept-1', 'kept-2']);
    expect((await next.reader.summary(EVERYTHING)).totals).toMatchObject({ requests: 3, input_tokens: 30 });
  });

  it('a spill file cut by a crash loses only its broken line', async () => {
    const location = await backend.fresh();
    const spillPath = scratch();
    const good = usageEvent({ id: 'whole', ts: past });
    writeFileSync(spillPath, `${JSON.stringify(good)}\n{"id":"half", "ts":`);
    const store = await open(location, { spillPath });
    await vi.waitFor(() => expect(existsSync(spillPath)).toBe(false), { timeout: 5000 });
    await store.writer.flush();
    expect((await allRecords(store)).map((row) => row.id)).toEqual(['whole']);
  });

  it('only when even the spill file cannot be written does shutdown fail, saying how many records are lost', async () => {
    const location = await backend.fresh();
    const blocker = join(mkdtempSync(join(tmpdir(), 'ekai-spill-')), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const store = await open(location, {
      flushIntervalMs: 60_000,
      retryMs: 60_000,
      spillPath: join(blocker, 'spill.jsonl'),
      onError: () => {},
    });
    const unblock = await backend.blockWrites(location);
    store.writer.record(usageEvent({ ts: past }));
    store.writer.record(usageEvent({ ts: past }));
    await expect(store.close()).rejects.toThrow(/2 usage records could not be written/);
    await unblock();
  });
}
