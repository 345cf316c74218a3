import { Box, Text } from 'ink';
import { horizontalBar } from '../components/bar.js';
import { type Cell, COLUMN_GAP, type Column, Table } from '../components/table.js';
import { formatCount, formatUsd } from '../format-usage.js';

/** A row of the per-provider or per-model table: ProviderUsage and ModelUsage both fit. */
export interface UsageRow {
  name: string;
  requests: number;
  errors: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  cost_usd: number | null;
}

const NUMBERS: readonly Column[] = [
  { header: 'REQS', width: 5, align: 'right' },
  { header: 'ERRS', width: 4, align: 'right' },
  { header: 'IN', width: 6, align: 'right' },
  { header: 'OUT', width: 6, align: 'right' },
  { header: 'CACHED', width: 6, align: 'right' },
  { header: 'COST', width: 8, align: 'right' },
];
const NUMBERS_WIDTH = NUMBERS.reduce((sum, column) => sum + column.width + COLUMN_GAP, 0);
/** "100%" plus a bar of at least a few cells. */
const MIN_SHARE_WIDTH = 10;

/** The name column for `names` in `columns`: as wide as the longest, within what the numbers leave. */
export function nameColumnWidth(names: readonly string[], columns: number): number {
  const longest = Math.max(8, ...names.map((name) => name.length));
  return Math.min(longest, columns - NUMBERS_WIDTH - COLUMN_GAP - MIN_SHARE_WIDTH, 40);
}

/** Most expensive first; unknown costs after known ones; then by request count. */
export function byCostThenRequests(left: UsageRow, right: UsageRow): number {
  return (
    (right.cost_usd ?? -1) - (left.cost_usd ?? -1) ||
    right.requests - left.requests ||
    left.name.localeCompare(right.name)
  );
}

/**
 * Usage grouped by provider or model, with each group's share of the spend as a bar (of the requests
 * when nothing in the range has a known price). Shows the top `limit` rows and counts the rest.
 * IN is the whole prompt; CACHED is the part of it read from the provider's cache.
 */
export function UsageTable({
  title,
  rows,
  columns,
  nameWidth = nameColumnWidth(
    rows.map((row) => row.name),
    columns,
  ),
  limit = rows.length,
}: {
  title: string;
  rows: readonly UsageRow[];
  columns: number;
  /** Pass the same width to tables shown together so that their columns line up. */
  nameWidth?: number;
  limit?: number;
}) {
  const sorted = [...rows].sort(byCostThenRequests);
  const shown = sorted.slice(0, limit);
  const totalCost = rows.reduce((sum, row) => sum + (row.cost_usd ?? 0), 0);
  const totalRequests = rows.reduce((sum, row) => sum + row.requests, 0);
  const bySpend = totalCost > 0;

  const shareWidth = Math.max(4, Math.min(columns - NUMBERS_WIDTH - nameWidth - COLUMN_GAP, 30));
  const layout: Column[] = [
    { header: title, width: nameWidth },
    ...NUMBERS,
    { header: bySpend ? 'SHARE' : 'REQ SHARE', width: shareWidth },
  ];

  const share = (row: UsageRow): Cell => {
    if (bySpend && row.cost_usd === null) return { text: '   ?', color: 'yellow' };
    const fraction = bySpend ? (row.cost_usd ?? 0) / totalCost : row.requests / Math.max(1, totalRequests);
    const percent = `${Math.round(fraction * 100)}%`.padStart(4);
    return { text: `${percent} ${horizontalBar(fraction, shareWidth - 5)}`, color: 'cyan' };
  };

  const tableRows: Cell[][] = shown.map((row) => [
    { text: row.name, bold: true },
    { text: formatCount(row.requests) },
    row.errors > 0 ? { text: formatCount(row.errors), color: 'red' } : { text: '–', dim: true },
    { text: formatCount(row.input_tokens + row.cache_read_tokens + row.cache_write_tokens) },
    { text: formatCount(row.output_tokens) },
    { text: formatCount(row.cache_read_tokens), dim: true },
    row.cost_usd === null ? { text: 'unknown', color: 'yellow' } : { text: formatUsd(row.cost_usd) },
    share(row),
  ]);
  const hidden = sorted.length - shown.length;
  return (
    <Box flexDirection="column">
      <Table columns={layout} rows={tableRows} />
      {hidden > 0 ? <Text dimColor>{`… and ${hidden} more`}</Text> : null}
    </Box>
  );
}
