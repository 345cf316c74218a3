import type { UsageSummary } from '../../storage/summary.js';

/** The window a summary covers: from `since` to `until` (now when absent). */
export interface UsageRange {
  since: Date;
  until?: Date;
  /** How the window reads in a header: "last 7 days", "since 2025-06-01". */
  label: string;
}

/** Where `ekai stats` reads usage from: the SQLite store, or a fake in tests. */
export interface StatsSource {
  summary(range: UsageRange): UsageSummary;
  /** Cheap check for writes since the last call (SQLite's data_version), polled while the view is open. */
  changed(): boolean;
  close(): void;
}
