import type { UsageRange } from './range.js';
import type { UsageSummary } from './summary.js';

/**
 * Read side of a usage store, whichever the backend (SQLite or PostgreSQL). Async because
 * PostgreSQL is; SQLite answers at once.
 */
export interface UsageReader {
  /** The `/usage` body for the range; exact whatever the range's boundaries. */
  summary(range: UsageRange, now?: number): Promise<UsageSummary>;
  /**
   * Every record of the range, oldest first (ties in the order they were written). Read page by
   * page: a large export is not held in memory, and the database is free between pages.
   */
  records(range: UsageRange, now?: number): AsyncIterable<UsageRecordRow>;
  /** Whether anything was written since the last call (by any process): a cheap poll for live views. */
  changed(): Promise<boolean>;
}

/** Row shape of the records (CSV export, `recent`, the dashboard's request list), the same on both backends. */
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
export interface HourlySums {
  hour: number;
  /** '' when no provider was tried. */
  provider: string;
  model: string;
  requests: number;
  errors: number;
  aborted: number;
  /** Requests whose cost is unknown. */
  unpriced: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  /** Sum of the known costs. */
  cost_usd: number;
}
