import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { describeLocation, isPostgresUrl } from '../../src/storage/location.js';

describe('the usage database location', () => {
  it('is PostgreSQL for postgres:// and postgresql:// URLs, SQLite for anything else', () => {
    expect(isPostgresUrl('postgres://u:p@db.internal:5432/ekai')).toBe(true);
    expect(isPostgresUrl('postgresql://db/ekai?sslmode=require')).toBe(true);
    expect(isPostgresUrl('PostgreSQL://db/ekai')).toBe(true);
    expect(isPostgresUrl('/home/me/.ekai/usage.db')).toBe(false);
    expect(isPostgresUrl(':memory:')).toBe(false);
    expect(isPostgresUrl('postgres.db')).toBe(false);
  });

  it('is shown without its password', () => {
    expect(describeLocation('postgres://ekai:s3cret@db:5432/ekai')).toBe('postgres://ekai:***@db:5432/ekai');
    expect(describeLocation('postgresql://db/ekai?user=ekai&password=s3cret')).toBe(
      'postgresql://db/ekai?user=ekai&password=***',
    );
    expect(describeLocation('postgres://db/ekai')).toBe('postgres://db/ekai');
    expect(describeLocation('/tmp/usage.db')).toBe('/tmp/usage.db');
  });

  it('a URL in the config file, the environment or a flag is kept as written, not made a path', async () => {
    const url = 'postgres://ekai:pw@127.0.0.1:5432/ekai';
    const empty = mkdtempSync(join(tmpdir(), 'ekai-location-'));
    const withFile = mkdtempSync(join(tmpdir(), 'ekai-location-'));
    writeFileSync(join(withFile, '.ekairc.yaml'), `db: ${url}\n`);
    expect((await loadConfig({ cwd: withFile, env: {} })).db).toBe(url);
    expect((await loadConfig({ cwd: empty, env: { EKAI_DB: url } })).db).toBe(url);
    expect((await loadConfig({ cwd: empty, env: {}, flags: { db: ` ${url}` } })).db).toBe(url);
    expect((await loadConfig({ cwd: empty, env: { EKAI_DB: 'relative.db' } })).db).toBe(
      join(empty, 'relative.db'),
    );
  });
});
