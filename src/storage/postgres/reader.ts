import type { PagedRow, ReaderBackend, RecordCursor } from '../backend-reader.js';
import { COLUMNS, HOUR_MS } from '../record-columns.js';
import type { Bounds, HourPlan } from '../summary-fold.js';
import type { HourlySums, UsageRecordRow } from '../usage-reader.js';
import type { ChangeListener } from './changes.js';
import { inTransaction, type PgPool } from './database.js';

const RECORD_COLUMNS = COLUMNS.join(', ');

/** The record-level equivalent of a usage_hourly row (sums cast to BIGINT: numbers, not NUMERIC strings). */
const SUMS_FROM_RECORDS = `
  SELECT ts / ${HOUR_MS} * ${HOUR_MS} AS hour, COALESCE(provider, '') AS provider, model, COUNT(*) AS requests,
    COUNT(*) FILTER (WHERE outcome = 'error') AS errors, COUNT(*) FILTER (WHERE outcome = 'aborted') AS aborted,
    COUNT(*) FILTER (WHERE cost_usd IS NULL) AS unpriced,
    SUM(input_tokens)::BIGINT AS input_tokens, SUM(output_tokens)::BIGINT AS output_tokens,
    SUM(cache_read_tokens)::BIGINT AS cache_read_tokens, SUM(cache_write_tokens)::BIGINT AS cache_write_tokens,
    COALESCE(SUM(cost_usd), 0) AS cost_usd
  FROM requests WHERE ts >= $1 AND ts < $2 GROUP BY 1, 2, 3`;

const HOURLY = `
  SELECT hour, provider, model, requests, errors, aborted, unpriced, input_tokens, output_tokens,
    cache_read_tokens, cache_write_tokens, cost_usd
  FROM usage_hourly WHERE hour >= $1 AND hour < $2`;

const RECENT = `SELECT ${RECORD_COLUMNS} FROM requests WHERE ts >= $1 AND ts < $2 ORDER BY ts DESC, seq DESC LIMIT $3`;

const PAGE = `
  SELECT seq, ${RECORD_COLUMNS} FROM requests
  WHERE ts >= $1 AND ts < $2 AND (ts, seq) > ($3, $4) ORDER BY ts, seq LIMIT $5`;

/** PostgreSQL's answers to the reader's queries. Write order is the `seq` identity column. */
export function postgresReaderBackend(pool: PgPool, changes: ChangeListener): ReaderBackend {
  return {
    // One read-only snapshot, so a batch committed meanwhile cannot land in only some parts.
    read: (plan: HourPlan, bounds: Bounds, limit: number) =>
      inTransaction(
        pool,
        async (client) => {
          const sums: HourlySums[] = [];
          for (const span of plan.fromRecords) {
            sums.push(...(await client.query<HourlySums>(SUMS_FROM_RECORDS, [span.from, span.to])).rows);
          }
          if (plan.hourly) {
            sums.push(...(await client.query<HourlySums>(HOURLY, [plan.hourly.from, plan.hourly.to])).rows);
          }
          const recent = await client.query<UsageRecordRow>(RECENT, [bounds.since, bounds.until, limit]);
          return { sums, recent: recent.rows };
        },
        'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
      ),
    async page(bounds: Bounds, after: RecordCursor | undefined, limit: number) {
      // Without a cursor, start before every record at `since` (identities start at 1).
      const cursor = after ?? { ts: bounds.since, seq: 0 };
      const { rows } = await pool.query<PagedRow>(PAGE, [
        bounds.since,
        bounds.until,
        cursor.ts,
        cursor.seq,
        limit,
      ]);
      return rows;
    },
    changed: () => changes.changed(),
  };
}
