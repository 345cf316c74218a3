import { statSync } from 'node:fs';
import type { UsageEvent } from '../usage/event.js';
import type { Db } from './database.js';
import { COLUMNS, hourlyDelta, toRow } from './record-columns.js';
import { spillPathFor } from './spill.js';
import type { UsageSink } from './usage-writer.js';

const ROLL_UP = `
  INSERT INTO usage_hourly VALUES (@hour, @provider, @model, @requests, @errors, @aborted, @unpriced,
    @input_tokens, @output_tokens, @cache_read_tokens, @cache_write_tokens, @cost_usd)
  ON CONFLICT (hour, provider, model) DO UPDATE SET
    requests = requests + excluded.requests, errors = errors + excluded.errors, aborted = aborted + excluded.aborted,
    unpriced = unpriced + excluded.unpriced, input_tokens = input_tokens + excluded.input_tokens,
    output_tokens = output_tokens + excluded.output_tokens,
    cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
    cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens, cost_usd = cost_usd + excluded.cost_usd`;

/**
 * One SQLite transaction per batch, statements prepared once: each record, and its hour's sums
 * updated in the same transaction, so the sums never disagree with the records.
 */
export function sqliteSink(db: Db, path = ':memory:'): UsageSink {
  const stillThere = fileWatch(path);
  const insert = db.prepare(
    `INSERT OR IGNORE INTO requests (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((name) => `@${name}`).join(', ')})`,
  );
  const rollUp = db.prepare(ROLL_UP);
  const writeBatch = db.transaction((events: UsageEvent[]) => {
    for (const event of events) {
      // INSERT OR IGNORE: a record written twice (a retried batch) must not be summed twice.
      if (insert.run(toRow(event)).changes > 0) rollUp.run(hourlyDelta(event));
    }
  });
  const setAside = db.prepare(
    'INSERT INTO usage_dead_letter (id, set_aside_at, reason, record) VALUES (?, ?, ?, ?)',
  );
  return {
    write: (events) => {
      stillThere();
      writeBatch(events);
    },
    setAside: (event, reason) => {
      setAside.run(event.id, Date.now(), reason, JSON.stringify(event));
    },
    refusedContent: (error) =>
      error instanceof RangeError ||
      error instanceof TypeError ||
      CONTENT_ERRORS.test(String((error as { code?: unknown })?.code ?? '')),
  };
}

/**
 * SQLite result codes that blame a value rather than the database: a type a STRICT column will
 * not take (a count beyond 64 bits arrives as REAL), a sum that overflowed, a string too big.
 * Busy, locked, full, read-only and I/O errors are the database's, and are retried instead.
 * @see https://www.sqlite.org/rescode.html
 */
const CONTENT_ERRORS = /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE)/;

/**
 * Throws (a failure of the database, so the records are kept, retried and spilled, never set
 * aside) when the file at `path` is no longer the one that was opened: deleted, or replaced by
 * another. SQLite would go on writing into the unlinked file, and everything would be lost at exit.
 */
function fileWatch(path: string): () => void {
  if (path === ':memory:') return () => {};
  const opened = statSync(path);
  return () => {
    const now = statSync(path, { throwIfNoEntry: false });
    if (now && now.ino === opened.ino && now.dev === opened.dev) return;
    throw new Error(
      `usage database ${path} was ${now ? 'replaced' : 'deleted'} while ekai was running: records are kept (in memory, then in ${spillPathFor(path)}) and written to a new database at the next start`,
    );
  };
}
