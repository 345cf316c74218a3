import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Catalog, loadCatalog } from '../../src/config/catalog.js';
import type { ProviderFormat } from '../../src/config/catalog-schema.js';
import { resolveProviders } from '../../src/config/providers.js';
import {
  ModelNotFoundError,
  ProviderNotConfiguredError,
  UnknownProviderError,
} from '../../src/router/errors.js';
import { matchesGlob } from '../../src/router/glob.js';
import {
  type Resolution,
  type ResolveInput,
  requireCandidates,
  resolveModel,
} from '../../src/router/resolve.js';

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));

const ALL_KEYS = {
  OPENAI_API_KEY: 'k',
  ANTHROPIC_API_KEY: 'k',
  XAI_API_KEY: 'k',
  OPENROUTER_API_KEY: 'k',
  ZAI_API_KEY: 'k',
};

const bundled = loadCatalog();

function resolve(
  input: Partial<ResolveInput> & { requested: string },
  options: {
    catalog?: Catalog;
    env?: NodeJS.ProcessEnv;
    estimate?: { inputTokens: number; outputTokens: number };
  } = {},
): Resolution {
  const catalog = options.catalog ?? bundled;
  const providers = resolveProviders(catalog, { providers: {} }, options.env ?? ALL_KEYS);
  return resolveModel({ clientFormat: 'chat', ...input }, catalog, providers, options.estimate);
}

/** `provider:upstream-id`, with `?` when there is no catalog offer (cost unknown). */
function routes(resolution: Resolution): string[] {
  return resolution.candidates.map(
    (candidate) => `${candidate.provider.name}:${candidate.upstreamModel}${candidate.offer ? '' : '?'}`,
  );
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('resolveModel: which providers a name reaches (all keys set)', () => {
  const cases: Array<[requested: string, via: Resolution['via'], modelId: string, routes: string[]]> = [
    // catalog ids and aliases
    ['gpt-4o', 'catalog', 'gpt-4o', ['openai:gpt-4o', 'openrouter:openai/gpt-4o']],
    ['claude-sonnet-4', 'catalog', 'claude-sonnet-4', ['anthropic:claude-sonnet-4-20250514']],
    ['glm-4.6', 'catalog', 'glm-4.6', ['zai:glm-4.6']],
    // dated ids are aliases of the undated model
    ['claude-sonnet-4-20250514', 'catalog', 'claude-sonnet-4', ['anthropic:claude-sonnet-4-20250514']],
    ['claude-4-sonnet-20250514', 'catalog', 'claude-sonnet-4', ['anthropic:claude-sonnet-4-20250514']],
    ['gpt-5-2025-08-07', 'catalog', 'gpt-5', ['openai:gpt-5']],
    ['claude-sonnet-4-5-20250929', 'catalog', 'claude-sonnet-4-5', ['anthropic:claude-sonnet-4-5-20250929']],
    // dotted and dashed spellings the catalog lists
    ['claude-sonnet-4.5', 'catalog', 'claude-sonnet-4-5', ['anthropic:claude-sonnet-4-5-20250929']],
    ['claude-opus-4.1', 'catalog', 'claude-opus-4.1', ['anthropic:claude-opus-4-1-20250805']],
    ['claude-opus-4-1', 'catalog', 'claude-opus-4.1', ['anthropic:claude-opus-4-1-20250805']],
    // aliases that look provider-prefixed resolve through the catalog to every offer of the model
    ['openai/gpt-4o', 'catalog', 'gpt-4o', ['openai:gpt-4o', 'openrouter:openai/gpt-4o']],
    [
      'anthropic/claude-haiku-4.5',
      'catalog',
      'claude-haiku-4-5',
      ['anthropic:claude-haiku-4-5-20251001', 'openrouter:anthropic/claude-haiku-4.5'],
    ],
    ['google/gemini-2.5-pro', 'catalog', 'gemini-2.5-pro', ['openrouter:google/gemini-2.5-pro']],
    [
      'x-ai/grok-code-fast-1',
      'catalog',
      'grok-code-fast-1',
      ['xai:grok-code-fast-1', 'openrouter:x-ai/grok-code-fast-1'],
    ],
    ['openai/gpt-5-pro', 'catalog', 'gpt-5-pro', ['openrouter:openai/gpt-5-pro']],
    // <provider>/<rest>: rest through the catalog (that provider's offer) ...
    [
      'anthropic/claude-sonnet-4',
      'provider-prefix',
      'claude-sonnet-4',
      ['anthropic:claude-sonnet-4-20250514'],
    ],
    ['xai/grok-4', 'provider-prefix', 'grok-4', ['xai:grok-4']],
    ['zai/glm-4.5', 'provider-prefix', 'glm-4.5', ['zai:glm-4.5']],
    ['openrouter/openai/gpt-4o', 'provider-prefix', 'gpt-4o', ['openrouter:openai/gpt-4o']],
    [
      'openrouter/claude-haiku-4-5',
      'provider-prefix',
      'claude-haiku-4-5',
      ['openrouter:anthropic/claude-haiku-4.5'],
    ],
    // ... or verbatim when the catalog has no such model, or no offer of it from that provider
    [
      'openrouter/meta-llama/llama-3-70b',
      'provider-prefix',
      'openrouter/meta-llama/llama-3-70b',
      ['openrouter:meta-llama/llama-3-70b?'],
    ],
    ['openai/gpt-9-turbo', 'provider-prefix', 'openai/gpt-9-turbo', ['openai:gpt-9-turbo?']],
    ['openai/claude-sonnet-4', 'provider-prefix', 'claude-sonnet-4', ['openai:claude-sonnet-4?']],
    // the providers' match patterns, sent verbatim with the cost unknown
    ['claude-opus-9-9', 'match', 'claude-opus-9-9', ['anthropic:claude-opus-9-9?']],
    ['grok-9', 'match', 'grok-9', ['xai:grok-9?']],
    ['glm-9', 'match', 'glm-9', ['zai:glm-9?']],
    ['o3-ultra', 'match', 'o3-ultra', ['openai:o3-ultra?']],
    ['some-vendor/some-model', 'match', 'some-vendor/some-model', ['openrouter:some-vendor/some-model?']],
    // several patterns match: unknown prices tie, so the vendor goes before the aggregator
    ['gpt-oss/120b', 'match', 'gpt-oss/120b', ['openai:gpt-oss/120b?', 'openrouter:gpt-oss/120b?']],
    // a typo of a catalog name that a pattern matches is indistinguishable from a new model: it goes
    // upstream verbatim (the provider's 404 reaches the client); see the no-patterns case for ours
    ['gpt-4-o', 'match', 'gpt-4-o', ['openai:gpt-4-o?']],
    ['claude-sonet-4', 'match', 'claude-sonet-4', ['anthropic:claude-sonet-4?']],
    // case-insensitive fallback: catalog names and provider prefixes; patterns ignore case, the name is kept
    ['GPT-4o', 'catalog', 'gpt-4o', ['openai:gpt-4o', 'openrouter:openai/gpt-4o']],
    ['Claude-Sonnet-4-20250514', 'catalog', 'claude-sonnet-4', ['anthropic:claude-sonnet-4-20250514']],
    ['OpenAI/GPT-4o', 'catalog', 'gpt-4o', ['openai:gpt-4o', 'openrouter:openai/gpt-4o']],
    [
      'Anthropic/Claude-Sonnet-4',
      'provider-prefix',
      'claude-sonnet-4',
      ['anthropic:claude-sonnet-4-20250514'],
    ],
    ['Grok-9', 'match', 'Grok-9', ['xai:Grok-9?']],
  ];

  it.each(cases)('%s → %s', (requested, via, modelId, expected) => {
    const resolution = resolve({ requested });
    expect(routes(resolution)).toEqual(expected);
    expect(resolution).toMatchObject({ requested, via, modelId, unconfigured: [] });
    expect(resolution.model?.id).toBe(bundled.byName.get(modelId)?.id);
  });

  it('keeps a newer dated name reaching its vendor before the catalog lists it', () => {
    const older = loadCatalog({ bundled: fixture('router/older-catalog.yaml') });
    const resolution = resolve({ requested: 'claude-sonnet-4-5-20250929' }, { catalog: older });
    expect(resolution).toMatchObject({
      via: 'match',
      model: undefined,
      modelId: 'claude-sonnet-4-5-20250929',
    });
    expect(routes(resolution)).toEqual(['anthropic:claude-sonnet-4-5-20250929?']);
  });
});

describe('resolveModel: the x-ekai-provider pin', () => {
  const cases: Array<[requested: string, pin: string, modelId: string, routes: string[]]> = [
    // the pinned provider's catalog offer
    ['gpt-4o', 'openrouter', 'gpt-4o', ['openrouter:openai/gpt-4o']],
    ['gpt-4o', 'openai', 'gpt-4o', ['openai:gpt-4o']],
    ['openai/gpt-4o', 'openrouter', 'gpt-4o', ['openrouter:openai/gpt-4o']],
    // no offer from the pinned provider: the requested name verbatim, cost unknown
    ['claude-sonnet-4', 'openrouter', 'claude-sonnet-4', ['openrouter:claude-sonnet-4?']],
    // a prefix naming the pinned provider is stripped and resolved as usual
    ['anthropic/claude-sonnet-4', 'anthropic', 'claude-sonnet-4', ['anthropic:claude-sonnet-4-20250514']],
    // a prefix naming another provider is that provider's name for the model (OpenRouter's ids)
    [
      'anthropic/claude-3-opus',
      'openrouter',
      'anthropic/claude-3-opus',
      ['openrouter:anthropic/claude-3-opus?'],
    ],
    // names no rule knows go to the pinned provider rather than a 404 of ours
    ['my-finetune', 'openai', 'my-finetune', ['openai:my-finetune?']],
    ['grok-9', 'xai', 'grok-9', ['xai:grok-9?']],
    // the header's value is matched ignoring case and surrounding spaces
    ['gpt-4o', ' OpenRouter ', 'gpt-4o', ['openrouter:openai/gpt-4o']],
  ];

  it.each(cases)('%s pinned to %s', (requested, pinnedProvider, modelId, expected) => {
    const resolution = resolve({ requested, pinnedProvider });
    expect(resolution).toMatchObject({ via: 'pin', modelId });
    expect(routes(resolution)).toEqual(expected);
  });

  it('refuses a pin naming no provider, with close matches (400)', () => {
    const error = thrown(() => resolve({ requested: 'gpt-4o', pinnedProvider: 'opnai' }));
    expect(error).toBeInstanceOf(UnknownProviderError);
    expect(error).toMatchObject({
      status: 400,
      code: 'unknown_provider',
      provider: 'opnai',
      suggestions: ['openai'],
    });
    expect((error as Error).message).toBe(
      'provider "opnai" (x-ekai-provider header) is not known; did you mean openai? ' +
        '(known: openai, anthropic, xai, openrouter, zai)',
    );
  });

  it('leaves a pinned provider without a key to requireCandidates', () => {
    const resolution = resolve(
      { requested: 'gpt-4o', pinnedProvider: 'openai' },
      { env: { OPENROUTER_API_KEY: 'k' } },
    );
    expect(resolution.candidates).toEqual([]);
    expect(resolution.unconfigured.map((provider) => provider.name)).toEqual(['openai']);
    expect(() => requireCandidates(resolution)).toThrow(
      'model "gpt-4o" is offered by openai, which is not configured: set OPENAI_API_KEY',
    );
  });
});

describe('resolveModel: unknown names are a 404 with suggestions', () => {
  const noPatterns = loadCatalog({ userCatalog: fixture('router/no-patterns.yaml') });
  const cases: Array<[requested: string, catalog: Catalog, suggestions: string[]]> = [
    ['gpt4o', bundled, ['gpt-4o', 'gpt-5']],
    ['claude_sonnet_4', bundled, ['claude-sonnet-4', 'claude-sonnet-5', 'claude-sonnet-4-0']],
    ['sonnet-4', bundled, ['sonnet', 'claude-sonnet-4', 'claude-sonnet-4-0']],
    ['gemni-2.5-pro', bundled, ['gemini-2.5-pro']],
    ['llama-3-70b', bundled, []],
    // without match patterns, typos of catalog names no longer go upstream
    ['gpt-4-o', noPatterns, ['gpt-4o', 'gpt-4.1']],
    ['claude-sonet-4', noPatterns, ['claude-sonnet-4', 'claude-sonnet-5', 'claude-sonnet-4-0']],
  ];

  it.each(cases)('%s', (requested, catalog, suggestions) => {
    const error = thrown(() => resolve({ requested }, { catalog }));
    expect(error).toBeInstanceOf(ModelNotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'model_not_found', requested, suggestions });
  });

  it('a spelling that matches two catalog names but neither exactly is not guessed', () => {
    const twins = loadCatalog({ userCatalog: fixture('router/case-twins.yaml') });
    expect(routes(resolve({ requested: 'twin-model' }, { catalog: twins }))).toEqual(['openai:twin-lower']);
    expect(routes(resolve({ requested: 'Twin-Model' }, { catalog: twins }))).toEqual([
      'anthropic:twin-upper',
    ]);
    const error = thrown(() => resolve({ requested: 'TWIN-MODEL' }, { catalog: twins }));
    expect(error).toBeInstanceOf(ModelNotFoundError);
  });

  it('names the suggestions in the message, or none', () => {
    const noPatternsTypo = thrown(() => resolve({ requested: 'gpt-4-o' }, { catalog: noPatterns }));
    expect((noPatternsTypo as Error).message).toBe(
      'model "gpt-4-o" is not known; did you mean gpt-4o, gpt-4.1?',
    );
    expect((thrown(() => resolve({ requested: 'llama-3-70b' })) as Error).message).toBe(
      'model "llama-3-70b" is not known',
    );
  });
});

describe('resolveModel: providers without a key', () => {
  it('lists them as unconfigured, and requireCandidates names their env vars (400)', () => {
    const resolution = resolve({ requested: 'gpt-4o' }, { env: {} });
    expect(resolution.candidates).toEqual([]);
    expect(resolution.unconfigured.map((provider) => provider.name)).toEqual(['openai', 'openrouter']);
    const error = thrown(() => requireCandidates(resolution));
    expect(error).toBeInstanceOf(ProviderNotConfiguredError);
    expect(error).toMatchObject({
      status: 400,
      code: 'provider_not_configured',
      providers: ['openai', 'openrouter'],
      envVars: ['OPENAI_API_KEY', 'OPENROUTER_API_KEY'],
      message:
        'model "gpt-4o" is offered by openai, openrouter, but none is configured: set OPENAI_API_KEY or OPENROUTER_API_KEY',
    });
  });

  it('names one provider for a match-pattern name', () => {
    const resolution = resolve({ requested: 'glm-9' }, { env: { OPENAI_API_KEY: 'k' } });
    expect(() => requireCandidates(resolution)).toThrow(
      'model "glm-9" is offered by zai, which is not configured: set ZAI_API_KEY',
    );
  });

  it('keeps the configured ones as candidates and the rest aside', () => {
    const resolution = resolve({ requested: 'gpt-4o' }, { env: { OPENROUTER_API_KEY: 'k' } });
    expect(routes(resolution)).toEqual(['openrouter:openai/gpt-4o']);
    expect(resolution.unconfigured.map((provider) => provider.name)).toEqual(['openai']);
    expect(requireCandidates(resolution)).toBe(resolution.candidates);
  });
});

describe('resolveModel: ranking', () => {
  const userCatalog = loadCatalog({ userCatalog: fixture('config/user-catalog/catalog.yaml') });
  const ranking = loadCatalog({ userCatalog: fixture('router/ranking.yaml') });

  it('puts the vendor before the aggregator on a price tie', () => {
    expect(routes(resolve({ requested: 'gpt-4o' }))).toEqual(['openai:gpt-4o', 'openrouter:openai/gpt-4o']);
  });

  it('puts OpenRouter first when a user catalog makes it cheaper and both keys are set', () => {
    const env = { OPENAI_API_KEY: 'k', OPENROUTER_API_KEY: 'k' };
    expect(routes(resolve({ requested: 'gpt-4o' }, { catalog: userCatalog, env }))).toEqual([
      'openrouter:openai/gpt-4o',
      'openai:gpt-4o',
    ]);
  });

  it('offers only the configured provider when only OpenAI has a key', () => {
    const resolution = resolve(
      { requested: 'gpt-4o' },
      { catalog: userCatalog, env: { OPENAI_API_KEY: 'k' } },
    );
    expect(routes(resolution)).toEqual(['openai:gpt-4o']);
    expect(resolution.unconfigured.map((provider) => provider.name)).toEqual(['openrouter']);
  });

  it("ranks by the request's token estimate", () => {
    const inputHeavy = resolve({ requested: 'trade-off' }, { catalog: ranking });
    expect(routes(inputHeavy)).toEqual(['openai:trade-off', 'openrouter:vendor/trade-off']);
    const outputHeavy = resolve(
      { requested: 'trade-off' },
      { catalog: ranking, estimate: { inputTokens: 100, outputTokens: 4000 } },
    );
    expect(routes(outputHeavy)).toEqual(['openrouter:vendor/trade-off', 'openai:trade-off']);
  });

  it('puts an unknown price last, whatever the catalog order', () => {
    expect(routes(resolve({ requested: 'unknown-first' }, { catalog: ranking }))).toEqual([
      'openai:unknown-first',
      'openrouter:vendor/unknown-first',
    ]);
  });
});

describe('resolveModel: the wire format used with each candidate', () => {
  const cases: Array<[requested: string, client: ProviderFormat, expected: string[]]> = [
    // xAI serves grok-code-fast-1 in both formats: native for either client, one candidate
    ['grok-code-fast-1', 'chat', ['xai chat native', 'openrouter chat native']],
    ['grok-code-fast-1', 'messages', ['xai messages native', 'openrouter chat translated']],
    // an offer restricted to one format is translated into it
    ['grok-4', 'messages', ['xai chat translated']],
    ['grok-2', 'chat', ['xai messages translated']],
    ['glm-4.6', 'chat', ['zai messages translated']],
    ['glm-4.6', 'messages', ['zai messages native']],
    // offer-less candidates use their provider's formats
    ['grok-9', 'messages', ['xai messages native']],
    ['claude-opus-9-9', 'chat', ['anthropic messages translated']],
    // price (then vendor before aggregator) decides the order, not nativeness
    ['claude-haiku-4-5', 'chat', ['anthropic messages translated', 'openrouter chat native']],
    ['gpt-4o', 'messages', ['openai chat translated', 'openrouter chat translated']],
  ];

  it.each(cases)('%s for a %s client', (requested, clientFormat, expected) => {
    const { candidates } = resolve({ requested, clientFormat });
    expect(
      candidates.map((candidate) => {
        expect(candidate.native).toBe(candidate.format === clientFormat);
        return `${candidate.provider.name} ${candidate.format} ${candidate.native ? 'native' : 'translated'}`;
      }),
    ).toEqual(expected);
  });
});

describe("matchesGlob: the providers' match patterns", () => {
  const cases: Array<[name: string, pattern: string, matches: boolean]> = [
    ['claude-opus-5-5', 'claude-*', true],
    ['CLAUDE-opus-5-5', 'claude-*', true],
    ['o1', 'o1*', true], // `*` may be empty
    ['vendor/model', '*/*', true],
    ['vendor/family/model', '*/*', true],
    ['no-slash', '*/*', false],
    ['my-claude-x', 'claude-*', false], // the whole name, not a substring
    ['gpt-4x1', 'gpt-4.1*', false], // regex characters are literal
    ['gpt-4.1-mini', 'gpt-4.1*', true],
    ['a+b', 'a+b', true],
  ];
  it.each(cases)('%s against %s', (name, pattern, matches) => {
    expect(matchesGlob(name, pattern)).toBe(matches);
  });
});
