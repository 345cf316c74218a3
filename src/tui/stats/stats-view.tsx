import { Box, Text } from 'ink';
import type { UsageSummary } from '../../storage/summary.js';
import { EmptyState } from './empty-state.js';
import { fitToRows } from './fit-to-rows.js';
import { KeyFooter } from './key-footer.js';
import { RecentRequests } from './recent-requests.js';
import { SpendChart } from './spend-chart.js';
import { StatsHeader } from './stats-header.js';
import { TotalsPanel } from './totals-panel.js';
import type { UsageRange } from './types.js';
import { nameColumnWidth, UsageTable } from './usage-table.js';

export const DEFAULT_PROXY_URL = 'http://127.0.0.1:3001';

export interface StatsViewProps {
  summary: UsageSummary;
  range: UsageRange;
  /** Terminal width; everything fits in it (80 and up). */
  columns: number;
  /** Terminal height when known: lists are trimmed to fit so that updates do not flicker. */
  rows?: number | undefined;
  /** Refreshing as the gateway writes: shows the live mark and the keys. */
  live?: boolean;
  /** The last reload failed; the data shown is from before. */
  error?: string | undefined;
  /** Where clients should point, for the empty state. */
  proxyUrl?: string;
}

/** `ekai stats`: the usage of one range, as a pure function of the summary. */
export function StatsView({
  summary,
  range,
  columns,
  rows,
  live = false,
  error,
  proxyUrl = DEFAULT_PROXY_URL,
}: StatsViewProps) {
  const empty = summary.totals.requests === 0;
  const plan = fitToRows({
    rows,
    fixedLines: 1 + (error ? 1 : 0) + 4 + 2 + summary.by_provider.length + (live ? 2 : 0),
    modelCount: summary.by_model.length,
    recentCount: summary.recent.length,
    hasChart: summary.by_time.length > 0,
  });
  const providers = summary.by_provider.map((usage) => ({ ...usage, name: usage.provider }));
  const models = summary.by_model.map((usage) => ({ ...usage, name: usage.model }));
  const nameWidth = nameColumnWidth(
    [...providers, ...models].map((row) => row.name),
    columns,
  );
  return (
    <Box flexDirection="column" width={columns}>
      <StatsHeader
        label={range.label}
        since={summary.since}
        until={summary.until}
        live={live}
        columns={columns}
      />
      {error ? <Text color="red" wrap="truncate-end">{`could not refresh: ${error}`}</Text> : null}
      {empty ? (
        <Box marginTop={1}>
          <EmptyState label={range.label} proxyUrl={proxyUrl} columns={columns} />
        </Box>
      ) : (
        <>
          <Box marginTop={1}>
            <TotalsPanel totals={summary.totals} />
          </Box>
          {plan.chart ? (
            <Box marginTop={1}>
              <SpendChart buckets={summary.by_time} unit={summary.bucket} columns={columns} />
            </Box>
          ) : null}
          <Box marginTop={1}>
            <UsageTable title="PROVIDER" rows={providers} columns={columns} nameWidth={nameWidth} />
          </Box>
          {plan.models > 0 ? (
            <Box marginTop={1}>
              <UsageTable
                title="MODEL"
                rows={models}
                columns={columns}
                nameWidth={nameWidth}
                limit={plan.models}
              />
            </Box>
          ) : null}
          {plan.recent > 0 ? (
            <Box marginTop={1}>
              <RecentRequests
                requests={summary.recent.slice(0, plan.recent)}
                until={summary.until}
                columns={columns}
              />
            </Box>
          ) : null}
        </>
      )}
      {live ? (
        <Box marginTop={1}>
          <KeyFooter label={range.label} />
        </Box>
      ) : null}
    </Box>
  );
}
