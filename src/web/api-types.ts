import type { RecentRequest } from '../storage/summary.js';

/**
 * What the dashboard API sends besides the `/usage` body. Kept free of server imports: the page's
 * type check (web/tsconfig.json) reads this file too, so page and server agree on the shapes.
 */

/**
 * One request as the page shows it: the `recent` row of `/usage`, whether it comes from the
 * database (a page of requests) or live from the event stream, so the page has one renderer.
 * Deliberately without error text, warnings or tags: the table shows what happened, not content.
 */
export type RequestRow = RecentRequest;

/** `GET /api/requests`. */
export interface RequestsPage {
  /** Newest first. */
  requests: RequestRow[];
  /** Pass as `before` for the next (older) page; null when this page reached the start of the range. */
  next_before: string | null;
}
