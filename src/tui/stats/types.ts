import type { UsageRange } from '../../storage/range.js';
import type { UsageSummary } from '../../storage/summary.js';

export type { UsageRange } from '../../storage/range.js';

/** Where `ekai stats` reads usage from: the usage store (SQLite or PostgreSQL), or a fake in tests. */
export interface StatsSource {
  summary(range: UsageRange): Promise<UsageSummary>;
  /** Cheap check for writes since the last call, polled while the view is open. */
  changed(): Promise<boolean>;
  close(): void | Promise<void>;
}
