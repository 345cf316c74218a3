import type { UsageEvent } from '../storage/usage-event.js';
import type { UsageRecordRow } from '../storage/usage-reader.js';
import type { RequestRow } from './api-types.js';

export function rowFromEvent(event: UsageEvent): RequestRow {
  return {
    id: event.id,
    ts: new Date(event.ts).toISOString(),
    provider: event.provider,
    model: event.model,
    client_dialect: event.clientDialect,
    client_name: event.clientName,
    stream: event.stream,
    status: event.status,
    outcome: event.outcome,
    input_tokens: event.inputTokens,
    output_tokens: event.outputTokens,
    cache_read_tokens: event.cacheReadTokens,
    cache_write_tokens: event.cacheWriteTokens,
    cost_usd: event.costUsd,
    latency_ms: event.latencyMs,
    attempts: event.attempts.map((attempt) => attempt.provider),
  };
}

export function rowFromRecord(record: UsageRecordRow): RequestRow {
  return {
    id: record.id,
    ts: new Date(record.ts).toISOString(),
    provider: record.provider,
    model: record.model,
    client_dialect: record.client_dialect,
    client_name: record.client_name,
    stream: record.stream === 1,
    status: record.status,
    outcome: record.outcome,
    input_tokens: record.input_tokens,
    output_tokens: record.output_tokens,
    cache_read_tokens: record.cache_read_tokens,
    cache_write_tokens: record.cache_write_tokens,
    cost_usd: record.cost_usd,
    latency_ms: record.latency_ms,
    attempts: attemptProviders(record.attempts),
  };
}

function attemptProviders(json: string): string[] {
  try {
    const attempts: unknown = JSON.parse(json);
    if (!Array.isArray(attempts)) return [];
    return attempts.map((attempt: { provider?: unknown }) => String(attempt.provider ?? '?'));
  } catch {
    return [];
  }
}
