import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL server the tests may use: `EKAI_TEST_POSTGRES_URL` (a role allowed to create
 * databases; `.ci/postgres.sh start` makes one and prints its URL). Absent, the PostgreSQL tests
 * are skipped with a note; with `EKAI_REQUIRE_POSTGRES` set (CI), absent is an error instead.
 */
export const POSTGRES_URL = process.env.EKAI_TEST_POSTGRES_URL || undefined;

if (!POSTGRES_URL && process.env.EKAI_REQUIRE_POSTGRES) {
  throw new Error(
    'EKAI_REQUIRE_POSTGRES is set but EKAI_TEST_POSTGRES_URL is not: run .ci/postgres.sh start',
  );
}

export function notePostgresSkipped(what: string): void {
  if (!POSTGRES_URL) {
    console.warn(
      `skipping ${what} on PostgreSQL: EKAI_TEST_POSTGRES_URL is not set (export EKAI_TEST_POSTGRES_URL=$(.ci/postgres.sh start))`,
    );
  }
}

const created: string[] = [];

/** A new, empty database on the test server; its URL. Dropped by `dropTestDatabases`. */
export async function freshPostgresDatabase(): Promise<string> {
  if (!POSTGRES_URL) throw new Error('EKAI_TEST_POSTGRES_URL is not set');
  const name = `ekai_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  created.push(name);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops every database `freshPostgresDatabase` made (closing what still uses them). */
export async function dropTestDatabases(): Promise<void> {
  const names = created.splice(0);
  if (names.length === 0) return;
  await withAdmin(async (client) => {
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
}

/** Runs `work` on its own connection to `url` (the test server's own database by default). */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClient(POSTGRES_URL as string, work);
}
