import { readerOver } from '../backend-reader.js';
import { describeLocation } from '../location.js';
import { pruneEvery, type StoreOptions, type UsageStore, writerOptions } from '../store.js';
import { UsageWriter } from '../usage-writer.js';
import { ChangeListener } from './changes.js';
import { CHANGES_CHANNEL, createPool, inTransaction, migrate } from './database.js';
import { postgresReaderBackend } from './reader.js';
import { postgresSink } from './writer.js';

/**
 * The PostgreSQL usage store (`db: postgres://…`): a small connection pool for the batched writer
 * and the readers of this process. Several gateways may share the database: record ids are unique
 * and the hourly sums are atomic upserts, so totals stay exact.
 */
export async function openPostgresStore(url: string, options: StoreOptions = {}): Promise<UsageStore> {
  const pool = createPool(url);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`usage database ${describeLocation(url)}: ${message}`);
  }
  const writer = new UsageWriter(postgresSink(pool), writerOptions(url, options));
  const changes = new ChangeListener(url);
  const reader = readerOver(postgresReaderBackend(pool, changes));
  const pruning = pruneEvery(
    options.retentionDays,
    (cutoff) =>
      inTransaction(pool, async (client) => {
        await client.query('DELETE FROM requests WHERE ts < $1', [cutoff]);
        // Hourly sums go with their hour once it is wholly before the cutoff.
        await client.query('DELETE FROM usage_hourly WHERE hour + 3600000 <= $1', [cutoff]);
        await client.query(`NOTIFY ${CHANGES_CHANNEL}`);
      }),
    options.onError,
  );
  await pruning.first;
  return {
    backend: 'postgres',
    writer,
    reader,
    async close() {
      pruning.stop();
      try {
        await writer.close();
      } finally {
        await changes.close();
        await pool.end();
      }
    },
  };
}
