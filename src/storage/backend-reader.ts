import { currentFormatName } from '../wire.js';
import type { UsageRange } from './range.js';
import { type Bounds, boundsOf, foldSummary, type HourPlan, hourPlan, RECENT_LIMIT } from './summary-fold.js';
import type { HourlySums, UsageReader, UsageRecordRow } from './usage-reader.js';

/** Where a record stands in write order: its timestamp, then the backend's insertion sequence. */
export interface RecordCursor {
  ts: number;
  seq: number;
}

export type PagedRow = UsageRecordRow & { seq: number };

/** The few queries a backend answers; the folding into summaries is shared (summary-fold.ts). */
export interface ReaderBackend {
  /**
   * In one consistent read: the sums `plan` names (usage_hourly rows for its whole hours, the same
   * computed from the records for its spans) and the newest `recentLimit` records, newest first.
   */
  read(
    plan: HourPlan,
    bounds: Bounds,
    recentLimit: number,
  ): Promise<{ sums: HourlySums[]; recent: UsageRecordRow[] }>;
  /** Up to `limit` records of the bounds after `after` (oldest first: ts, then write order). */
  page(bounds: Bounds, after: RecordCursor | undefined, limit: number): Promise<PagedRow[]>;
  /** Whether anything was written since the last call. */
  changed(): Promise<boolean>;
}

const PAGE_SIZE = 1000;

/** A UsageReader over a backend's queries. */
export function readerOver(backend: ReaderBackend): UsageReader {
  return {
    async summary(range: UsageRange, now = Date.now()) {
      const bounds = boundsOf(range, now);
      const { sums, recent } = await backend.read(hourPlan(bounds), bounds, RECENT_LIMIT);
      return foldSummary(bounds, now, sums, recent.map(inCurrentVocabulary));
    },
    // The bounds are fixed now, when asked, not when the first page is read.
    records: (range: UsageRange, now = Date.now()) => pages(backend, boundsOf(range, now)),
    changed: () => backend.changed(),
  };
}

/**
 * A record as written, in today's names: rows written before the wire formats had one vocabulary
 * say `openai` / `anthropic` in `client_dialect`, read back as `chat` / `messages` (no migration:
 * the stored value stays, every reader sees the new one).
 */
export function inCurrentVocabulary<Row extends UsageRecordRow>(row: Row): Row {
  const format = currentFormatName(row.client_dialect);
  return format === row.client_dialect ? row : { ...row, client_dialect: format };
}

/** Keyset pagination: each page is a short indexed query, so nothing stays open between pages. */
async function* pages(backend: ReaderBackend, bounds: Bounds): AsyncGenerator<UsageRecordRow> {
  let after: RecordCursor | undefined;
  for (;;) {
    const rows = await backend.page(bounds, after, PAGE_SIZE);
    for (const { seq: _seq, ...row } of rows) yield inCurrentVocabulary(row);
    const last = rows.at(-1);
    if (!last || rows.length < PAGE_SIZE) return;
    after = { ts: last.ts, seq: last.seq };
  }
}
