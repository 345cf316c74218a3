import type { Offer } from '../config/catalog.js';

/** How big a request is expected to be, in tokens, for comparing offers by price. */
export interface TokenEstimate {
  inputTokens: number;
  outputTokens: number;
}

/**
 * The yardstick for listings (`ekai models`), where there is no request to measure: a typical
 * chat turn of a coding agent sends far more than it receives.
 */
export const LISTING_ESTIMATE: TokenEstimate = { inputTokens: 4000, outputTokens: 1000 };

/** Estimated USD cost of a request at this offer's prices, or null when a price is unknown. */
export function estimateCost(offer: Offer, estimate: TokenEstimate): number | null {
  if (offer.input === null || offer.output === null) return null;
  return (estimate.inputTokens * offer.input + estimate.outputTokens * offer.output) / 1_000_000;
}

/**
 * Cheapest first. Offers with an unknown price go last (we cannot claim they are cheaper); on a tie
 * the model's own vendor goes before an aggregator, then catalog order (SPEC §6.2).
 */
export function rankOffers(
  offers: readonly Offer[],
  isAggregator: (provider: string) => boolean,
  estimate: TokenEstimate = LISTING_ESTIMATE,
): Offer[] {
  const keys = new Map(
    offers.map((offer) => {
      const cost = estimateCost(offer, estimate);
      return [
        offer,
        { unknown: cost === null ? 1 : 0, cost: cost ?? 0, aggregator: isAggregator(offer.provider) ? 1 : 0 },
      ];
    }),
  );
  // Array.prototype.sort is stable, so full ties keep catalog order.
  return [...offers].sort((a, b) => {
    const keyA = keys.get(a)!;
    const keyB = keys.get(b)!;
    return keyA.unknown - keyB.unknown || keyA.cost - keyB.cost || keyA.aggregator - keyB.aggregator;
  });
}
