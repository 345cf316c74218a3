import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { freshPostgresDatabase, withClient } from '../support/postgres.js';

/** What the conformance suite needs to know about a backend beyond the store's own interface. */
export interface BackendUnderTest {
  name: string;
  /** A new, empty database: its location for openUsageStore. */
  fresh(): Promise<string>;
  /** Make every write to the database fail until the returned function is called. */
  blockWrites(location: string): Promise<() => Promise<void>>;
  /** The last migration recorded in the database. */
  schemaVersion(location: string): Promise<number>;
  /** Run one SQL statement on the database directly (around the store); resolves to its rows. */
  sql(location: string, statement: string): Promise<unknown[]>;
}

export const sqlite: BackendUnderTest = {
  name: 'SQLite',
  // A file, not ':memory:': the concurrency cases open two stores on one database.
  fresh: async () => join(mkdtempSync(join(tmpdir(), 'ekai-conformance-')), 'usage.db'),
  async blockWrites(location) {
    const db = new Database(location);
    db.exec(
      "CREATE TRIGGER test_block BEFORE INSERT ON requests BEGIN SELECT RAISE(ABORT, 'writes blocked by the test'); END",
    );
    return async () => {
      db.exec('DROP TRIGGER test_block');
      db.close();
    };
  },
  async schemaVersion(location) {
    const db = new Database(location, { readonly: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    db.close();
    return version;
  },
  async sql(location, statement) {
    const db = new Database(location);
    try {
      const prepared = db.prepare(statement);
      if (prepared.reader) return prepared.all();
      prepared.run();
      return [];
    } finally {
      db.close();
    }
  },
};

export const postgres: BackendUnderTest = {
  name: 'PostgreSQL',
  fresh: freshPostgresDatabase,
  async blockWrites(location) {
    // NOT VALID: existing rows are not checked, every new one is refused.
    await withClient(location, (client) =>
      client.query('ALTER TABLE requests ADD CONSTRAINT test_block CHECK (false) NOT VALID'),
    );
    return async () => {
      await withClient(location, (client) => client.query('ALTER TABLE requests DROP CONSTRAINT test_block'));
    };
  },
  schemaVersion: (location) =>
    withClient(location, async (client) => {
      const { rows } = await client.query<{ version: number }>(
        'SELECT MAX(version) AS version FROM ekai_migrations',
      );
      return rows[0]?.version ?? 0;
    }),
  sql: (location, statement) => withClient(location, async (client) => (await client.query(statement)).rows),
};
