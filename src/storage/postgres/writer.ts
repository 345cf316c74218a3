import type { UsageEvent } from '../../usage/event.js';
import { COLUMNS, type ColumnValue, hourlyDelta, toRow } from '../record-columns.js';
import { cleanText } from '../sanitize-event.js';
import { addMeasures } from '../summary-fold.js';
import type { HourlySums } from '../usage-reader.js';
import type { UsageSink } from '../usage-writer.js';
import { CHANGES_CHANNEL, inTransaction, type PgClient, type PgPool } from './database.js';

/** Rows per statement: PostgreSQL takes at most 65,535 parameters (24 per record). */
const ROWS_PER_STATEMENT = 1000;

const SUM_COLUMNS = [
  'hour',
  'provider',
  'model',
  'requests',
  'errors',
  'aborted',
  'unpriced',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'cost_usd',
] as const;

const ADD_TO_EXISTING = SUM_COLUMNS.slice(3)
  .map((column) => `${column} = usage_hourly.${column} + excluded.${column}`)
  .join(', ');

/**
 * One PostgreSQL transaction per batch: the records (ON CONFLICT DO NOTHING, so a batch retried
 * after a commit whose answer was lost adds nothing), then the hourly sums of the records actually
 * inserted, as one upsert (INSERT … ON CONFLICT DO UPDATE: atomic, exact with many writers), then a
 * notification for live views, delivered on commit.
 */
export function postgresSink(pool: PgPool): UsageSink {
  return {
    write: (events) => writeBatch(pool, events),
    setAside: async (event, reason) => {
      // JSON escapes NUL (which a PostgreSQL text refuses) and lone surrogates; the reason is cleaned.
      await pool.query(
        'INSERT INTO usage_dead_letter (id, set_aside_at, reason, record) VALUES ($1, $2, $3, $4)',
        [cleanText(event.id, 256), Date.now(), cleanText(reason, 2000), JSON.stringify(event)],
      );
    },
    refusedContent: (error) =>
      CONTENT_ERROR_CLASSES.has(String((error as { code?: unknown })?.code ?? '').slice(0, 2)),
  };
}

/**
 * SQLSTATE classes that blame a value rather than the database: 22 data exception (a NUL in text,
 * a number out of range), 23 integrity constraint, 54 program limit exceeded (a value too big to
 * index). Connection, resource and lock failures are the database's, and are retried instead.
 * @see https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
const CONTENT_ERROR_CLASSES = new Set(['22', '23', '54']);

function writeBatch(pool: PgPool, events: UsageEvent[]): Promise<void> {
  return inTransaction(pool, async (client) => {
    const inserted = new Set<string>();
    for (const chunk of chunks(events, ROWS_PER_STATEMENT)) {
      for (const id of await insertRecords(client, chunk)) inserted.add(id);
    }
    // Each inserted id once: an event recorded twice in one batch is one record, summed once.
    const fresh = events.filter((event) => inserted.delete(event.id));
    for (const chunk of chunks(hourlySums(fresh), ROWS_PER_STATEMENT)) await addSums(client, chunk);
    await client.query(`NOTIFY ${CHANGES_CHANNEL}`);
  });
}

async function insertRecords(client: PgClient, events: UsageEvent[]): Promise<string[]> {
  const values: ColumnValue[] = [];
  for (const event of events) {
    const row = toRow(event);
    for (const column of COLUMNS) values.push(row[column]);
  }
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO requests (${COLUMNS.join(', ')}) VALUES ${placeholders(events.length, COLUMNS.length)}
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    values,
  );
  return rows.map((row) => row.id);
}

async function addSums(client: PgClient, sums: HourlySums[]): Promise<void> {
  await client.query(
    `INSERT INTO usage_hourly (${SUM_COLUMNS.join(', ')}) VALUES ${placeholders(sums.length, SUM_COLUMNS.length)}
     ON CONFLICT (hour, provider, model) DO UPDATE SET ${ADD_TO_EXISTING}`,
    sums.flatMap((row) => SUM_COLUMNS.map((column) => row[column])),
  );
}

/**
 * The batch folded into one row per hour, provider and model, in a fixed order: every writer locks
 * the rows it updates in the same order, so two gateways' batches cannot deadlock on each other.
 */
function hourlySums(events: UsageEvent[]): HourlySums[] {
  const rows = new Map<string, HourlySums>();
  for (const event of events) {
    const delta = hourlyDelta(event);
    const key = JSON.stringify([delta.hour, delta.provider, delta.model]);
    const row = rows.get(key);
    if (row) addMeasures(row, delta);
    else rows.set(key, delta);
  }
  return [...rows.values()].sort(
    (a, b) => a.hour - b.hour || compare(a.provider, b.provider) || compare(a.model, b.model),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** ($1, $2, …), ($n+1, …), … for `rows` rows of `width` parameters. */
function placeholders(rows: number, width: number): string {
  return Array.from(
    { length: rows },
    (_, row) =>
      `(${Array.from({ length: width }, (_, column) => `$${row * width + column + 1}`).join(', ')})`,
  ).join(', ');
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
