import type { Db } from './database.js';
import { COLUMNS, hourlyDelta, toRow } from './record-columns.js';
import type { UsageEvent } from './usage-event.js';
import type { BatchSink } from './usage-writer.js';

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
export function sqliteBatchSink(db: Db): BatchSink {
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
  return (events) => {
    writeBatch(events);
  };
}
