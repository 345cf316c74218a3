import { openUsageStore } from '../../storage/index.js';
import type { StatsSource } from '../../tui/stats/index.js';

/**
 * What `ekai stats` reads: the usage store (SQLite file or PostgreSQL URL), opened beside running
 * gateways. Only its reader is used; "changed" is SQLite's data_version, or PostgreSQL's
 * notifications, which move whenever a gateway commits.
 */
export async function statsSourceFor(location: string): Promise<StatsSource> {
  const store = await openUsageStore(location);
  return {
    summary: (range) => store.reader.summary(range),
    changed: () => store.reader.changed(),
    close: () => store.close(),
  };
}
