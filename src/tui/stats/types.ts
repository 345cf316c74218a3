import type { UsageRange } from '../../storage/range.js';
import type { UsageSummary } from '../../storage/summary.js';

export type { UsageRange } from '../../storage/range.js';

/** Where `ekai stats` reads usage from: the SQLite store, or a fake in tests. */
export interface StatsSource {
  summary(range: UsageRange): UsageSummary;
  /** Cheap check for writes since the last call (SQLite's data_version), polled while the view is open. */
  changed(): boolean;
  close(): void;
}
