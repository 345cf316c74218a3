import type { Db } from './database.js';
import type { UsageRange } from './range.js';
import type {
  ModelUsage,
  ProviderUsage,
  RecentRequest,
  TimeBucket,
  UsageSummary,
  UsageTotals,
} from './summary.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const RECENT_LIMIT = 20;

/** Row shape of the records (CSV export and `recent`). */
export interface UsageRecordRow {
  id: string;
  ts: number;
  latency_ms: number;
  ttfb_ms: number | null;
  client_dialect: string;
  endpoint: string;
  requested_model: string;
  model: string;
  provider: string | null;
  upstream_model: string | null;
  stream: number;
  status: number;
  outcome: string;
  attempts: string;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number | null;
  cost_usd: number | null;
  error_message: string | null;
  warnings: string;
  client_name: string | null;
  tag: string | null;
}

/** Sums for one hour, provider and model: a row of usage_hourly, or the same computed from records. */
interface HourlySums {
  hour: number;
  provider: string;
  model: string;
  requests: number;
  errors: number;
  aborted: number;
  unpriced: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  cost_usd: number;
}

/** The record-level equivalent of a usage_hourly row, for the partial hours at the ends of a range. */
const SUMS_FROM_RECORDS = `
  SELECT ts / ${HOUR} * ${HOUR} AS hour, COALESCE(provider, '') AS provider, model, COUNT(*) AS requests,
    SUM(outcome = 'error') AS errors, SUM(outcome = 'aborted') AS aborted, SUM(cost_usd IS NULL) AS unpriced,
    SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
    SUM(cache_read_tokens) AS cache_read_tokens, SUM(cache_write_tokens) AS cache_write_tokens,
    COALESCE(SUM(cost_usd), 0) AS cost_usd
  FROM requests WHERE ts >= @from AND ts < @to GROUP BY 1, 2, 3`;

/**
 * Read side of the usage database. Summaries come from the hourly sums for the whole hours of the
 * range and from the records themselves for the partial hours at its two ends, so they are exact
 * and stay fast over millions of records (bench/usage-summary.mjs).
 */
export class UsageReader {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      hourly: db.prepare('SELECT * FROM usage_hourly WHERE hour >= @from AND hour < @to'),
      fromRecords: db.prepare(SUMS_FROM_RECORDS),
      recent: db.prepare(
        `SELECT * FROM requests WHERE ts >= @since AND ts < @until ORDER BY ts DESC LIMIT ${RECENT_LIMIT}`,
      ),
      records: db.prepare('SELECT * FROM requests WHERE ts >= @since AND ts < @until ORDER BY ts'),
    };
  }

  summary(range: UsageRange, now = Date.now()): UsageSummary {
    const bounds = this.bounds(range, now);
    const bucket = bounds.until - bounds.since <= 2 * DAY ? 'hour' : 'day';
    const sums = this.hourlySums(bounds);
    return {
      since: new Date(bounds.since).toISOString(),
      until: new Date(Math.min(bounds.until, now)).toISOString(),
      totals: totalsOf(sums),
      by_provider: groupBy(sums, 'provider')
        .filter((row) => row.key !== '')
        .map(({ key, ...rest }) => ({ provider: key, ...rest }) as ProviderUsage),
      by_model: groupBy(sums, 'model').map(({ key, ...rest }) => ({ model: key, ...rest }) as ModelUsage),
      recent: (this.statements.recent.all(bounds) as UsageRecordRow[]).map(toRecent),
      by_time: series(sums, bounds, bucket === 'hour' ? HOUR : DAY),
      bucket,
    };
  }

  /** Every record of the range, oldest first (CSV). Iterates: a large export is not held in memory. */
  records(range: UsageRange, now = Date.now()): IterableIterator<UsageRecordRow> {
    return this.statements.records.iterate(this.bounds(range, now)) as IterableIterator<UsageRecordRow>;
  }

  /** Changes whenever another connection commits: a cheap "anything new?" for live views. */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  private bounds(range: UsageRange, now: number) {
    return { since: range.since.getTime(), until: range.until?.getTime() ?? now + 1 };
  }

  /** Whole hours from usage_hourly; the partial first and last hours from the records. */
  private hourlySums({ since, until }: { since: number; until: number }): HourlySums[] {
    const firstWhole = Math.ceil(since / HOUR) * HOUR;
    const lastWhole = Math.floor(until / HOUR) * HOUR;
    if (firstWhole >= lastWhole)
      return this.statements.fromRecords.all({ from: since, to: until }) as HourlySums[];
    return [
      ...(this.statements.fromRecords.all({ from: since, to: firstWhole }) as HourlySums[]),
      ...(this.statements.hourly.all({ from: firstWhole, to: lastWhole }) as HourlySums[]),
      ...(this.statements.fromRecords.all({ from: lastWhole, to: until }) as HourlySums[]),
    ];
  }
}

type Measures = Omit<HourlySums, 'hour' | 'provider' | 'model'>;
const MEASURES: ReadonlyArray<keyof Measures> = [
  'requests',
  'errors',
  'aborted',
  'unpriced',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'cost_usd',
];

function add(into: Measures, row: Measures): void {
  for (const measure of MEASURES) into[measure] += row[measure];
}

function zero(): Measures {
  return Object.fromEntries(MEASURES.map((measure) => [measure, 0])) as unknown as Measures;
}

/** A group's cost is null when none of its requests had a known price (never a silent $0). */
function costOf(sums: Measures): number | null {
  return sums.requests > sums.unpriced ? sums.cost_usd : null;
}

function totalsOf(rows: HourlySums[]): UsageTotals {
  const sums = zero();
  for (const row of rows) add(sums, row);
  const { unpriced, ...rest } = sums;
  return { ...rest, cost_usd: costOf(sums), unpriced_requests: unpriced };
}

function groupBy(rows: HourlySums[], key: 'provider' | 'model') {
  const groups = new Map<string, Measures>();
  for (const row of rows) {
    const sums = groups.get(row[key]) ?? zero();
    add(sums, row);
    groups.set(row[key], sums);
  }
  return [...groups]
    .map(([name, sums]) => ({
      key: name,
      requests: sums.requests,
      errors: sums.errors,
      input_tokens: sums.input_tokens,
      output_tokens: sums.output_tokens,
      cache_read_tokens: sums.cache_read_tokens,
      cache_write_tokens: sums.cache_write_tokens,
      cost_usd: costOf(sums),
    }))
    .sort((a, b) => (b.cost_usd ?? -1) - (a.cost_usd ?? -1) || b.requests - a.requests);
}

/** Every bucket of the range, oldest first, zeros where nothing happened. */
function series(
  rows: HourlySums[],
  { since, until }: { since: number; until: number },
  bucket: number,
): TimeBucket[] {
  const slots = Math.max(1, Math.ceil((until - since) / bucket));
  const buckets: TimeBucket[] = Array.from({ length: slots }, (_, slot) => ({
    start: new Date(since + slot * bucket).toISOString(),
    requests: 0,
    input_tokens: 0,
    output_tokens: 0,
    cost_usd: 0,
  }));
  for (const row of rows) {
    // The partial first hour starts before `since`: it belongs to the first bucket.
    const slot = Math.min(slots - 1, Math.max(0, Math.floor((row.hour - since) / bucket)));
    const target = buckets[slot] as TimeBucket;
    target.requests += row.requests;
    target.input_tokens += row.input_tokens;
    target.output_tokens += row.output_tokens;
    target.cost_usd += row.cost_usd;
  }
  return buckets;
}

function toRecent(row: UsageRecordRow): RecentRequest {
  return {
    id: row.id,
    ts: new Date(row.ts).toISOString(),
    provider: row.provider,
    model: row.model,
    client_dialect: row.client_dialect,
    client_name: row.client_name,
    stream: row.stream === 1,
    status: row.status,
    outcome: row.outcome,
    input_tokens: row.input_tokens,
    output_tokens: row.output_tokens,
    cache_read_tokens: row.cache_read_tokens,
    cache_write_tokens: row.cache_write_tokens,
    cost_usd: row.cost_usd,
    latency_ms: row.latency_ms,
    attempts: (JSON.parse(row.attempts) as Array<{ provider: string }>).map((attempt) => attempt.provider),
  };
}
