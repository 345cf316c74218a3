import { readerOver } from './backend-reader.js';
import { openDatabase } from './database.js';
import { sqliteReaderBackend } from './sqlite-reader.js';
import { sqliteSink } from './sqlite-writer.js';
import { pruneEvery, type StoreOptions, type UsageStore, writerOptions } from './store.js';
import { UsageWriter } from './usage-writer.js';

/** The SQLite usage store: one connection for the batched writer and the readers of this process. */
export function openSqliteStore(path: string, options: StoreOptions = {}): UsageStore {
  const db = openDatabase(path);
  const writer = new UsageWriter(sqliteSink(db, path), writerOptions(path, options));
  const reader = readerOver(sqliteReaderBackend(db));
  const prune = db.transaction((cutoff: number) => {
    db.prepare('DELETE FROM requests WHERE ts < ?').run(cutoff);
    // Hourly sums go with their hour once it is wholly before the cutoff.
    db.prepare('DELETE FROM usage_hourly WHERE hour + 3600000 <= ?').run(cutoff);
  });
  // SQLite prunes synchronously: the first run is over before this returns.
  const pruning = pruneEvery(options.retentionDays, (cutoff) => prune(cutoff), options.onError);
  return {
    backend: 'sqlite',
    writer,
    reader,
    async close() {
      pruning.stop();
      try {
        await writer.close();
      } finally {
        db.close();
      }
    },
  };
}
