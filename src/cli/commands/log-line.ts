import type { UsageEvent } from '../../storage/usage-event.js';

/** One plain line per finished request: no prompt text, no keys. */
export function logLine(event: UsageEvent): string {
  const time = new Date(event.ts).toISOString().slice(11, 19);
  const cost = event.costUsd === null ? '$?' : `$${event.costUsd.toFixed(4)}`;
  const route = event.provider ? `${event.provider}/${event.upstreamModel}` : event.requestedModel || '-';
  const tokens = `in ${event.inputTokens + event.cacheReadTokens + event.cacheWriteTokens} out ${event.outputTokens}`;
  const error = event.errorMessage ? `  ${event.outcome}: ${event.errorMessage}` : '';
  const warnings = event.warnings.length > 0 ? `  (${event.warnings.length} translation warnings)` : '';
  return `${time} ${event.status} ${event.clientDialect} ${route} ${tokens} ${cost} ${event.latencyMs}ms${error}${warnings}`;
}
