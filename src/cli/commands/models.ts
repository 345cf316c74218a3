import { renderToString } from 'ink';
import { createElement } from 'react';
import { modelStatus } from '../../config/catalog.js';
import { rankOffers } from '../../router/rank.js';
import { type ModelListing, ModelsTable } from '../../tui/models-table.js';
import { closestMatches } from '../../util/did-you-mean.js';
import type { Context } from '../context.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../parse-args.js';

export interface ModelsOptions {
  json: boolean;
  provider?: string | undefined;
}

/** `ekai models`: the catalog with providers in ranking order, as a table or as JSON (SPEC §2). */
export function runModels(context: Context, options: ModelsOptions, io: CliIo): number {
  if (options.provider !== undefined && !context.providers.has(options.provider)) {
    const [hint] = closestMatches(options.provider, context.providers.keys(), 1);
    throw new UsageError(`unknown provider "${options.provider}"${hint ? ` (did you mean ${hint}?)` : ''}`);
  }
  const listing = listModels(context, options.provider);
  if (options.json) {
    io.stdout.write(`${JSON.stringify(listing, null, 2)}\n`);
    return 0;
  }
  const columns = io.stdout.columns ?? 80;
  const providers = [...context.providers.values()];
  const table = createElement(ModelsTable, { models: listing, providers, columns });
  io.stdout.write(`${renderToString(table, { columns })}\n`);
  return 0;
}

/** `today` (YYYY-MM-DD, UTC) decides whether a model past its `retiredOn` date is listed as retired. */
export function listModels(context: Context, onlyProvider?: string, today?: string): ModelListing[] {
  const isAggregator = (name: string) => context.providers.get(name)?.aggregator ?? false;
  const listing: ModelListing[] = [];
  for (const model of context.catalog.models) {
    const offers = rankOffers(model.offers, isAggregator).filter(
      (offer) => onlyProvider === undefined || offer.provider === onlyProvider,
    );
    if (offers.length === 0) continue;
    listing.push({
      id: model.id,
      aliases: model.aliases,
      status: modelStatus(model, today) ?? null,
      successor: model.successor ?? null,
      retiredOn: model.retiredOn ?? null,
      ...(model.thinking !== undefined && { thinking: model.thinking }),
      ...(model.alwaysThinks !== undefined && { alwaysThinks: model.alwaysThinks }),
      ...(model.defaultEffort !== undefined && { defaultEffort: model.defaultEffort }),
      offers: offers.map((offer) => ({
        provider: offer.provider,
        id: offer.id,
        input: offer.input,
        output: offer.output,
        cacheRead: offer.cacheRead,
        cacheWrite: offer.cacheWrite,
        cacheWrite1h: offer.cacheWrite1h,
        dialects: offer.formats,
        configured: context.providers.get(offer.provider)?.configured ?? false,
      })),
    });
  }
  return listing;
}
