/**
 * The `/usage` body (SPEC §5), which `ekai stats --json` prints as is and the dashboards render.
 * Costs are USD; a cost is null when no request in the group had a known price.
 */
export interface UsageTotals {
  requests: number;
  /** Requests that failed (outcome error); client aborts are counted apart. */
  errors: number;
  aborted: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  cost_usd: number | null;
  /** Requests whose price is unknown (their cost is not in cost_usd). */
  unpriced_requests: number;
}

export interface ProviderUsage {
  provider: string;
  requests: number;
  errors: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  cost_usd: number | null;
}

export interface ModelUsage {
  /** The catalog id, or the requested name when the catalog does not know it. */
  model: string;
  requests: number;
  errors: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  cost_usd: number | null;
}

export interface RecentRequest {
  id: string;
  ts: string;
  provider: string | null;
  model: string;
  client_dialect: string;
  client_name: string | null;
  stream: boolean;
  status: number;
  outcome: string;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  cost_usd: number | null;
  latency_ms: number;
  /** The provider chain, in order. */
  attempts: string[];
}

/** One step of the spend-over-time series (hours for ranges up to two days, else days). */
export interface TimeBucket {
  /** Start of the bucket, ISO. */
  start: string;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

export interface UsageSummary {
  since: string;
  until: string;
  totals: UsageTotals;
  by_provider: ProviderUsage[];
  by_model: ModelUsage[];
  recent: RecentRequest[];
  /** Oldest first, every bucket of the range present (zeros where nothing happened). */
  by_time: TimeBucket[];
  bucket: 'hour' | 'day';
}
