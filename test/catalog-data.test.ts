// Data checks on the bundled catalog.yaml: the product brief's models are all there under the right
// providers, prices are well formed, names do not collide. The brief's lists are copied here on purpose
// (docs/brief/supported-providers-and-models.txt is not part of this repository). Names are looked up
// through the real loader and router, never a copy of them; only the well-formedness checks read the
// YAML itself.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isMap, isPair, isScalar, parseDocument } from 'yaml';
import { loadCatalog, type Offer } from '../src/config/catalog.js';
import { resolveProviders } from '../src/config/providers.js';
import { ModelNotFoundError } from '../src/router/errors.js';
import { matchesGlob } from '../src/router/glob.js';
import { type Resolution, resolveModel } from '../src/router/resolve.js';

type Format = 'chat' | 'messages';

interface OfferData {
  id?: string;
  input: number | null;
  output: number | null;
  cacheRead?: number;
  cacheWrite?: number;
  cacheWrite1h?: number;
  contextWindow?: number;
  maxOutput?: number;
  formats?: Format[];
}

interface ModelData {
  aliases?: string[];
  offers: Record<string, OfferData>;
}

interface ProviderData {
  formats: Format[];
  baseUrl: string;
  keyEnv: string;
  match: string[];
}

interface CatalogData {
  providers: Record<string, ProviderData>;
  models: Record<string, ModelData>;
}

// --- the product brief (supported-providers-and-models.txt) --------------------------------------

const BRIEF_OPENAI = [
  'gpt-5',
  'gpt-5-mini',
  'gpt-5-nano',
  'gpt-5-chat-latest',
  'gpt-5-codex',
  'gpt-4.1',
  'gpt-4.1-mini',
  'gpt-4.1-nano',
  'gpt-4o',
  'gpt-4o-2024-05-13',
  'gpt-4o-mini',
  'gpt-4o-mini-4k',
  'gpt-4o-mini-8k',
  'gpt-realtime',
  'gpt-4o-realtime-preview',
  'gpt-4o-mini-realtime-preview',
  'gpt-audio',
  'gpt-4o-audio-preview',
  'gpt-4o-mini-audio-preview',
  'o1',
  'o1-pro',
  'o3-pro',
  'o3',
  'o3-deep-research',
  'o4-mini',
  'o4-mini-deep-research',
  'o3-mini',
  'o1-mini',
  'codex-mini-latest',
  'gpt-4o-mini-search-preview',
  'gpt-4o-search-preview',
  'computer-use-preview',
  'gpt-image-1',
  'gpt-3.5-turbo',
  'chatgpt-4o-latest',
  'gpt-4-turbo-2024-04-09',
  'gpt-4-0125-preview',
  'gpt-4-1106-preview',
  'gpt-4-1106-vision-preview',
  'gpt-4-0613',
  'gpt-4-0314',
  'gpt-4-32k',
  'gpt-3.5-turbo-0125',
  'gpt-3.5-turbo-1106',
  'gpt-3.5-turbo-0613',
  'gpt-3.5-0301',
  'gpt-3.5-turbo-instruct',
  'gpt-3.5-turbo-16k-0613',
  'davinci-002',
  'babbage-002',
];

/** xAI models the brief lists under Chat Completions (wire format chat). */
const BRIEF_XAI_CHAT = [
  'grok-4',
  'grok-3',
  'grok-3-mini',
  'grok-code-fast-1',
  'grok-code-fast',
  'grok-code-fast-1-0825',
];
/** xAI models the brief lists under Messages (wire format messages). */
const BRIEF_XAI_MESSAGES = ['grok-code-fast-1', 'grok-1', 'grok-2', 'grok-4-0709', 'grok-vision-beta'];

const BRIEF_OPENROUTER = [
  'anthropic/claude-haiku-4.5',
  'openai/gpt-4o',
  'openai/gpt-5-pro',
  'x-ai/grok-code-fast-1',
  'google/gemini-2.0-flash-001',
  'google/gemini-2.5-pro',
  'deepseek/deepseek-chat-v3.1',
  'z-ai/glm-4.5',
];

const BRIEF_ANTHROPIC = [
  'claude-3-5-sonnet',
  'claude-3-5-sonnet-latest',
  'claude-3-5-haiku',
  'claude-3-5-haiku-latest',
  'claude-3-haiku',
  'claude-3-opus',
  'claude-3-sonnet',
  'claude-opus-4.1',
  'claude-sonnet-4',
];

const BRIEF_ZAI = [
  'glm-4.6',
  'glm-4.5',
  'glm-4.5-air',
  'glm-4.5-x',
  'glm-4.5-airx',
  'glm-4.5-flash',
  'glm-4-32b-0414-128k',
];

const BRIEF: Record<string, string[]> = {
  openai: BRIEF_OPENAI,
  anthropic: BRIEF_ANTHROPIC,
  xai: [...new Set([...BRIEF_XAI_CHAT, ...BRIEF_XAI_MESSAGES])],
  openrouter: BRIEF_OPENROUTER,
  zai: BRIEF_ZAI,
};

// --- the catalog ----------------------------------------------------------------------------------

const catalogText = readFileSync(new URL('../catalog.yaml', import.meta.url), 'utf8');
const document = parseDocument(catalogText);
const catalog = document.toJS() as CatalogData;
const models = Object.entries(catalog.models);
const offers = models.flatMap(([modelId, model]) =>
  Object.entries(model.offers).map(([provider, offer]) => ({ modelId, provider, offer })),
);

// Lookups go through the real code: the loader (src/config/catalog.ts) and the router
// (src/router/resolve.ts), with every provider configured, as a client's request would.
const loaded = loadCatalog();
const providers = resolveProviders(
  loaded,
  {
    providers: Object.fromEntries([...loaded.providers.keys()].map((name) => [name, { apiKey: 'test-key' }])),
  },
  {},
);

function route(name: string, clientFormat: Format = 'chat'): Resolution | undefined {
  try {
    return resolveModel({ requested: name, clientFormat }, loaded, providers);
  } catch (error) {
    if (error instanceof ModelNotFoundError) return undefined;
    throw error;
  }
}

/** The catalog model id a name is served as, or undefined when the catalog does not know it. */
function resolve(name: string): string | undefined {
  const resolution = route(name);
  return resolution?.via === 'catalog' ? resolution.modelId : undefined;
}

/** What the router sends `provider` for this name (its catalog offer), or undefined. */
function offerOf(name: string, provider: string): Offer | undefined {
  return route(name)?.candidates.find((candidate) => candidate.provider.name === provider)?.offer;
}

function offerProviders(id: string): string[] | undefined {
  return loaded.models.find((model) => model.id === id)?.offers.map((offer) => offer.provider);
}

const PRICE_KEYS = ['input', 'output', 'cacheRead', 'cacheWrite', 'cacheWrite1h'] as const;

describe('catalog.yaml: providers', () => {
  it('has the five providers with wire formats, base URL, key variable and match patterns', () => {
    expect([...loaded.providers.keys()].sort()).toEqual(['anthropic', 'openai', 'openrouter', 'xai', 'zai']);
    expect(loaded.providers.get('openai')).toMatchObject({
      formats: ['chat', 'responses'],
      keyEnv: 'OPENAI_API_KEY',
    });
    expect(loaded.providers.get('anthropic')).toMatchObject({
      formats: ['messages'],
      keyEnv: 'ANTHROPIC_API_KEY',
    });
    // Responses: https://docs.x.ai/developers/rest-api-reference/inference/responses and
    // https://openrouter.ai/docs/api/reference/responses/overview
    expect(loaded.providers.get('xai')?.formats.slice().sort()).toEqual(['chat', 'messages', 'responses']);
    expect(loaded.providers.get('openrouter')).toMatchObject({
      formats: ['chat', 'responses'],
      keyEnv: 'OPENROUTER_API_KEY',
    });
    expect(loaded.providers.get('zai')).toMatchObject({
      formats: ['messages', 'responses'],
      keyEnv: 'ZAI_API_KEY',
    });
    for (const [name, provider] of loaded.providers) {
      expect(provider.baseUrl, name).toMatch(/^https:\/\/[^/]+(\/.*)?[^/]$/);
      expect(provider.baseUrl, `${name}: baseUrl stops before /v1`).not.toMatch(/\/v1$/);
      expect(provider.match.length, name).toBeGreaterThan(0);
    }
  });

  it("matches every brief model name with its provider's patterns", () => {
    for (const [provider, names] of Object.entries(BRIEF)) {
      const patterns = loaded.providers.get(provider)?.match ?? [];
      for (const name of names) {
        expect(
          patterns.some((pattern) => matchesGlob(name, pattern)),
          `${name} matches ${provider}`,
        ).toBe(true);
      }
    }
  });
});

describe('catalog.yaml: the brief', () => {
  it.each(Object.entries(BRIEF))('serves every %s model of the brief', (provider, names) => {
    const missing = names.filter((name) => offerOf(name, provider) === undefined);
    expect(missing).toEqual([]);
  });

  it("sends OpenRouter the brief's vendor/model name", () => {
    for (const name of BRIEF_OPENROUTER) expect(offerOf(name, 'openrouter')?.id, name).toBe(name);
  });

  it("restricts xAI offers to the brief's wire formats", () => {
    for (const name of new Set([...BRIEF_XAI_CHAT, ...BRIEF_XAI_MESSAGES])) {
      const expected: Format[] = [];
      if (BRIEF_XAI_CHAT.includes(name)) expected.push('chat');
      if (BRIEF_XAI_MESSAGES.includes(name)) expected.push('messages');
      const offer = offerOf(name, 'xai');
      expect(offer?.formats.slice().sort(), name).toEqual(expected.sort());
      expect(offer?.id, name).toBe(name);
      // The router serves each client format natively exactly when the brief lists it.
      for (const format of ['chat', 'messages'] as const) {
        const xai = route(name, format)?.candidates.find((candidate) => candidate.provider.name === 'xai');
        expect(xai?.native, `${name} for ${format} clients`).toBe(expected.includes(format));
      }
    }
  });

  it('sends Anthropic the dated model ids', () => {
    expect(offerOf('claude-sonnet-4', 'anthropic')?.id).toBe('claude-sonnet-4-20250514');
    expect(offerOf('claude-opus-4.1', 'anthropic')?.id).toBe('claude-opus-4-1-20250805');
    expect(offerOf('claude-3-haiku', 'anthropic')?.id).toBe('claude-3-haiku-20240307');
    expect(offerOf('claude-3-opus', 'anthropic')?.id).toBe('claude-3-opus-20240229');
    expect(offerOf('claude-3-5-sonnet', 'anthropic')?.id).toBe('claude-3-5-sonnet-20241022');
    expect(offerOf('claude-3-5-haiku', 'anthropic')?.id).toBe('claude-3-5-haiku-20241022');
  });

  it("keeps the brief's names as model ids and official spellings as aliases", () => {
    expect(resolve('claude-opus-4-1')).toBe('claude-opus-4.1');
    expect(resolve('claude-opus-4-1-20250805')).toBe('claude-opus-4.1');
    expect(resolve('claude-sonnet-4-0')).toBe('claude-sonnet-4');
    expect(resolve('claude-sonnet-4-20250514')).toBe('claude-sonnet-4');
    expect(resolve('claude-3-5-sonnet-latest')).toBe('claude-3-5-sonnet');
    expect(resolve('openai/gpt-4o')).toBe('gpt-4o');
    expect(resolve('anthropic/claude-haiku-4.5')).toBe('claude-haiku-4-5');
    expect(resolve('google/gemini-2.5-pro')).toBe('gemini-2.5-pro');
    expect(resolve('openai/gpt-5-pro')).toBe('gpt-5-pro');
  });

  it('offers models served by several providers as one model, own vendor first', () => {
    expect(offerProviders('gpt-4o')).toEqual(['openai', 'openrouter']);
    expect(offerProviders('claude-haiku-4-5')).toEqual(['anthropic', 'openrouter']);
    expect(offerProviders('grok-code-fast-1')).toEqual(['xai', 'openrouter']);
    expect(offerProviders('glm-4.5')).toEqual(['zai', 'openrouter']);
    // Either name reaches both offers.
    expect(
      route('openai/gpt-4o')
        ?.candidates.map((candidate) => candidate.provider.name)
        .sort(),
    ).toEqual(['openai', 'openrouter']);
    for (const [id, model] of models) {
      const providers = Object.keys(model.offers);
      if (providers.length > 1)
        expect(providers.at(-1), `${id}: the aggregator goes last`).toBe('openrouter');
    }
  });

  it('includes the newer Anthropic and OpenAI models, dated snapshots as aliases', () => {
    const newer = [
      'claude-3-7-sonnet',
      'claude-opus-4',
      'claude-sonnet-4-5',
      'claude-haiku-4-5',
      'claude-opus-4-5',
      'claude-opus-4-6',
      'claude-opus-4-7',
      'claude-sonnet-4-6',
      'claude-opus-5',
      'gpt-5.1',
      'gpt-5.2',
      'gpt-5.4',
      'gpt-5.5',
      'gpt-5.6',
    ];
    for (const id of newer) expect(resolve(id), id).toBe(id);
    const snapshots: Record<string, string> = {
      'gpt-5-2025-08-07': 'gpt-5',
      'gpt-4.1-2025-04-14': 'gpt-4.1',
      'o3-2025-04-16': 'o3',
      'o4-mini-2025-04-16': 'o4-mini',
      'o3-mini-2025-01-31': 'o3-mini',
      'gpt-5.4-2026-03-05': 'gpt-5.4',
      'claude-sonnet-4-5-20250929': 'claude-sonnet-4-5',
      'claude-haiku-4-5-20251001': 'claude-haiku-4-5',
      'claude-opus-4-20250514': 'claude-opus-4',
      'claude-3-7-sonnet-20250219': 'claude-3-7-sonnet',
    };
    for (const [alias, id] of Object.entries(snapshots)) expect(resolve(alias), alias).toBe(id);
  });
});

describe('catalog.yaml: well-formed data', () => {
  it('has unique model ids and aliases that collide with nothing', () => {
    const seen = new Map<string, string>();
    const collisions: string[] = [];
    for (const [id, model] of models) {
      const aliases = model.aliases ?? [];
      for (const name of [id, ...aliases]) {
        const owner = seen.get(name);
        if (owner !== undefined) collisions.push(`${name} (${owner} and ${id})`);
        seen.set(name, id);
      }
    }
    expect(collisions).toEqual([]);
  });

  it('names only known providers, in wire formats they serve, with an explicit upstream id', () => {
    for (const { modelId, provider, offer } of offers) {
      const where = `${modelId} / ${provider}`;
      const known = catalog.providers[provider];
      expect(known, where).toBeDefined();
      expect(typeof offer.id === 'string' && offer.id.length > 0, `${where}: id`).toBe(true);
      for (const format of offer.formats ?? []) expect(known?.formats, where).toContain(format);
    }
  });

  it('has input and output on every offer, each a non-negative number or null', () => {
    for (const { modelId, provider, offer } of offers) {
      const where = `${modelId} / ${provider}`;
      expect(offer, where).toHaveProperty('input');
      expect(offer, where).toHaveProperty('output');
      for (const key of PRICE_KEYS) {
        const value = offer[key];
        if (value === undefined) continue;
        if (value === null) {
          expect(['input', 'output'], `${where}: ${key} may not be null`).toContain(key);
          continue;
        }
        expect(typeof value, `${where}: ${key}`).toBe('number');
        expect(Number.isFinite(value) && value >= 0, `${where}: ${key} = ${value}`).toBe(true);
      }
      for (const key of ['contextWindow', 'maxOutput'] as const) {
        const value = offer[key];
        if (value !== undefined) expect(Number.isInteger(value) && value > 0, `${where}: ${key}`).toBe(true);
      }
    }
  });

  it('says why on every null price (a comment on the same line)', () => {
    const modelsNode = document.get('models', true);
    expect(isMap(modelsNode)).toBe(true);
    const uncommented: string[] = [];
    let nulls = 0;
    if (!isMap(modelsNode)) return;
    for (const modelPair of modelsNode.items) {
      const offersNode = isMap(modelPair.value) ? modelPair.value.get('offers', true) : undefined;
      if (!isMap(offersNode)) continue;
      for (const offerPair of offersNode.items) {
        if (!isMap(offerPair.value)) continue;
        for (const field of offerPair.value.items) {
          if (!isPair(field) || !isScalar(field.key) || !isScalar(field.value) || field.value.value !== null)
            continue;
          nulls++;
          if (!field.value.comment?.trim()) {
            uncommented.push(
              `${String(modelPair.key)} / ${String(offerPair.key)} / ${String(field.key.value)}`,
            );
          }
        }
      }
    }
    expect(nulls).toBeGreaterThan(0);
    expect(uncommented).toEqual([]);
  });

  it('adds the OpenRouter vendor/model name as an alias of every model OpenRouter offers', () => {
    for (const { modelId, provider, offer } of offers) {
      if (provider !== 'openrouter' || offer.id === undefined) continue;
      expect(resolve(offer.id), offer.id).toBe(modelId);
    }
  });
});

describe('catalog.yaml: spot-checked prices (USD per 1M tokens)', () => {
  it.each([
    ['gpt-4o', 'openai', { input: 2.5, output: 10, cacheRead: 1.25 }],
    ['gpt-4o', 'openrouter', { id: 'openai/gpt-4o', input: 2.5, output: 10 }],
    ['claude-sonnet-4', 'anthropic', { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 }],
    ['claude-haiku-4-5', 'anthropic', { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 }],
    ['glm-4.6', 'zai', { input: 0.6, output: 2.2 }],
    ['grok-4', 'xai', { input: 3, output: 15 }],
    ['gemini-2.5-pro', 'openrouter', { id: 'google/gemini-2.5-pro', input: 1.25, output: 10 }],
    ['gpt-5', 'openai', { input: 1.25, output: 10, cacheRead: 0.125 }],
    ['o3', 'openai', { input: 2, output: 8, cacheRead: 0.5 }],
  ] as const)('%s via %s', (name, provider, expected) => {
    expect(offerOf(name, provider)).toMatchObject(expected);
  });

  it('leaves prices the sources lack unknown (null), never zero', () => {
    const unknown: [string, string][] = [
      ['gpt-4o-mini-4k', 'openai'],
      ['gpt-4o-mini-8k', 'openai'],
      ['claude-3-sonnet', 'anthropic'],
      ['grok-1', 'xai'],
      ['openai/gpt-5-pro', 'openrouter'],
      ['x-ai/grok-code-fast-1', 'openrouter'],
      ['z-ai/glm-4.5', 'openrouter'],
    ];
    for (const [name, provider] of unknown) {
      expect(offerOf(name, provider), `${name} via ${provider}`).toMatchObject({ input: null, output: null });
    }
  });
});
