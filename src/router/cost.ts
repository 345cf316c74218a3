import type { Offer } from '../config/catalog.js';
import type { TokenUsage } from '../usage/tokens.js';

/**
 * USD cost of a request's tokens at an offer's prices (USD per million tokens). Cache reads and
 * writes are billed at their own prices; a count with no price to bill it at makes the cost
 * unknown (null), never zero.
 */
export function costOf(usage: TokenUsage, offer: Offer | undefined): number | null {
  if (!offer) return null;
  const cacheWrite5m = usage.cacheWriteTokens - usage.cacheWrite1hTokens;
  const parts: Array<[tokens: number, price: number | null]> = [
    [usage.inputTokens, offer.input],
    [usage.outputTokens, offer.output],
    [usage.cacheReadTokens, offer.cacheRead],
    [cacheWrite5m, offer.cacheWrite],
    [usage.cacheWrite1hTokens, offer.cacheWrite1h],
  ];
  let total = 0;
  for (const [tokens, price] of parts) {
    if (tokens === 0) continue;
    if (price === null) return null;
    total += tokens * price;
  }
  return total / 1_000_000;
}
