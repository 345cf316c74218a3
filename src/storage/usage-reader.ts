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

/** The sums every breakdown shares. SUM over no rows, or over only NULL costs, is NULL. */
const SUMS = `
  COUNT(*) AS requests,
  COALESCE(SUM(outcome = 'error'), 0) AS errors,
  COALESCE(SUM(input_tokens), 0) AS input_tokens,
  COALESCE(SUM(output_tokens), 0) AS output_tokens,
  COALESCE(SUM(cache_read_tokens), 0) AS cache_read_tokens,
  COALESCE(SUM(cache_write_tokens), 0) AS cache_write_tokens,
  SUM(cost_usd) AS cost_usd`;

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

/** Read side of the usage database: the summary the dashboards show, and the raw records. */
export class UsageReader {
  private readonly statements;

  constructor(private readonly db: Db) {
    const range = 'WHERE ts >= @since AND ts < @until';
    this.statements = {
      totals: db.prepare(`SELECT ${SUMS}, COALESCE(SUM(outcome = 'aborted'), 0) AS aborted,
        COALESCE(SUM(cost_usd IS NULL), 0) AS unpriced_requests FROM requests ${range}`),
      byProvider: db.prepare(`SELECT provider, ${SUMS} FROM requests ${range} AND provider IS NOT NULL
        GROUP BY provider ORDER BY cost_usd DESC NULLS LAST, requests DESC`),
      byModel: db.prepare(`SELECT model, ${SUMS} FROM requests ${range}
        GROUP BY model ORDER BY cost_usd DESC NULLS LAST, requests DESC`),
      recent: db.prepare(`SELECT * FROM requests ${range} ORDER BY ts DESC LIMIT ${RECENT_LIMIT}`),
      // Parameters bind as REAL (JS numbers), so the slot is cast back to an integer.
      byTime: db.prepare(`SELECT CAST((ts - @since) / @bucket AS INTEGER) AS slot, COUNT(*) AS requests,
        SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
        COALESCE(SUM(cost_usd), 0) AS cost_usd FROM requests ${range} GROUP BY slot`),
      records: db.prepare(`SELECT * FROM requests ${range} ORDER BY ts`),
    };
  }

  summary(range: UsageRange, now = Date.now()): UsageSummary {
    const bounds = { since: range.since.getTime(), until: range.until?.getTime() ?? now + 1 };
    const bucket = bounds.until - bounds.since <= 2 * DAY ? 'hour' : 'day';
    return {
      since: new Date(bounds.since).toISOString(),
      until: new Date(Math.min(bounds.until, now)).toISOString(),
      totals: this.statements.totals.get(bounds) as UsageTotals,
      by_provider: this.statements.byProvider.all(bounds) as ProviderUsage[],
      by_model: this.statements.byModel.all(bounds) as ModelUsage[],
      recent: (this.statements.recent.all(bounds) as UsageRecordRow[]).map(toRecent),
      by_time: this.series(bounds, bucket === 'hour' ? HOUR : DAY),
      bucket,
    };
  }

  /** Every record of the range, oldest first (CSV). Iterates: a large export is not held in memory. */
  records(range: UsageRange, now = Date.now()): IterableIterator<UsageRecordRow> {
    const bounds = { since: range.since.getTime(), until: range.until?.getTime() ?? now + 1 };
    return this.statements.records.iterate(bounds) as IterableIterator<UsageRecordRow>;
  }

  /** Changes whenever another connection commits: a cheap "anything new?" for live views. */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  private series(bounds: { since: number; until: number }, bucket: number): TimeBucket[] {
    const rows = this.statements.byTime.all({ ...bounds, bucket }) as Array<
      Omit<TimeBucket, 'start'> & { slot: number }
    >;
    const bySlot = new Map(rows.map((row) => [row.slot, row]));
    const slots = Math.max(1, Math.ceil((bounds.until - bounds.since) / bucket));
    return Array.from({ length: slots }, (_, slot) => {
      const row = bySlot.get(slot);
      return {
        start: new Date(bounds.since + slot * bucket).toISOString(),
        requests: row?.requests ?? 0,
        input_tokens: row?.input_tokens ?? 0,
        output_tokens: row?.output_tokens ?? 0,
        cost_usd: row?.cost_usd ?? 0,
      };
    });
  }
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
