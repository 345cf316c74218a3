// How a model thinks, as catalog data (issue 17): `thinking` (adaptive | budget | effort),
// `alwaysThinks` (cannot be turned off) and `defaultEffort`. The bundled values are checked against
// the reference in test/catalog-current-models.test.ts; here: a user catalog and the schema's errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/config/catalog.js';

function catalogFile(yaml: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ekai-thinking-')), 'catalog.yaml');
  writeFileSync(path, yaml);
  return path;
}

const BUNDLED_LIKE = `providers:
  anthropic: { formats: [messages], baseUrl: https://api.anthropic.com, keyEnv: ANTHROPIC_API_KEY }
models:
  claude-x:
    thinking: adaptive
    alwaysThinks: true
    defaultEffort: medium
    offers:
      anthropic: { input: 1, output: 5 }
  claude-y:
    offers:
      anthropic: { input: 1, output: 5 }
`;

describe('model thinking fields', () => {
  it('are read from the catalog; absent when the catalog says nothing', () => {
    const catalog = loadCatalog({ bundled: catalogFile(BUNDLED_LIKE) });
    expect(catalog.byName.get('claude-x')).toMatchObject({
      thinking: 'adaptive',
      alwaysThinks: true,
      defaultEffort: 'medium',
    });
    const plain = catalog.byName.get('claude-y');
    expect(plain && ['thinking', 'alwaysThinks', 'defaultEffort'].filter((key) => key in plain)).toEqual([]);
  });

  it('a user catalog sets them over the bundled values, key by key', () => {
    const catalog = loadCatalog({
      bundled: catalogFile(BUNDLED_LIKE),
      userCatalog: catalogFile(
        'models:\n  claude-x:\n    alwaysThinks: false\n    defaultEffort: high\n  claude-y:\n    thinking: budget\n',
      ),
    });
    expect(catalog.byName.get('claude-x')).toMatchObject({
      thinking: 'adaptive',
      alwaysThinks: false,
      defaultEffort: 'high',
    });
    expect(catalog.byName.get('claude-y')?.thinking).toBe('budget');
  });

  it('refuses an unknown style or effort, naming the key, the value and the choices', () => {
    const user = (yaml: string) => () => loadCatalog({ userCatalog: catalogFile(yaml) });
    expect(user('models:\n  gpt-4o:\n    thinking: always\n')).toThrow(
      'models.gpt-4o.thinking: expected one of adaptive, budget, effort (got "always")',
    );
    expect(user('models:\n  gpt-4o:\n    defaultEffort: minimal\n')).toThrow(
      'models.gpt-4o.defaultEffort: expected one of none, low, medium, high, xhigh, max (got "minimal")',
    );
    expect(user('models:\n  gpt-4o:\n    alwaysThinks: yes please\n')).toThrow('models.gpt-4o.alwaysThinks');
    const bundled = () =>
      loadCatalog({ bundled: catalogFile(BUNDLED_LIKE.replace('thinking: adaptive', 'thinking: Adaptive')) });
    expect(bundled).toThrow(
      'models.claude-x.thinking: expected one of adaptive, budget, effort (got "Adaptive")',
    );
  });
});
