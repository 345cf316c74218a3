import { z } from 'zod';
import { PROVIDER_FORMATS } from '../wire.js';

export { PROVIDER_FORMATS, type ProviderFormat } from '../wire.js';

/** The wire formats a provider (or one offer) serves: `chat`, `messages` (old names: catalog-legacy.ts). */
const formats = z.array(z.enum(PROVIDER_FORMATS)).min(1, 'list at least one wire format');
/** USD per million tokens; `null` says "unknown" explicitly (cost is then recorded as unknown). */
const price = z.number().min(0, 'a price cannot be negative');
const tokens = z.int().min(1);

const names = z.array(z.string().min(1));

const providerFields = {
  formats,
  baseUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
  keyEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name'),
  /** Glob patterns (`*` = any run of characters) for names the catalog does not list. */
  match: names,
  /** Resells other vendors' models (OpenRouter): on a price tie the model's own vendor goes first. */
  aggregator: z.boolean(),
};

const provider = z.strictObject({
  ...providerFields,
  match: providerFields.match.default([]),
  aggregator: providerFields.aggregator.default(false),
});

const offer = z.strictObject({
  id: z.string().min(1).optional(),
  input: price.nullable(),
  output: price.nullable(),
  cacheRead: price.optional(),
  cacheWrite: price.optional(),
  cacheWrite1h: price.optional(),
  contextWindow: tokens.optional(),
  maxOutput: tokens.optional(),
  formats: formats.optional(),
});

/** Where a model stands with its vendor; left out = unknown. */
export const MODEL_STATUSES = ['current', 'legacy', 'retired'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];
const isoDate = z.iso.date({ error: 'expected an ISO date (YYYY-MM-DD)' });

/** A model's lifecycle: its status, the model that replaces it, and the vendor's shutdown date. */
const lifecycleFields = {
  status: z.enum(MODEL_STATUSES).optional(),
  /** The model id (or alias) the vendor names as its replacement. */
  successor: z.string().min(1).optional(),
  /** The shutdown date: from that day on the model counts as retired, whatever `status` says. */
  retiredOn: isoDate.optional(),
};

/**
 * How a model is asked to think: `adaptive` (`thinking: {type: adaptive}` + `output_config.effort`,
 * Claude 4.6 on), `budget` (`thinking: {type: enabled, budget_tokens}`, older Messages models),
 * `effort` (`reasoning_effort` / `reasoning.effort`: OpenAI, xAI, Z.AI). Left out: the model does
 * not reason, or how is unknown.
 */
export const THINKING_STYLES = ['adaptive', 'budget', 'effort'] as const;
export type ThinkingStyle = (typeof THINKING_STYLES)[number];
/** The efforts a model can fall back to when a request names none (`none`: gpt-5.1 does not think unless asked). */
export const DEFAULT_EFFORTS = ['none', 'low', 'medium', 'high', 'xhigh', 'max'] as const;
export type DefaultEffort = (typeof DEFAULT_EFFORTS)[number];

/** How a model thinks; every field left out = unknown (see docs/catalog.md for the sources). */
const thinkingFields = {
  thinking: z.enum(THINKING_STYLES, { error: `expected one of ${THINKING_STYLES.join(', ')}` }).optional(),
  /**
   * Thinking cannot be turned off: the model refuses `thinking: {type: disabled}` or effort `none`
   * and has no lower setting that skips it (Opus 5.5, Fable, glm-5.3, gpt-6.2). Kept apart from
   * `thinking` so such a model still says how its effort is asked for.
   */
  alwaysThinks: z.boolean().optional(),
  defaultEffort: z
    .enum(DEFAULT_EFFORTS, { error: `expected one of ${DEFAULT_EFFORTS.join(', ')}` })
    .optional(),
};

const model = z.strictObject({
  aliases: names.default([]),
  ...lifecycleFields,
  ...thinkingFields,
  offers: z
    .record(z.string(), offer)
    .refine((offers) => Object.keys(offers).length > 0, 'list at least one offer'),
});

export const catalogSchema = z.strictObject({
  providers: z.record(z.string(), provider),
  models: z.record(z.string(), model),
});

/**
 * A user catalog: the same schema, every part optional and without defaults (a default here would
 * overwrite the bundled value it is merged over); the merged result is checked again as a whole.
 */
export const catalogOverlaySchema = z.strictObject({
  providers: z.record(z.string(), z.strictObject(providerFields).partial()).optional(),
  models: z
    .record(
      z.string(),
      z
        .strictObject({
          aliases: names,
          ...lifecycleFields,
          ...thinkingFields,
          offers: z.record(z.string(), offer.partial()),
        })
        .partial(),
    )
    .optional(),
});

export type ProviderEntry = z.infer<typeof provider>;
export type OfferEntry = z.infer<typeof offer>;
export type ModelEntry = z.infer<typeof model>;
export type CatalogData = z.infer<typeof catalogSchema>;
