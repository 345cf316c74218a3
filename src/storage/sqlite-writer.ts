import type { Db } from './database.js';
import { COLUMNS, hourlyDelta, toRow } from './record-columns.js';
import type { UsageEvent } from './usage-event.js';
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
export function sqliteSink(db: Db): UsageSink {
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
