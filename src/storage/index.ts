import { isPostgresUrl } from './location.js';
import { openSqliteStore } from './sqlite-store.js';
import type { StoreOptions, UsageStore } from './store.js';

export type { UsageEvent, UsageRecorder } from '../usage/event.js';
export { describeLocation, isPostgresUrl } from './location.js';
export type { UsageRange } from './range.js';
export { DEFAULT_RANGE, InvalidRangeError, parseRange } from './range.js';
export type { StoreOptions, UsageStore } from './store.js';
export type { UsageSummary } from './summary.js';
export type { UsageReader, UsageRecordRow } from './usage-reader.js';
export { UsageWriter } from './usage-writer.js';

/**
 * Open (creating and migrating as needed) the usage store at `location`: a postgres:// or
 * postgresql:// URL is a PostgreSQL database, anything else a SQLite file (or ':memory:').
 * Rejects with a readable message when the database cannot be reached.
 */
export async function openUsageStore(location: string, options: StoreOptions = {}): Promise<UsageStore> {
  if (!isPostgresUrl(location)) return openSqliteStore(location, options);
  // Loaded on demand: SQLite users do not pay for the PostgreSQL client.
  const { openPostgresStore } = await import('./postgres/store.js');
  return openPostgresStore(location, options);
}
