import type { UsageTotals } from '../../storage/summary.js';
import type { UsageEvent } from '../../usage/event.js';

export const EMPTY_TOTALS: UsageTotals = {
  requests: 0,
  errors: 0,
  aborted: 0,
  input_tokens: 0,
  output_tokens: 0,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
  cost_usd: null,
  unpriced_requests: 0,
};

/** Running totals with one more request; an unknown price is counted apart, never added as zero. */
export function addToTotals(totals: UsageTotals, event: UsageEvent): UsageTotals {
  return {
    requests: totals.requests + 1,
    errors: totals.errors + (event.outcome === 'error' ? 1 : 0),
    aborted: totals.aborted + (event.outcome === 'aborted' ? 1 : 0),
    input_tokens: totals.input_tokens + event.inputTokens,
    output_tokens: totals.output_tokens + event.outputTokens,
    cache_read_tokens: totals.cache_read_tokens + event.cacheReadTokens,
    cache_write_tokens: totals.cache_write_tokens + event.cacheWriteTokens,
    cost_usd: event.costUsd === null ? totals.cost_usd : (totals.cost_usd ?? 0) + event.costUsd,
    unpriced_requests: totals.unpriced_requests + (event.costUsd === null ? 1 : 0),
  };
}
