/** The shapes the API sends, from the server's own declarations, so page and server cannot drift. */
export type {
  ModelUsage,
  ProviderUsage,
  TimeBucket,
  UsageSummary,
  UsageTotals,
} from '../src/storage/summary.js';
export type { RequestRow, RequestsPage } from '../src/web/api-types.js';
