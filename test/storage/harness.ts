import { afterAll, afterEach } from 'vitest';
import { openUsageStore, type StoreOptions, type UsageStore } from '../../src/storage/index.js';
import type { UsageRange } from '../../src/storage/range.js';
import type { UsageRecordRow } from '../../src/storage/usage-reader.js';
import { dropTestDatabases } from '../support/postgres.js';

/** Opens stores for one test file; closes them after each test and drops its PostgreSQL databases at the end. */
export function storeHarness() {
  const opened: UsageStore[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close().catch(() => {});
  });
  afterAll(() => dropTestDatabases());
  return async function open(location: string, options: StoreOptions = {}): Promise<UsageStore> {
    const store = await openUsageStore(location, options);
    opened.push(store);
    return store;
  };
}

export function range(since: number, until?: number): UsageRange {
  return {
    since: new Date(since),
    ...(until === undefined ? {} : { until: new Date(until) }),
    label: 'test',
  };
}

export const EVERYTHING = range(0);

export async function allRecords(store: UsageStore, of: UsageRange = EVERYTHING): Promise<UsageRecordRow[]> {
  const rows: UsageRecordRow[] = [];
  for await (const row of store.reader.records(of)) rows.push(row);
  return rows;
}

/** A small deterministic generator, so a failure can be replayed. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}
