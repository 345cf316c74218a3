import type { Catalog, Model, Offer } from '../config/catalog.js';
import type { ProviderFormat } from '../config/catalog-schema.js';
import type { ResolvedProvider } from '../config/providers.js';
import { closestMatches } from '../util/did-you-mean.js';
import { ModelNotFoundError, ProviderNotConfiguredError, UnknownProviderError } from './errors.js';
import { matchesGlob } from './glob.js';
import { LISTING_ESTIMATE, rankOffers, type TokenEstimate } from './rank.js';

export interface ResolveInput {
  /** The request's `model` string, as sent. */
  requested: string;
  /** The `x-ekai-provider` request header, if any. */
  pinnedProvider?: string | undefined;
  /** The provider wire format the client speaks (a Responses client routes as Chat). */
  clientFormat: ProviderFormat;
}

/** One way to serve the request. */
export interface Candidate {
  provider: ResolvedProvider;
  /** The model id sent upstream. */
  upstreamModel: string;
  /** Undefined when reached by a pin or a `match` pattern without a catalog offer: cost unknown. */
  offer: Offer | undefined;
  /** The client's format when this offer (or provider) serves it, else the offer's first format. */
  format: ProviderFormat;
  native: boolean;
}

/** Which rule of SPEC §6.1 decided the providers: 'pin' whenever the header restricted them. */
export type ResolutionVia = 'catalog' | 'provider-prefix' | 'pin' | 'match';

export interface Resolution {
  requested: string;
  /** The catalog model, when the name resolved to one. */
  model: Model | undefined;
  /** The catalog id, or the requested name when the catalog does not know it (what usage records). */
  modelId: string;
  via: ResolutionVia;
  /** Configured providers only, best first; may be empty. */
  candidates: Candidate[];
  /** Providers that could serve it but have no key, best first (for the error naming env vars). */
  unconfigured: ResolvedProvider[];
}

/** A provider and what to send it, before ranking and the configured/unconfigured split. */
interface Route {
  provider: ResolvedProvider;
  upstreamModel: string;
  offer: Offer | undefined;
}

type NamedRoutes = Pick<Resolution, 'model' | 'modelId' | 'via'> & { routes: Route[] };

/**
 * Turn a requested model name into ranked candidates (SPEC §6.1–6.2). Throws UnknownProviderError
 * for a pin naming no provider and ModelNotFoundError for a name no rule resolves; an empty
 * `candidates` is not an error here (see requireCandidates), so listings can inspect the result.
 */
export function resolveModel(
  input: ResolveInput,
  catalog: Catalog,
  providers: Map<string, ResolvedProvider>,
  estimate: TokenEstimate = LISTING_ESTIMATE,
): Resolution {
  const pinned = input.pinnedProvider === undefined ? undefined : findPinned(input.pinnedProvider, providers);
  const { routes, ...named } = resolveName(input.requested, pinned, catalog, providers);
  return { requested: input.requested, ...named, ...rank(routes, input.clientFormat, providers, estimate) };
}

/** The candidates, or a ProviderNotConfiguredError naming the env vars that would enable one. */
export function requireCandidates(resolution: Resolution): Candidate[] {
  if (resolution.candidates.length > 0) return resolution.candidates;
  const names = resolution.unconfigured.map((provider) => provider.name);
  const envVars = [...new Set(resolution.unconfigured.map((provider) => provider.keyEnv))];
  throw new ProviderNotConfiguredError(resolution.requested, names, envVars);
}

function resolveName(
  requested: string,
  pinned: ResolvedProvider | undefined,
  catalog: Catalog,
  providers: Map<string, ResolvedProvider>,
): NamedRoutes {
  // Catalog names first: some aliases look provider-prefixed (`openai/gpt-4o`, OpenRouter ids such as
  // `anthropic/claude-haiku-4.5`) and should reach every offer of the model, not just that provider.
  const model = lookupIgnoringCase(catalog.byName, requested);
  if (model) {
    const routes = pinned ? [routeTo(pinned, model, requested)] : offerRoutes(model, providers);
    return { model, modelId: model.id, via: pinned ? 'pin' : 'catalog', routes };
  }

  // `claude-ekai-gpt-6.2-sol`: the name offered to Claude Code's model picker for `gpt-6.2-sol`.
  const aliased = withoutClaudeAlias(requested);
  if (aliased !== undefined) return resolveName(aliased, pinned, catalog, providers);

  const prefixed = splitProviderPrefix(requested, providers);
  // A header pinning another provider wins: `anthropic/x` is then that provider's own name for the model.
  if (prefixed && (!pinned || pinned === prefixed.provider)) {
    const inner = lookupIgnoringCase(catalog.byName, prefixed.rest);
    return {
      model: inner,
      modelId: inner?.id ?? requested,
      via: pinned ? 'pin' : 'provider-prefix',
      routes: [routeTo(prefixed.provider, inner, prefixed.rest)],
    };
  }
  // The user asked for this provider by name: let it judge the name rather than answering 404 ourselves.
  if (pinned) {
    return {
      model: undefined,
      modelId: requested,
      via: 'pin',
      routes: [routeTo(pinned, undefined, requested)],
    };
  }

  const matching = [...providers.values()].filter((provider) =>
    provider.match.some((pattern) => matchesGlob(requested, pattern)),
  );
  if (matching.length > 0) {
    const routes = matching.map((provider) => routeTo(provider, undefined, requested));
    return { model: undefined, modelId: requested, via: 'match', routes };
  }
  throw new ModelNotFoundError(requested, closestMatches(requested, catalog.byName.keys()));
}

/**
 * Claude Code's model picker shows only gateway models whose id starts with `claude` or
 * `anthropic` (https://code.claude.com/docs/en/llm-gateway-protocol, "Model discovery"), so
 * `GET /v1/models` offers every other model under this prefix, and the router takes it off
 * again. Resolved before the providers' `match` patterns, which would send it to Anthropic
 * (`claude-*`) verbatim; a catalog name that itself starts so still wins (looked up first).
 */
export const CLAUDE_ALIAS_PREFIX = 'claude-ekai-';

/** The name Claude Code's picker can show for `id`: the id itself when the picker already would. */
export function claudePickerId(id: string): string {
  return /^(claude|anthropic)/i.test(id) ? id : `${CLAUDE_ALIAS_PREFIX}${id}`;
}

/** The model name behind a picker alias, or undefined when `requested` is none. */
export function withoutClaudeAlias(requested: string): string | undefined {
  const prefix = requested.slice(0, CLAUDE_ALIAS_PREFIX.length).toLowerCase();
  const rest = requested.slice(CLAUDE_ALIAS_PREFIX.length);
  return prefix === CLAUDE_ALIAS_PREFIX && rest !== '' ? rest : undefined;
}

function offerRoutes(model: Model, providers: Map<string, ResolvedProvider>): Route[] {
  return model.offers.flatMap((offer) => {
    const provider = providers.get(offer.provider);
    return provider ? [{ provider, upstreamModel: offer.id, offer }] : [];
  });
}

/** The model's offer from this provider; without one, the name is sent as written (cost unknown). */
function routeTo(provider: ResolvedProvider, model: Model | undefined, verbatim: string): Route {
  const offer = model?.offers.find((candidate) => candidate.provider === provider.name);
  return { provider, upstreamModel: offer?.id ?? verbatim, offer };
}

function findPinned(name: string, providers: Map<string, ResolvedProvider>): ResolvedProvider {
  const provider = lookupIgnoringCase(providers, name.trim());
  if (provider) return provider;
  throw new UnknownProviderError(name, closestMatches(name, providers.keys()), [...providers.keys()]);
}

/** `<provider>/<rest>` where `<provider>` is a known provider and `rest` is not empty. */
function splitProviderPrefix(
  requested: string,
  providers: Map<string, ResolvedProvider>,
): { provider: ResolvedProvider; rest: string } | undefined {
  const slash = requested.indexOf('/');
  if (slash <= 0 || slash === requested.length - 1) return undefined;
  const provider = lookupIgnoringCase(providers, requested.slice(0, slash));
  return provider && { provider, rest: requested.slice(slash + 1) };
}

/**
 * Exact key first, then a case-insensitive match (clients write `GPT-4o`). When the case-insensitive
 * match is ambiguous (a user catalog with `Foo` and `foo`), none is chosen rather than a random one.
 */
function lookupIgnoringCase<V>(map: ReadonlyMap<string, V>, key: string): V | undefined {
  const exact = map.get(key);
  if (exact !== undefined) return exact;
  const lower = key.toLowerCase();
  const found = [...map.keys()].filter((name) => name.toLowerCase() === lower);
  return found.length === 1 ? map.get(found[0]!) : undefined;
}

/** Cheapest first via rankOffers; offer-less routes rank as unknown-price offers of their provider. */
function rank(
  routes: Route[],
  clientFormat: ProviderFormat,
  providers: Map<string, ResolvedProvider>,
  estimate: TokenEstimate,
): Pick<Resolution, 'candidates' | 'unconfigured'> {
  const byOffer = new Map<Offer, Route>(routes.map((route) => [route.offer ?? unpricedOffer(route), route]));
  const isAggregator = (name: string) => providers.get(name)?.aggregator ?? false;
  const ranked = rankOffers([...byOffer.keys()], isAggregator, estimate).map((offer) => byOffer.get(offer)!);
  return {
    candidates: ranked
      .filter((route) => route.provider.configured)
      .map((route) => toCandidate(route, clientFormat)),
    unconfigured: ranked.filter((route) => !route.provider.configured).map((route) => route.provider),
  };
}

function unpricedOffer(route: Route): Offer {
  return {
    provider: route.provider.name,
    id: route.upstreamModel,
    input: null,
    output: null,
    cacheRead: null,
    cacheWrite: null,
    cacheWrite1h: null,
    formats: route.provider.formats,
  };
}

/** Native when the offer serves the client's format; otherwise its first format, translated elsewhere. */
function toCandidate(route: Route, clientFormat: ProviderFormat): Candidate {
  const formats = route.offer?.formats ?? route.provider.formats;
  const format = formats.includes(clientFormat) ? clientFormat : (formats[0] ?? clientFormat);
  return { ...route, format, native: format === clientFormat };
}
