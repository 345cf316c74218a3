import type { PagedRow, ReaderBackend, RecordCursor } from './backend-reader.js';
import type { Db } from './database.js';
import { HOUR_MS } from './record-columns.js';
import type { Bounds, HourPlan } from './summary-fold.js';
import type { HourlySums, UsageRecordRow } from './usage-reader.js';

/** The record-level equivalent of a usage_hourly row, for the partial hours at the ends of a range. */
const SUMS_FROM_RECORDS = `
  SELECT ts / ${HOUR_MS} * ${HOUR_MS} AS hour, COALESCE(provider, '') AS provider, model, COUNT(*) AS requests,
    SUM(outcome = 'error') AS errors, SUM(outcome = 'aborted') AS aborted, SUM(cost_usd IS NULL) AS unpriced,
    SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
    SUM(cache_read_tokens) AS cache_read_tokens, SUM(cache_write_tokens) AS cache_write_tokens,
    COALESCE(SUM(cost_usd), 0) AS cost_usd
  FROM requests WHERE ts >= @from AND ts < @to GROUP BY 1, 2, 3`;

/** SQLite's answers to the reader's queries. Write order is the rowid (the ts index holds it too). */
export function sqliteReaderBackend(db: Db): ReaderBackend {
  const statements = {
    hourly: db.prepare('SELECT * FROM usage_hourly WHERE hour >= @from AND hour < @to'),
    fromRecords: db.prepare(SUMS_FROM_RECORDS),
    recent: db.prepare(
      'SELECT * FROM requests WHERE ts >= @since AND ts < @until ORDER BY ts DESC, rowid DESC LIMIT @limit',
    ),
    firstPage: db.prepare(
      'SELECT rowid AS seq, * FROM requests WHERE ts >= @since AND ts < @until ORDER BY ts, rowid LIMIT @limit',
    ),
    // The cursor is at or after `since`, so the next page needs only it and the upper bound.
    nextPage: db.prepare(
      `SELECT rowid AS seq, * FROM requests WHERE ts >= @ts AND ts < @until AND (ts, rowid) > (@ts, @seq)
       ORDER BY ts, rowid LIMIT @limit`,
    ),
  };
  // One read transaction: a snapshot, so a batch committed meanwhile cannot land in only some parts.
  const read = db.transaction((plan: HourPlan, bounds: Bounds, limit: number) => ({
    sums: [
      ...plan.fromRecords.flatMap((span) => statements.fromRecords.all(span) as HourlySums[]),
      ...(plan.hourly ? (statements.hourly.all(plan.hourly) as HourlySums[]) : []),
    ],
    recent: statements.recent.all({ ...bounds, limit }) as UsageRecordRow[],
  }));
  let seen = dataVersion(db);
  return {
    read: async (plan, bounds, limit) => read(plan, bounds, limit),
    async page(bounds: Bounds, after: RecordCursor | undefined, limit: number) {
      const rows = after
        ? statements.nextPage.all({ until: bounds.until, ...after, limit })
        : statements.firstPage.all({ ...bounds, limit });
      return rows as PagedRow[];
    },
    // data_version moves whenever another connection commits.
    async changed() {
      const now = dataVersion(db);
      const changed = now !== seen;
      seen = now;
      return changed;
    },
  };
}

function dataVersion(db: Db): number {
  return db.pragma('data_version', { simple: true }) as number;
}
