import { openDatabase } from '../../storage/database.js';
import { UsageReader } from '../../storage/usage-reader.js';
import type { StatsSource } from '../../tui/stats/index.js';

/**
 * What `ekai stats` reads: the usage database, opened beside a running gateway (WAL lets both
 * work). "Changed" is SQLite's data_version, which moves whenever another connection commits.
 */
export function statsSourceFor(path: string): StatsSource {
  const db = openDatabase(path);
  const reader = new UsageReader(db);
  let seen = reader.dataVersion();
  return {
    summary: (range) => reader.summary(range),
    changed() {
      const now = reader.dataVersion();
      const changed = now !== seen;
      seen = now;
      return changed;
    },
    close: () => db.close(),
  };
}
