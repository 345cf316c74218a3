import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG_PATH, loadCatalog, mergeDeep } from '../../src/config/catalog.js';
import { ConfigError } from '../../src/config/errors.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/config/${name}`, import.meta.url));

describe('the bundled catalog', () => {
  const catalog = loadCatalog();

  it('loads and validates, with every provider of the brief', () => {
    expect(catalog.files).toEqual([BUNDLED_CATALOG_PATH]);
    expect(catalog.deprecations).toEqual([]);
    expect([...catalog.providers.keys()]).toEqual(['openai', 'anthropic', 'xai', 'openrouter', 'zai']);
    expect(catalog.providers.get('openrouter')?.aggregator).toBe(true);
    expect(catalog.providers.get('openai')?.aggregator).toBe(false);
  });

  it('fills offer defaults: upstream id, unknown optional prices as null, formats from the provider', () => {
    const model = catalog.byName.get('claude-sonnet-4');
    expect(model?.offers[0]).toMatchObject({
      provider: 'anthropic',
      id: 'claude-sonnet-4-20250514',
      input: 3,
      output: 15,
      cacheRead: 0.3,
      cacheWrite: 3.75,
      formats: ['messages'],
    });
    expect(
      catalog.byName.get('gpt-4o')?.offers.find((offer) => offer.provider === 'openrouter'),
    ).toMatchObject({
      id: 'openai/gpt-4o',
      cacheWrite: null,
      formats: ['chat', 'responses'],
    });
  });

  it('indexes every alias', () => {
    expect(catalog.byName.get('claude-sonnet-4-20250514')?.id).toBe('claude-sonnet-4');
    expect(catalog.byName.get('openai/gpt-4o')?.id).toBe('gpt-4o');
  });
});

describe('a user catalog merges over the bundled one', () => {
  const catalog = loadCatalog({ userCatalog: fixture('user-catalog/catalog.yaml') });

  it('overrides one offer key by key and keeps the rest', () => {
    const gpt4o = catalog.byName.get('gpt-4o')!;
    const openrouter = gpt4o.offers.find((offer) => offer.provider === 'openrouter');
    expect(openrouter).toMatchObject({ id: 'openai/gpt-4o', input: 1, output: 4 });
    expect(gpt4o.offers.find((offer) => offer.provider === 'openai')).toMatchObject({
      input: 2.5,
      output: 10,
    });
    expect(gpt4o.aliases).toContain('openai/gpt-4o');
  });

  it('changes one provider field without resetting the others', () => {
    expect(catalog.providers.get('zai')).toMatchObject({
      baseUrl: 'https://open.bigmodel.cn/api/anthropic',
      formats: ['messages', 'responses'],
      keyEnv: 'ZAI_API_KEY',
      match: ['glm-*'],
    });
  });

  it('adds providers and models', () => {
    expect(catalog.providers.get('localai')).toMatchObject({
      baseUrl: 'http://127.0.0.1:8080',
      match: ['local-*'],
    });
    expect(catalog.byName.get('mine')).toMatchObject({
      id: 'my-model',
      offers: [{ provider: 'localai', id: 'llama-3.3-70b', input: 0, output: 0 }],
    });
    expect(catalog.files).toHaveLength(2);
    expect(catalog.deprecations).toEqual([]);
  });

  it('replaces lists instead of appending to them', () => {
    expect(mergeDeep({ a: { list: [1, 2], keep: true } }, { a: { list: [3] } })).toEqual({
      a: { list: [3], keep: true },
    });
    expect(mergeDeep({ price: 1 }, { price: null })).toEqual({ price: null });
  });
});

describe('a catalog in the old spelling (dialects: [openai, anthropic]) still loads', () => {
  const path = fixture('old-spelling/catalog.yaml');
  const catalog = loadCatalog({ userCatalog: path });

  it('reads the old key and values as formats chat and messages, on providers and offers', () => {
    expect(catalog.providers.get('localai')?.formats).toEqual(['chat', 'messages']);
    expect(catalog.byName.get('mine')?.offers[0]?.formats).toEqual(['messages']);
    // An old value under the new key is mapped too; the rest of the bundled offer is kept.
    expect(
      catalog.byName.get('grok-code-fast-1')?.offers.find((offer) => offer.provider === 'xai'),
    ).toMatchObject({
      formats: ['chat'],
      input: 0.2,
    });
  });

  it('with one deprecation note for the file, naming the new spelling', () => {
    expect(catalog.deprecations).toHaveLength(1);
    const [note] = catalog.deprecations;
    expect(note).toContain(`${path}: providers.localai.dialects and 2 more place(s)`);
    expect(note).toContain('formats: [chat, messages]');
    expect(note).not.toContain('\n');
  });

  it('a whole catalog in the old spelling loads as the same catalog, with a note per file', () => {
    const current = fixture('small-catalog.yaml');
    const folder = mkdtempSync(join(tmpdir(), 'ekai-old-catalog-'));
    const old = join(folder, 'catalog.yaml');
    writeFileSync(
      old,
      readFileSync(current, 'utf8')
        .replaceAll('formats:', 'dialects:')
        .replaceAll('chat', 'openai')
        .replaceAll('messages', 'anthropic'),
    );
    const older = loadCatalog({ bundled: old });
    const fresh = loadCatalog({ bundled: current });
    expect(older.providers).toEqual(fresh.providers);
    expect(older.models).toEqual(fresh.models);
    expect(older.deprecations).toEqual([
      expect.stringContaining(`${old}: providers.openai.dialects and 2 more place(s)`),
    ]);
    expect(loadCatalog({ bundled: old, userCatalog: path }).deprecations).toHaveLength(2);
  });
});

describe('a broken catalog is refused with file, key and reason on one line', () => {
  const cases: Array<[file: string, message: string]> = [
    [
      'unknown-provider.yaml',
      'models.gpt-4o.offers.nowhere: unknown provider "nowhere" (known: openai, anthropic',
    ],
    ['negative-price.yaml', 'models.gpt-4o.offers.openai.input: a price cannot be negative (got -1)'],
    ['missing-price.yaml', 'models.new-model.offers.openai.input: missing (expected number)'],
    ['alias-collision.yaml', 'models.my-gpt.aliases[0]: name "gpt-4o" is already used by model "gpt-4o"'],
    ['wrong-format.yaml', 'models.glm-4.6.offers.zai.formats: provider "zai" does not serve "chat"'],
    ['both-spellings.yaml', 'providers.localai: give "formats" only ("dialects" is its old name)'],
    ['syntax.yaml', 'cannot be parsed: Flow sequence in block collection must be sufficiently indented'],
    ['does-not-exist.yaml', 'catalog file not found'],
  ];
  it.each(cases)('%s', (file, message) => {
    const path = fixture(`broken-catalog/${file}`);
    let error: unknown;
    try {
      loadCatalog({ userCatalog: path });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).source).toBe(path);
    expect((error as Error).message).toContain(`${path}: ${message}`);
    expect((error as Error).message).not.toContain('\n');
  });

  it('names the bundled file when the bundled catalog itself is broken', () => {
    const broken = fixture('broken-catalog/unknown-provider.yaml');
    expect(() => loadCatalog({ bundled: broken })).toThrow(`${broken}: providers: missing (expected record)`);
  });
});
