import type { UsageEvent } from '../../usage/event.js';
import type { RequestLineData } from '../components/request-line.js';
import { formatClock } from '../format-time.js';
import { providerChain } from '../format-usage.js';

/** The first line of the error, or of the last failed attempt, or the status: enough to see what broke. */
export function shortReason(event: UsageEvent): string {
  const failedAttempt = event.attempts.findLast((attempt) => attempt.error);
  const text = event.errorMessage ?? failedAttempt?.error ?? `HTTP ${event.status}`;
  return text.split('\n')[0]?.replace(/\s+/g, ' ').trim() || `HTTP ${event.status}`;
}

export function eventLine(event: UsageEvent): RequestLineData {
  return {
    time: formatClock(new Date(event.ts)),
    status: event.status,
    outcome: event.outcome,
    client: event.clientName ?? event.clientDialect,
    model: event.model || event.requestedModel || '–',
    provider: providerChain(
      event.attempts.map((attempt) => attempt.provider),
      event.provider,
    ),
    inputTokens: event.inputTokens + event.cacheReadTokens + event.cacheWriteTokens,
    outputTokens: event.outputTokens,
    costUsd: event.costUsd,
    latencyMs: event.latencyMs,
    reason: event.outcome === 'error' ? shortReason(event) : null,
  };
}
