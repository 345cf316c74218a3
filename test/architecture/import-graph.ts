import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The import graph of a source tree, read with regular expressions (no dependency): every
 * `import … from '…'`, `import '…'`, `export … from '…'` and dynamic `import('…')` of every .ts/.tsx
 * file. `import type` and `export type` count like any other import: they are erased at run time
 * (verbatimModuleSyntax), so they cannot break module initialisation, but two modules whose types
 * need each other still cannot be understood, tested or moved apart, and madge counts them too.
 *
 * Only relative specifiers are followed (packages and `node:` modules are outside the tree). A
 * specifier ending in `.js` names the `.ts` or `.tsx` file TypeScript compiles to it.
 */
export interface ImportGraph {
  /** Files as paths relative to the root, with `/` separators, e.g. `proxy/errors.ts`. */
  files: string[];
  /** file → the files it imports (relative to the root), in the order first seen. */
  edges: Map<string, string[]>;
  /** Relative specifiers that name no source file: `file: specifier`. */
  unresolved: string[];
}

const STATIC_IMPORT = /\b(?:import|export)\s[^;]*?\bfrom\s*['"]([^'"\n]+)['"]/g;
const SIDE_EFFECT_IMPORT = /^\s*import\s*['"]([^'"\n]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g;
const BLOCK_COMMENT = /\/\*[\s\S]*?\*\//g;
/** `// …` at the start of a line or after a blank: not the `//` of `https://` inside a string. */
const LINE_COMMENT = /(^|\s)\/\/.*$/gm;

/** The module specifiers a source text imports, comments left out. */
export function specifiersOf(source: string): string[] {
  const code = source.replace(BLOCK_COMMENT, '').replace(LINE_COMMENT, '$1');
  const found: string[] = [];
  for (const pattern of [STATIC_IMPORT, SIDE_EFFECT_IMPORT, DYNAMIC_IMPORT]) {
    for (const match of code.matchAll(pattern)) found.push(match[1] as string);
  }
  return found;
}

export function buildImportGraph(root: string): ImportGraph {
  const absoluteRoot = resolve(root);
  const files = sourceFiles(absoluteRoot).map((file) => toKey(absoluteRoot, file));
  const edges = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const file of files) {
    const targets: string[] = [];
    for (const specifier of specifiersOf(readFileSync(join(absoluteRoot, file), 'utf8'))) {
      if (!specifier.startsWith('./') && !specifier.startsWith('../')) continue;
      const target = resolveSpecifier(join(absoluteRoot, dirname(file)), specifier);
      if (target === undefined) unresolved.push(`${file}: ${specifier}`);
      else if (target.startsWith(absoluteRoot + sep)) {
        const key = toKey(absoluteRoot, target);
        if (!targets.includes(key)) targets.push(key);
      }
    }
    edges.set(file, targets);
  }
  return { files, edges, unresolved };
}

/**
 * Import cycles, each as the files along it with the first repeated at the end (`a.ts`, `b.ts`,
 * `a.ts`). A depth-first search: an edge back to a file still on the current path closes a cycle.
 * A graph has a cycle exactly when such a back edge exists, so the list is empty exactly when the
 * graph has none; when files are knotted in several cycles, at least one of them is listed.
 */
export function findCycles(graph: ImportGraph): string[][] {
  const cycles = new Map<string, string[]>();
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (file: string): void => {
    path.push(file);
    onPath.add(file);
    for (const next of graph.edges.get(file) ?? []) {
      if (onPath.has(next)) {
        const cycle = path.slice(path.indexOf(next));
        cycles.set(canonical(cycle), [...cycle, next]);
      } else if (!done.has(next)) {
        visit(next);
      }
    }
    path.pop();
    onPath.delete(file);
    done.add(file);
  };
  for (const file of [...graph.files].sort()) if (!done.has(file)) visit(file);
  return [...cycles.values()];
}

/** The top-level folder of a file (`proxy/errors.ts` → `proxy`); a file at the root is its own layer (`wire.ts` → `wire`). */
export function layerOf(file: string): string {
  const slash = file.indexOf('/');
  return slash === -1 ? file.replace(/\.tsx?$/, '') : file.slice(0, slash);
}

/** The same cycle found from another starting file gets the same key. */
function canonical(cycle: string[]): string {
  const start = cycle.indexOf([...cycle].sort()[0] as string);
  return [...cycle.slice(start), ...cycle.slice(0, start)].join(' → ');
}

function resolveSpecifier(fromDirectory: string, specifier: string): string | undefined {
  const base = resolve(fromDirectory, specifier);
  const stem = base.replace(/\.(js|jsx|ts|tsx|mjs)$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((candidate) => /\.tsx?$/.test(candidate) && isFile(candidate));
}

function sourceFiles(directory: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found.sort();
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function toKey(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}
