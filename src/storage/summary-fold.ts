import { MAX_RANGE_DAYS, type UsageRange } from './range.js';
import { HOUR_MS } from './record-columns.js';
import type {
  ModelUsage,
  ProviderUsage,
  RecentRequest,
  TimeBucket,
  UsageSummary,
  UsageTotals,
} from './summary.js';
import type { HourlySums, UsageRecordRow } from './usage-reader.js';

const DAY_MS = 24 * HOUR_MS;
export const RECENT_LIMIT = 20;
/**
 * The most buckets a series holds: 20 years of days, the widest range parseRange lets through
 * (10 years either side of now). A wider range given directly still gets this many buckets, the
 * last one holding the rest, instead of one object per day until the heap runs out.
 */
export const MAX_SERIES_BUCKETS = 2 * MAX_RANGE_DAYS + 2;

/** A range in epoch ms: `since` inclusive, `until` exclusive. */
export interface Bounds {
  since: number;
  until: number;
}

/** A span [from, to) of epoch ms. */
export interface Span {
  from: number;
  to: number;
}

/**
 * Where a summary's sums come from: the whole hours of the range from the hourly sums, the partial
 * hours at its two ends from the records themselves, so the result is exact and stays fast over
 * millions of records (bench/usage-summary.mjs). Both backends read this plan, then fold alike.
 */
export interface HourPlan {
  fromRecords: Span[];
  hourly: Span | undefined;
}

/** The range in epoch ms; an open range ends just after `now`. */
export function boundsOf(range: UsageRange, now: number): Bounds {
  return { since: range.since.getTime(), until: range.until?.getTime() ?? now + 1 };
}

export function hourPlan({ since, until }: Bounds): HourPlan {
  const firstWhole = Math.ceil(since / HOUR_MS) * HOUR_MS;
  const lastWhole = Math.floor(until / HOUR_MS) * HOUR_MS;
  if (firstWhole >= lastWhole) return { fromRecords: [{ from: since, to: until }], hourly: undefined };
  return {
    fromRecords: [
      { from: since, to: firstWhole },
      { from: lastWhole, to: until },
    ].filter((span) => span.from < span.to),
    hourly: { from: firstWhole, to: lastWhole },
  };
}

/** The summary of a range from its sums (per the plan) and its newest records. */
export function foldSummary(
  bounds: Bounds,
  now: number,
  sums: HourlySums[],
  recent: UsageRecordRow[],
): UsageSummary {
  const bucket = bounds.until - bounds.since <= 2 * DAY_MS ? 'hour' : 'day';
  return {
    since: new Date(bounds.since).toISOString(),
    until: new Date(Math.min(bounds.until, now)).toISOString(),
    totals: totalsOf(sums),
    by_provider: groupBy(sums, 'provider')
      .filter((row) => row.key !== '')
      .map(({ key, ...rest }) => ({ provider: key, ...rest }) as ProviderUsage),
    by_model: groupBy(sums, 'model').map(({ key, ...rest }) => ({ model: key, ...rest }) as ModelUsage),
    recent: recent.map(recentFromRecord),
    by_time: series(sums, bounds, bucket === 'hour' ? HOUR_MS : DAY_MS),
    bucket,
  };
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

export function addMeasures(into: Measures, row: Measures): void {
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
  for (const row of rows) addMeasures(sums, row);
  const { unpriced, ...rest } = sums;
  return { ...rest, cost_usd: costOf(sums), unpriced_requests: unpriced };
}

function groupBy(rows: HourlySums[], key: 'provider' | 'model') {
  const groups = new Map<string, Measures>();
  for (const row of rows) {
    const sums = groups.get(row[key]) ?? zero();
    addMeasures(sums, row);
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
function series(rows: HourlySums[], { since, until }: Bounds, bucket: number): TimeBucket[] {
  const wanted = Math.ceil((until - since) / bucket);
  const slots = Number.isFinite(wanted) ? Math.min(MAX_SERIES_BUCKETS, Math.max(1, wanted)) : 1;
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

/** A stored record as the summaries and the dashboard show it. */
export function recentFromRecord(row: UsageRecordRow): RecentRequest {
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
    attempts: attemptProviders(row.attempts),
  };
}

/** The provider chain of a stored attempts list; a damaged value reads as no attempts, not a crash. */
function attemptProviders(json: string): string[] {
  try {
    const attempts: unknown = JSON.parse(json);
    if (!Array.isArray(attempts)) return [];
    return attempts.map((attempt: { provider?: unknown }) => String(attempt.provider ?? '?'));
  } catch {
    return [];
  }
}
