import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildImportGraph, layerOf } from './import-graph.js';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '../../src');

/**
 * Which top-level folder of src/ may import which (a file at the root, like `wire.ts`, is a layer
 * of its own). A row says either `only` (the complete list of other layers it may import: the
 * neutral modules at the bottom) or `never` (layers it must not import). Imports inside a layer are
 * always allowed; `import type` counts like any import.
 */
type Rule = { only: string[]; why: string } | { never: string[]; why: string };

const ENTRY_POINTS = ['cli', 'cluster'];
const VIEWS = ['web', 'tui'];

const LAYERS: Record<string, Rule> = {
  wire: { only: [], why: 'the wire-format names, used by every layer' },
  usage: {
    only: ['wire'],
    why: 'the usage record and token counts, shared by proxy, storage, metrics and the views',
  },
  util: { only: [], why: 'small pure helpers' },
  net: {
    only: [],
    why: 'HTTP helpers shared by the gateway and the dashboard (sendJson, the loopback check)',
  },
  config: {
    only: ['util', 'wire'],
    why: 'settings and catalog: read by everything, reads nothing of it (no storage)',
  },
  storage: {
    only: ['config', 'usage', 'util', 'wire'],
    why: 'stores usage records: knows nothing of the proxy, the wire formats or the router',
  },
  metrics: { only: ['usage', 'wire'], why: 'counts usage events; the proxy and the cluster feed it' },
  router: {
    never: ['proxy', 'storage', 'metrics', 'formats', ...VIEWS, ...ENTRY_POINTS],
    why: 'picks candidates and prices from config: what the proxy asks, never the proxy itself',
  },
  formats: {
    never: ['proxy', 'router', 'storage', 'metrics', ...VIEWS, ...ENTRY_POINTS],
    why: 'reads and writes the wire formats, whoever serves them',
  },
  providers: {
    never: ['proxy', 'router', 'storage', 'metrics', ...VIEWS, ...ENTRY_POINTS],
    why: 'what is true of one provider, used by the proxy',
  },
  proxy: { never: [...VIEWS, ...ENTRY_POINTS], why: 'the gateway: started by the CLI, never starting it' },
  web: {
    never: ['proxy', 'formats', 'providers', 'router', 'tui', ...ENTRY_POINTS],
    why: 'the dashboard reads the store, not the gateway',
  },
  tui: {
    never: ['proxy', 'formats', 'providers', 'router', 'web', ...ENTRY_POINTS],
    why: 'the terminal views read the store, not the gateway',
  },
  cli: { never: [], why: 'the entry point: wires everything together' },
  cluster: { never: [], why: 'the multi-process entry point, started by `ekai serve`' },
};

/**
 * Known imports across a forbidden line, each with its reason. The router's price comparison
 * estimates a request's size with the Messages token estimator (the same one `count_tokens` answers
 * with), which lives with the Messages format; moving it is left to the formats restructuring.
 */
const EXCEPTIONS: Record<string, string> = {
  'router/estimate.ts -> formats/anthropic-messages/estimate-tokens.ts':
    'request size for ranking uses the local Messages token estimate',
};

function broken(from: string, to: string): boolean {
  const rule = LAYERS[from];
  if (!rule) return false;
  return 'only' in rule ? !rule.only.includes(to) : rule.never.includes(to);
}

describe('layering of src/', () => {
  const graph = buildImportGraph(SRC);
  const crossings = [...graph.edges].flatMap(([file, targets]) =>
    targets
      .filter((target) => layerOf(target) !== layerOf(file))
      .map((target) => ({ file, target, from: layerOf(file), to: layerOf(target) })),
  );

  it('every top-level folder (and root file) of src/ has a row in the table', () => {
    const layers = [...new Set(graph.files.map(layerOf))].sort();
    expect(layers.filter((layer) => !LAYERS[layer])).toEqual([]);
  });

  it('no import crosses a forbidden line', () => {
    const violations = crossings
      .filter(({ from, to }) => broken(from, to))
      .map(({ file, target }) => `${file} -> ${target}`)
      .filter((edge) => !EXCEPTIONS[edge]);
    expect(violations).toEqual([]);
  });

  it('every exception is still needed (a fixed one is taken off the list)', () => {
    const edges = new Set(crossings.map(({ file, target }) => `${file} -> ${target}`));
    expect(Object.keys(EXCEPTIONS).filter((edge) => !edges.has(edge))).toEqual([]);
  });

  it('the usage record and TokenUsage are owned by usage/, not storage/ or formats/', () => {
    const importers = (module: string) =>
      crossings.filter(({ target }) => target === module).map(({ file }) => file);
    expect(importers('usage/event.ts')).toEqual(
      expect.arrayContaining(['proxy/exchange.ts', 'storage/usage-writer.ts', 'metrics/gateway-metrics.ts']),
    );
    expect(importers('usage/tokens.ts')).toEqual(
      expect.arrayContaining(['router/cost.ts', 'formats/usage.ts']),
    );
  });

  it('the table catches a forbidden import (storage -> proxy, config -> storage, router -> proxy)', () => {
    expect(broken('storage', 'proxy')).toBe(true);
    expect(broken('storage', 'formats')).toBe(true);
    expect(broken('config', 'storage')).toBe(true);
    expect(broken('router', 'proxy')).toBe(true);
    expect(broken('proxy', 'storage')).toBe(false);
  });
});

describe('shared helpers are defined once in src/', () => {
  const graph = buildImportGraph(SRC);
  const definitions = (pattern: RegExp) =>
    graph.files.filter((file) => pattern.test(readFileSync(join(SRC, file), 'utf8')));

  it('one sendJson (net/http-json.ts), used by the gateway and the dashboard', () => {
    expect(definitions(/function sendJson\b/)).toEqual(['net/http-json.ts']);
  });

  it('one loopback check (net/loopback.ts)', () => {
    expect(definitions(/function isLoopback\w*\(|startsWith\('127\.'\)/)).toEqual(['net/loopback.ts']);
  });
});
