import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

/**
 * The page lives in the package's top-level `web/` folder (plain HTML, CSS and ES modules: no build
 * step). This resolves the same from `src/web/` (tests) and `dist/web/` (the installed package).
 */
export const WEB_ROOT = new URL('../../web/', import.meta.url);

/** The chart library, served from the installed package (a runtime dependency), never a CDN. */
const VENDOR: Readonly<Record<string, string>> = {
  '/vendor/uplot.esm.js': 'uplot/dist/uPlot.esm.js',
  '/vendor/uplot.min.css': 'uplot/dist/uPlot.min.css',
};

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * Every servable file, read once at start-up into a fixed table keyed by URL path. Requests can
 * only name an entry of this table, so no URL can reach any other file (no path traversal), and a
 * missing asset is an error at start, not a broken page later.
 */
export function loadAssets(root: URL = WEB_ROOT): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const type = TYPES[extname(entry.name)];
    if (entry.isFile() && type) assets.set(`/${entry.name}`, asset(new URL(entry.name, root), type));
  }
  const require = createRequire(import.meta.url);
  for (const [path, specifier] of Object.entries(VENDOR)) {
    const file = require.resolve(specifier);
    assets.set(path, asset(file, TYPES[extname(file)] ?? 'application/octet-stream'));
  }
  const index = assets.get('/index.html');
  if (!index) throw new Error(`ekai dashboard: index.html missing in ${fileURLToPath(root)}`);
  assets.set('/', index);
  return assets;
}

function asset(file: URL | string, type: string): Asset {
  const body = readFileSync(file);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { body, type, etag };
}
