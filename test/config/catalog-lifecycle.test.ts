// A model's lifecycle in the catalog: `status`, `successor`, `retiredOn` (issue 17). Retired = the
// `retiredOn` date has come, or `status: retired`; the stored date, not a hand-flipped status, decides.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog, modelStatus, retirementNote } from '../../src/config/catalog.js';

function userCatalog(yaml: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ekai-lifecycle-')), 'catalog.yaml');
  writeFileSync(path, yaml);
  return path;
}

describe('model lifecycle', () => {
  it('retired from the retiredOn date on; before it, the stated status; absent = unknown', () => {
    const model = { status: 'legacy' as const, retiredOn: '2026-12-11' };
    expect(modelStatus(model, '2026-12-10')).toBe('legacy');
    expect(modelStatus(model, '2026-12-11')).toBe('retired');
    expect(modelStatus({ status: 'retired' }, '2000-01-01')).toBe('retired');
    expect(modelStatus({}, '2026-12-03')).toBeUndefined();
  });

  it('a user catalog sets them; a successor written as an alias is reported as the model id', () => {
    const catalog = loadCatalog({
      userCatalog: userCatalog(
        'models:\n  gpt-4o:\n    status: retired\n    successor: gpt-5-mini-2025-08-07\n    retiredOn: 2026-01-01\n',
      ),
    });
    const model = catalog.byName.get('gpt-4o');
    expect(model).toMatchObject({ status: 'retired', successor: 'gpt-5-mini', retiredOn: '2026-01-01' });
    expect(retirementNote(model, '2026-12-03')).toBe(
      'model gpt-4o is retired since 2026-01-01; its successor is gpt-5-mini',
    );
    expect(retirementNote(catalog.byName.get('claude-opus-5-5'), '2026-12-03')).toBeUndefined();
  });

  it('refuses an unknown status, a date that is not ISO, an unknown successor', () => {
    const load = (yaml: string) => () => loadCatalog({ userCatalog: userCatalog(yaml) });
    expect(load('models:\n  gpt-4o:\n    status: gone\n')).toThrow('models.gpt-4o.status');
    expect(load('models:\n  gpt-4o:\n    retiredOn: 11/12/2026\n')).toThrow(
      'expected an ISO date (YYYY-MM-DD)',
    );
    expect(load('models:\n  gpt-4o:\n    successor: gpt-99\n')).toThrow(
      'models.gpt-4o.successor: unknown model "gpt-99"',
    );
  });
});
