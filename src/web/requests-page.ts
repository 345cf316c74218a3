import type { UsageReader, UsageRecordRow } from '../storage/usage-reader.js';
import type { RequestsPage } from './api-types.js';
import { rowFromRecord } from './rows.js';

const FIRST_WINDOW_MS = 3_600_000;

/**
 * The newest `limit` requests in [since, before), newest first. The reader only iterates records
 * oldest first, so this looks back through windows that double in length (1 h, 2 h, 4 h, …) until
 * one holds enough: a busy gateway reads about one page of rows, a quiet one a handful of indexed
 * range scans. A page never splits one millisecond: requests sharing the oldest timestamp all come
 * with it, so `before = that timestamp` continues without gaps or repeats.
 */
export async function requestsPage(
  reader: UsageReader,
  { since, before, limit }: { since: number; before: number; limit: number },
): Promise<RequestsPage> {
  // The loop ends when the window reaches `since`: with a NaN or infinite bound it never would.
  if (!Number.isFinite(since) || !Number.isFinite(before)) {
    throw new RangeError(`requests page needs finite bounds (since ${since}, before ${before})`);
  }
  let windowMs = FIRST_WINDOW_MS;
  for (;;) {
    const start = Math.max(since, before - windowMs);
    const rows = await newestRecords(reader, start, before, limit);
    if (rows.length >= limit || start <= since) {
      const page = rows.length > limit ? cutAtLimit(rows, limit) : rows;
      const complete = start <= since && page.length === rows.length;
      const oldest = page.at(-1);
      return {
        requests: page.map(rowFromRecord),
        next_before: complete || !oldest ? null : new Date(oldest.ts).toISOString(),
      };
    }
    windowMs *= 2;
  }
}

/** Newest first; keeps at most a few pages in memory however many records the window holds. */
async function newestRecords(
  reader: UsageReader,
  since: number,
  until: number,
  limit: number,
): Promise<UsageRecordRow[]> {
  let kept: UsageRecordRow[] = [];
  for await (const record of reader.records({ since: new Date(since), until: new Date(until), label: '' })) {
    kept.push(record);
    if (kept.length > 4 * limit) kept = kept.slice(-2 * limit);
  }
  return kept.reverse();
}

/** The first `limit` rows, plus any that share the last one's timestamp. */
function cutAtLimit(rows: UsageRecordRow[], limit: number): UsageRecordRow[] {
  let end = limit;
  const lastTs = rows[limit - 1]?.ts;
  while (end < rows.length && rows[end]?.ts === lastTs) end++;
  return rows.slice(0, end);
}
