import { openDatabase } from './database.js';
import { UsageReader } from './usage-reader.js';
import { UsageWriter, type WriterOptions } from './usage-writer.js';

export type { UsageRange } from './range.js';
export { DEFAULT_RANGE, InvalidRangeError, parseRange } from './range.js';
export type { UsageSummary } from './summary.js';
export type { UsageEvent, UsageRecorder } from './usage-event.js';
export { UsageReader } from './usage-reader.js';
export { UsageWriter } from './usage-writer.js';

const RETENTION_CHECK_MS = 6 * 3_600_000;

export interface UsageStore {
  writer: UsageWriter;
  reader: UsageReader;
  /** Write what is queued and close the database. */
  close(): Promise<void>;
}

/** The SQLite usage store: one connection for the batched writer and the readers of this process. */
export function openUsageStore(
  path: string,
  options: WriterOptions & { retentionDays?: number | undefined } = {},
): UsageStore {
  const db = openDatabase(path);
  const writer = new UsageWriter(db, options);
  const reader = new UsageReader(db);
  const retentionMs = (options.retentionDays ?? 0) * 86_400_000;
  const prune = retentionMs
    ? pruneEvery(
        db.transaction(() => {
          const cutoff = Date.now() - retentionMs;
          db.prepare('DELETE FROM requests WHERE ts < ?').run(cutoff);
          // Hourly sums go with their hour once it is wholly before the cutoff.
          db.prepare('DELETE FROM usage_hourly WHERE hour + 3600000 <= ?').run(cutoff);
        }),
      )
    : undefined;
  return {
    writer,
    reader,
    async close() {
      if (prune) clearInterval(prune);
      await writer.flush();
      db.close();
    },
  };
}

function pruneEvery(prune: () => unknown): NodeJS.Timeout {
  prune();
  return setInterval(prune, RETENTION_CHECK_MS).unref();
}
