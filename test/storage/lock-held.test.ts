import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openUsageStore } from '../../src/storage/index.js';
import { usageEvent } from '../support/usage-event.js';

/**
 * Issue "Nothing frozen", H5: another process holding the SQLite write lock used to freeze the
 * event loop for the whole busy timeout (5 s) on every retry, so every request stalled with the
 * writer. Now a locked batch fails within a few milliseconds and is retried on the timer.
 */
describe('a write lock held by another process', () => {
  it('never blocks the event loop for long; the records are written once the lock is free', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ekai-lock-')), 'usage.db');
    const store = await openUsageStore(path, { flushIntervalMs: 10, retryMs: 100, onError: () => {} });
    const blocker = new Database(path);
    blocker.exec('BEGIN IMMEDIATE'); // the other process's write transaction
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    try {
      for (let n = 0; n < 5; n++) store.writer.record(usageEvent({ id: `held-${n}` }));
      // About ten retries meet the lock meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 1200));
      delay.disable();
      expect(store.writer.pending).toBe(5);
      // With the old 5 s busy timeout a single retry blocked the loop for 5 s; now each takes ~25 ms.
      expect(delay.max / 1e6).toBeLessThan(1000);
    } finally {
      blocker.exec('COMMIT');
      blocker.close();
    }
    await store.writer.flush();
    expect(store.writer.pending).toBe(0);
    await store.close();
  });
});
