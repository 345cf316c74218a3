import type { UsageEvent } from '../usage/event.js';
import type { HourlySums } from './usage-reader.js';

/** The columns of `requests`, in schema order: the same names on both backends. */
export const COLUMNS = [
  'id',
  'ts',
  'latency_ms',
  'ttfb_ms',
  'client_dialect',
  'endpoint',
  'requested_model',
  'model',
  'provider',
  'upstream_model',
  'stream',
  'status',
  'outcome',
  'attempts',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'cost_usd',
  'error_message',
  'warnings',
  'client_name',
  'tag',
] as const;

export type ColumnValue = string | number | null;

/** An event as a `requests` row (lists as JSON text, the stream flag as 0/1). */
export function toRow(event: UsageEvent): Record<(typeof COLUMNS)[number], ColumnValue> {
  return {
    id: event.id,
    ts: event.ts,
    latency_ms: event.latencyMs,
    ttfb_ms: event.ttfbMs,
    client_dialect: event.clientDialect,
    endpoint: event.endpoint,
    requested_model: event.requestedModel,
    model: event.model,
    provider: event.provider,
    upstream_model: event.upstreamModel,
    stream: event.stream ? 1 : 0,
    status: event.status,
    outcome: event.outcome,
    attempts: JSON.stringify(event.attempts),
    input_tokens: event.inputTokens,
    output_tokens: event.outputTokens,
    cache_read_tokens: event.cacheReadTokens,
    cache_write_tokens: event.cacheWriteTokens,
    reasoning_tokens: event.reasoningTokens,
    cost_usd: event.costUsd,
    error_message: event.errorMessage,
    warnings: JSON.stringify(event.warnings),
    client_name: event.clientName,
    tag: event.tag,
  };
}

export const HOUR_MS = 3_600_000;

/** What one event adds to its usage_hourly row. */
export function hourlyDelta(event: UsageEvent): HourlySums {
  return {
    hour: Math.floor(event.ts / HOUR_MS) * HOUR_MS,
    provider: event.provider ?? '',
    model: event.model,
    requests: 1,
    errors: event.outcome === 'error' ? 1 : 0,
    aborted: event.outcome === 'aborted' ? 1 : 0,
    unpriced: event.costUsd === null ? 1 : 0,
    input_tokens: event.inputTokens,
    output_tokens: event.outputTokens,
    cache_read_tokens: event.cacheReadTokens,
    cache_write_tokens: event.cacheWriteTokens,
    cost_usd: event.costUsd ?? 0,
  };
}
