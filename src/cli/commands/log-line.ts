import type { UsageEvent } from '../../usage/event.js';
import { printable } from '../../util/printable.js';

/**
 * One plain line per finished request: no prompt text, no keys, no control characters (model names
 * and error messages come from outside: a newline in one would forge a line of its own).
 */
export function logLine(event: UsageEvent): string {
  const time = new Date(event.ts).toISOString().slice(11, 19);
  const cost = event.costUsd === null ? '$?' : `$${event.costUsd.toFixed(4)}`;
  const route = event.provider ? `${event.provider}/${event.upstreamModel}` : event.requestedModel || '-';
  const tokens = `in ${event.inputTokens + event.cacheReadTokens + event.cacheWriteTokens} out ${event.outputTokens}`;
  const error = event.errorMessage ? `  ${event.outcome}: ${event.errorMessage}` : '';
  const warnings = event.warnings.length > 0 ? `  (${event.warnings.length} translation warnings)` : '';
  return printable(
    `${time} ${event.status} ${event.clientDialect} ${route} ${tokens} ${cost} ${event.latencyMs}ms${error}${warnings}`,
  );
}
