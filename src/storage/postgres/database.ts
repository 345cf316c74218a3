import pg from 'pg';
import { POSTGRES_MIGRATIONS } from './migrations.js';

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

/** The channel every committed batch notifies, so live views (`ekai stats`) know to reload. */
export const CHANGES_CHANNEL = 'ekai_usage';

/** Any constant: serialises migrations between gateways that start at the same time. */
const MIGRATION_LOCK = 0x656b6169;

/**
 * int8 (BIGINT columns, COUNT) as JS numbers, not strings: epoch ms, token counts and their sums
 * stay far below 2^53. Sums are cast back to BIGINT in SQL, so NUMERIC never reaches JS.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Connection settings for `url`. Every wait is bounded, so a vanished server fails a batch (retried), never hangs it. */
export function connectionConfig(url: string): pg.ClientConfig {
  return {
    connectionString: url,
    types,
    application_name: 'ekai',
    connectionTimeoutMillis: 10_000,
    query_timeout: 30_000,
    keepAlive: true,
  };
}

/** A small pool: one batch is written at a time, and summaries take one connection each. */
export function createPool(url: string): PgPool {
  const pool = new pg.Pool({ ...connectionConfig(url), max: 4, idleTimeoutMillis: 30_000 });
  // An idle connection that breaks (server restart) is dropped by the pool and replaced on demand;
  // without a listener the error would end the process.
  pool.on('error', () => {});
  return pool;
}

/** Runs `work` in one transaction on one connection; a connection that failed is not reused. */
export async function inTransaction<T>(
  pool: PgPool,
  work: (client: PgClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  // The pool listens for errors on idle connections only: one that breaks while checked out but
  // between two queries (a server restart, pg_terminate_backend) emits 'error' outside any query,
  // which without a listener ends the process. The next query fails and reports it instead.
  const broken = () => {};
  client.on('error', broken);
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    client.off('error', broken);
    client.release();
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    client.off('error', broken);
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}

/**
 * Applies the migrations not yet recorded in `ekai_migrations`, one transaction each. The advisory
 * lock makes gateways starting together take turns: the first migrates, the others find it done.
 */
export async function migrate(pool: PgPool): Promise<void> {
  for (const migration of POSTGRES_MIGRATIONS) {
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(
        'CREATE TABLE IF NOT EXISTS ekai_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
      );
      const { rows } = await client.query<{ version: number }>(
        'SELECT COALESCE(MAX(version), 0) AS version FROM ekai_migrations',
      );
      if (migration.version <= (rows[0]?.version ?? 0)) return;
      await client.query(migration.sql);
      await client.query('INSERT INTO ekai_migrations (version) VALUES ($1)', [migration.version]);
    });
  }
}
