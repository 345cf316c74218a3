import { recentFromRecord } from '../storage/summary-fold.js';
import type { UsageRecordRow } from '../storage/usage-reader.js';
import type { UsageEvent } from '../usage/event.js';
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

/** A stored record as a row: the same shape /usage's `recent` has. */
export const rowFromRecord: (record: UsageRecordRow) => RequestRow = recentFromRecord;
