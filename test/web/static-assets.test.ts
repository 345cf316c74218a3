import { describe, expect, it } from 'vitest';
import { loadAssets } from '../../src/web/static-assets.js';

const assets = loadAssets();
const text = (path: string) => assets.get(path)?.body.toString('utf8') ?? '';

describe('the shipped page', () => {
  it('references only assets the server has', () => {
    const html = text('/');
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(references.length).toBeGreaterThan(3);
    for (const reference of references) expect(assets.has(reference), reference).toBe(true);
  });

  it('has every module that a module imports', () => {
    const modules = [...assets.keys()].filter((path) => path.endsWith('.js') && !path.startsWith('/vendor/'));
    for (const module of modules) {
      for (const match of text(module).matchAll(/^import .* from '\.\/([^']+)';$/gm)) {
        expect(assets.has(`/${match[1]}`), `${module} imports ./${match[1]}`).toBe(true);
      }
    }
  });

  it('loads nothing from outside this machine (no CDN, no web fonts)', () => {
    for (const [path, asset] of assets) {
      if (path.startsWith('/vendor/') || path === '/') continue;
      const urls = asset.body.toString('utf8').match(/https?:\/\/[^\s'"`)]+/g) ?? [];
      const external = urls.filter(
        (url) => !/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url) && !url.includes('w3.org/2000/svg'),
      );
      expect(external, path).toEqual([]);
    }
    expect(text('/')).not.toMatch(/https?:\/\//);
  });

  it('has no inline script or style for the CSP to refuse', () => {
    const html = text('/');
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle="/);
    expect(html).not.toMatch(/\son[a-z]+="/);
  });
});
