import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

/**
 * Waiting for another process's lock blocks the event loop (better-sqlite3 is synchronous): at the
 * start, while migrating, that is fine; afterwards a batch meeting a lock held elsewhere must fail
 * fast and be retried on the writer's timer, or every request would freeze with it (5 s of every 6
 * with a 5 s timeout).
 */
const OPENING_BUSY_TIMEOUT_MS = 5000;
const RUNNING_BUSY_TIMEOUT_MS = 25;

/**
 * Open (creating the folder and file on demand) and migrate the usage database. WAL lets `ekai
 * stats` and the dashboard read while the gateway writes; `synchronous = NORMAL` is durable
 * against process crashes (WAL) and loses at most the last commits on power loss; a short busy
 * timeout lets several processes share the file without blocking the event loop.
 */
export function openDatabase(path: string, options: { readonly?: boolean } = {}): Db {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  db.pragma(`busy_timeout = ${OPENING_BUSY_TIMEOUT_MS}`);
  if (!options.readonly) {
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      migrate(db);
      probeWrite(db);
    } catch (error) {
      if (!CANNOT_WRITE.test(String((error as { code?: unknown }).code))) throw error;
      db.close();
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `usage database ${path} cannot be written (${reason}): check its permissions, or choose another with --db`,
      );
    }
  }
  db.pragma(`busy_timeout = ${RUNNING_BUSY_TIMEOUT_MS}`);
  return db;
}

/**
 * A database SQLite could only open read-only (a file or folder without write permission) would
 * accept the gateway and then lose every record: it is refused at the start, in one line.
 */
const CANNOT_WRITE = /^SQLITE_(READONLY|PERM|CANTOPEN|AUTH)/;

/** Rewrites the schema version with its own value: the smallest real write. */
function probeWrite(db: Db): void {
  try {
    db.pragma(`user_version = ${db.pragma('user_version', { simple: true }) as number}`);
  } catch (error) {
    // Locked by another process is writable, just busy now: the writer retries on its timer.
    if (!String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')) throw error;
  }
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
