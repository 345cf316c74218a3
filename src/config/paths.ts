import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** `~/x` → home-relative; relative paths resolve against `base` (the config file's folder or the cwd). */
export function resolveUserPath(path: string, base: string): string {
  if (path === ':memory:') return path;
  if (path === '~') return homedir();
  if (path.startsWith('~/')) return join(homedir(), path.slice(2));
  return isAbsolute(path) ? path : resolve(base, path);
}

/**
 * `db:` names a PostgreSQL database when it is a postgres:// or postgresql:// URL, else a SQLite
 * file. Here, not in storage/, because reading the setting needs it too (config imports no storage).
 */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location.trim());
}

/** The usage database: a PostgreSQL URL as is (trimmed), a SQLite file as a path. */
export function resolveDbLocation(location: string, base: string): string {
  return isPostgresUrl(location) ? location.trim() : resolveUserPath(location, base);
}
