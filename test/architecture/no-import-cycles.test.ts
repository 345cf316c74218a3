import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildImportGraph, findCycles, specifiersOf } from './import-graph.js';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '../../src');

describe('src/ has no import cycle', () => {
  const graph = buildImportGraph(SRC);

  it('reads the whole tree, and every relative import names a source file', () => {
    expect(graph.files.length).toBeGreaterThan(100);
    expect(graph.files).toContain('proxy/gateway.ts');
    expect(graph.edges.get('cli/commands/serve.ts')).toContain('cluster/primary.ts'); // a dynamic import()
    expect(graph.unresolved).toEqual([]);
  });

  it('no file imports itself through other files (import type included)', () => {
    const cycles = findCycles(graph).map((cycle) => cycle.join(' → '));
    expect(cycles).toEqual([]);
  });
});

/** The checker itself: shown a tree with cycles, it finds them (so the test above can fail). */
describe('the cycle checker', () => {
  const root = mkdtempSync(join(tmpdir(), 'ekai-cycles-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };

  it('reads static, type-only, re-exported, side-effect and dynamic imports, not comments', () => {
    const source = [
      "import { a } from './a.js';",
      "import type {\n  B,\n  C,\n} from '../b/c.js';",
      "export { d } from './d.js';",
      "export * from './e.js';",
      "import './f.js';",
      "const g = await import('./g.js');",
      "// import { h } from './h.js';",
      "/* const i = await import('./i.js'); */",
      "const url = 'https://example.com/x.js'; // import('./j.js')",
      "import { readFile } from 'node:fs';",
    ].join('\n');
    expect(specifiersOf(source)).toEqual([
      './a.js',
      '../b/c.js',
      './d.js',
      './e.js',
      'node:fs',
      './f.js',
      './g.js',
    ]);
  });

  it('finds a cycle closed by a type-only import, a dynamic import and a .tsx file', () => {
    write('one/a.ts', "import { b } from '../two/b.js';\nexport const a = b;\n");
    write('two/b.ts', "import type { C } from './c.js';\nexport const b = 1;\nexport type B = C;\n");
    write('two/c.tsx', "export async function c() { return import('../one/a.js'); }\nexport type C = 1;\n");
    write('three/d.ts', "import { a } from '../one/a.js';\nexport const d = a;\n");
    const graph = buildImportGraph(root);
    expect(graph.unresolved).toEqual([]);
    expect(findCycles(graph)).toEqual([['one/a.ts', 'two/b.ts', 'two/c.tsx', 'one/a.ts']]);
  });

  it('finds nothing once the cycle is broken', () => {
    write('two/c.tsx', 'export type C = 1;\n');
    expect(findCycles(buildImportGraph(root))).toEqual([]);
  });

  it('reports a relative import that names no file', () => {
    write('three/e.ts', "import { gone } from './gone.js';\n");
    expect(buildImportGraph(root).unresolved).toEqual(['three/e.ts: ./gone.js']);
  });
});
