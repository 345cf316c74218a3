import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { readLegacySpelling } from './catalog-legacy.js';
import {
  type CatalogData,
  catalogOverlaySchema,
  catalogSchema,
  type DefaultEffort,
  type ModelStatus,
  type OfferEntry,
  type ProviderEntry,
  type ProviderFormat,
  type ThinkingStyle,
} from './catalog-schema.js';
import { ConfigError } from './errors.js';
import { parseOrThrow } from './validate.js';

/** The catalog shipped in the package (src/config → ../../catalog.yaml, same depth from dist/config). */
export const BUNDLED_CATALOG_PATH = fileURLToPath(new URL('../../catalog.yaml', import.meta.url));

export interface Provider extends ProviderEntry {
  name: string;
}

/** One provider's offer of a model, with defaults filled in. Prices are USD per million tokens. */
export interface Offer {
  provider: string;
  /** The model id sent upstream. */
  id: string;
  input: number | null;
  output: number | null;
  cacheRead: number | null;
  cacheWrite: number | null;
  cacheWrite1h: number | null;
  contextWindow?: number;
  maxOutput?: number;
  /** Wire formats this offer is served in: the offer's own list, else the provider's. */
  formats: ProviderFormat[];
}

export interface Model {
  id: string;
  aliases: string[];
  /** As the catalog states it; see modelStatus for the status on a given day. Absent = unknown. */
  status?: ModelStatus;
  /** The replacing model's catalog id (an alias in the file is resolved to the id). */
  successor?: string;
  /** ISO date (YYYY-MM-DD) of the vendor's shutdown. */
  retiredOn?: string;
  /** How thinking is asked for (adaptive, budget, effort); absent = does not reason, or unknown. */
  thinking?: ThinkingStyle;
  /** True: thinking cannot be turned off (no `disabled`, no effort `none`). Absent = it can, or unknown. */
  alwaysThinks?: boolean;
  /** The effort used when a request names none. Absent = unknown. */
  defaultEffort?: DefaultEffort;
  /** In catalog order; the router ranks them per request. */
  offers: Offer[];
}

export interface Catalog {
  providers: Map<string, Provider>;
  /** In catalog order. */
  models: Model[];
  /** Every model id and alias → its model. */
  byName: Map<string, Model>;
  /** The files it was read from, bundled first. */
  files: string[];
  /**
   * One line per file written in an old spelling (`dialects: [openai, anthropic]`): still read,
   * but deprecated; `ekai serve` prints them at start-up.
   */
  deprecations: string[];
}

/** Load the bundled catalog, merge the user's over it, validate, and index it. Throws ConfigError. */
export function loadCatalog(options: { userCatalog?: string; bundled?: string } = {}): Catalog {
  const bundledPath = options.bundled ?? BUNDLED_CATALOG_PATH;
  const deprecations: string[] = [];
  const read = (path: string): unknown => {
    const { data, deprecation } = readLegacySpelling(readYaml(path), path);
    if (deprecation) deprecations.push(deprecation);
    return data;
  };
  let data = parseOrThrow(catalogSchema, read(bundledPath), bundledPath);
  checkConsistency(data, bundledPath);
  const files = [bundledPath];
  if (options.userCatalog) {
    const userPath = options.userCatalog;
    const overlay = parseOrThrow(catalogOverlaySchema, read(userPath), userPath);
    data = parseOrThrow(catalogSchema, mergeDeep(data, overlay), userPath);
    checkConsistency(data, userPath);
    files.push(userPath);
  }
  return { ...buildCatalog(data, files), deprecations };
}

function readYaml(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      path,
      '',
      code === 'ENOENT' ? 'catalog file not found' : `cannot be read (${code})`,
    );
  }
  try {
    return parseYaml(text) ?? {};
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigError(path, '', `cannot be parsed: ${message.split('\n')[0]?.replace(/:$/, '')}`);
  }
}

/** Objects merge key by key (providers by name, models by id, offers by provider); anything else replaces. */
export function mergeDeep(base: unknown, overlay: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(overlay)) return overlay === undefined ? base : overlay;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) merged[key] = mergeDeep(base[key], value);
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rules a schema cannot express: offers name known providers in formats they serve; names are unique. */
function checkConsistency(data: CatalogData, source: string): void {
  const owner = new Map<string, string>();
  const claim = (name: string, modelId: string, key: string) => {
    const previous = owner.get(name);
    if (previous !== undefined && previous !== modelId) {
      throw new ConfigError(source, key, `name "${name}" is already used by model "${previous}"`);
    }
    owner.set(name, modelId);
  };
  for (const [modelId, model] of Object.entries(data.models)) {
    const successor = model.successor;
    if (successor !== undefined && !data.models[successor] && !aliasOwner(data, successor)) {
      throw new ConfigError(source, `models.${modelId}.successor`, `unknown model "${successor}"`);
    }
    claim(modelId, modelId, `models.${modelId}`);
    model.aliases.forEach((alias, index) => {
      claim(alias, modelId, `models.${modelId}.aliases[${index}]`);
    });
    for (const [providerName, offer] of Object.entries(model.offers)) {
      checkOffer(data, offer, providerName, `models.${modelId}.offers.${providerName}`, source);
    }
  }
}

function aliasOwner(data: CatalogData, name: string): string | undefined {
  return Object.entries(data.models).find(([, model]) => model.aliases.includes(name))?.[0];
}

function checkOffer(data: CatalogData, offer: OfferEntry, providerName: string, key: string, source: string) {
  const provider = data.providers[providerName];
  if (!provider) {
    const known = Object.keys(data.providers).join(', ');
    throw new ConfigError(source, key, `unknown provider "${providerName}" (known: ${known})`);
  }
  const unsupported = offer.formats?.find((format) => !provider.formats.includes(format));
  if (unsupported) {
    throw new ConfigError(
      source,
      `${key}.formats`,
      `provider "${providerName}" does not serve "${unsupported}"`,
    );
  }
}

function buildCatalog(data: CatalogData, files: string[]): Omit<Catalog, 'deprecations'> {
  const providers = new Map<string, Provider>();
  for (const [name, entry] of Object.entries(data.providers)) providers.set(name, { name, ...entry });
  const models: Model[] = [];
  const byName = new Map<string, Model>();
  for (const [id, entry] of Object.entries(data.models)) {
    const offers = Object.entries(entry.offers).map(([provider, offer]) =>
      toOffer(id, provider, offer, data),
    );
    const model: Model = {
      id,
      aliases: entry.aliases,
      ...(entry.status !== undefined && { status: entry.status }),
      ...(entry.successor !== undefined && { successor: entry.successor }),
      ...(entry.retiredOn !== undefined && { retiredOn: entry.retiredOn }),
      ...(entry.thinking !== undefined && { thinking: entry.thinking }),
      ...(entry.alwaysThinks !== undefined && { alwaysThinks: entry.alwaysThinks }),
      ...(entry.defaultEffort !== undefined && { defaultEffort: entry.defaultEffort }),
      offers,
    };
    models.push(model);
    for (const name of [id, ...entry.aliases]) byName.set(name, model);
  }
  // A successor written as an alias is shown and reported as the model's id.
  for (const model of models) {
    if (model.successor !== undefined) model.successor = byName.get(model.successor)?.id ?? model.successor;
  }
  return { providers, models, byName, files };
}

/** Today's date in UTC, as catalog dates are written (YYYY-MM-DD). */
export function isoToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * A model's status on `today` (YYYY-MM-DD): `retired` from its `retiredOn` date on, else the status the
 * catalog states; undefined = unknown. The date is stored rather than a status flipped by hand, so a
 * model announced for shutdown (status `legacy`, `retiredOn` next week) turns `retired` on that day.
 */
export function modelStatus(
  model: Pick<Model, 'status' | 'retiredOn'>,
  today: string = isoToday(),
): ModelStatus | undefined {
  if (model.retiredOn !== undefined && model.retiredOn <= today) return 'retired';
  return model.status;
}

/**
 * The `x-ekai-warnings` note for a request naming a retired model (still forwarded: the provider's
 * answer decides), or undefined for any other model.
 */
export function retirementNote(model: Model | undefined, today: string = isoToday()): string | undefined {
  if (model === undefined || modelStatus(model, today) !== 'retired') return undefined;
  const since = model.retiredOn !== undefined ? ` since ${model.retiredOn}` : '';
  const successor = model.successor !== undefined ? `; its successor is ${model.successor}` : '';
  return `model ${model.id} is retired${since}${successor}`;
}

function toOffer(modelId: string, provider: string, offer: OfferEntry, data: CatalogData): Offer {
  return {
    provider,
    id: offer.id ?? modelId,
    input: offer.input,
    output: offer.output,
    cacheRead: offer.cacheRead ?? null,
    cacheWrite: offer.cacheWrite ?? null,
    cacheWrite1h: offer.cacheWrite1h ?? null,
    ...(offer.contextWindow !== undefined && { contextWindow: offer.contextWindow }),
    ...(offer.maxOutput !== undefined && { maxOutput: offer.maxOutput }),
    formats: offer.formats ?? data.providers[provider]?.formats ?? [],
  };
}
