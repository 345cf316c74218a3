import type { Catalog, Model, Offer } from '../../config/catalog.js';
import type { ResolvedProvider } from '../../config/providers.js';
import { claudePickerId } from '../../router/resolve.js';

/** One model's prices as Claude Code's `modelPricing.overrides` takes them: USD per million tokens. */
export interface ClaudeCodePrice {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/**
 * What Claude Code's `/cost` should charge for each model ekai can serve, so that it agrees with
 * ekai's own records: the prices of the offer ekai would pick (the cheapest input price among the
 * configured providers), under every name Claude Code may send (the model's id, its aliases, and its
 * `claude-ekai-` picker alias). Models without a known input and output price are left to Claude
 * Code's own table. Claude Code honours `modelPricing` only from managed settings or from a host
 * application that manages the model provider (`CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST`), which
 * `ekai claude` is (docs/claude-code-gateway.md).
 */
export function claudeCodePricing(
  catalog: Pick<Catalog, 'models'>,
  providers: ReadonlyMap<string, Pick<ResolvedProvider, 'configured'>>,
): Record<string, ClaudeCodePrice> {
  const overrides: Record<string, ClaudeCodePrice> = {};
  for (const model of catalog.models) {
    const price = priceOf(cheapestOffer(model, providers));
    if (!price) continue;
    for (const name of new Set([model.id, ...model.aliases, claudePickerId(model.id)]))
      overrides[name] = price;
  }
  return overrides;
}

function cheapestOffer(
  model: Model,
  providers: ReadonlyMap<string, Pick<ResolvedProvider, 'configured'>>,
): Offer | undefined {
  let cheapest: Offer | undefined;
  for (const offer of model.offers) {
    if (providers.get(offer.provider)?.configured !== true || offer.input === null || offer.output === null)
      continue;
    if (cheapest === undefined || offer.input < (cheapest.input ?? Number.POSITIVE_INFINITY))
      cheapest = offer;
  }
  return cheapest;
}

function priceOf(offer: Offer | undefined): ClaudeCodePrice | undefined {
  if (offer?.input == null || offer.output == null) return undefined;
  // Claude Code wants all four. An unknown cache price goes as the input price (ekai itself records
  // no cost for tokens it has no price for: the two differ only then).
  return {
    input: offer.input,
    output: offer.output,
    cacheRead: offer.cacheRead ?? offer.input,
    cacheWrite: offer.cacheWrite ?? offer.input,
  };
}
