import { Box, Text } from 'ink';
import type { UsageTotals } from '../../storage/summary.js';
import { formatCount, formatUsd, plural } from '../format-usage.js';

/** The sticky bottom of `ekai serve`: totals since start, redrawn in place as requests finish. */
export function LiveFooter({
  totals,
  proxyUrl,
  columns,
  setAside = 0,
}: {
  totals: UsageTotals;
  proxyUrl: string;
  columns: number;
  /** Usage records the database refused, kept in its usage_dead_letter table. */
  setAside?: number;
}) {
  const prompt = totals.input_tokens + totals.cache_read_tokens + totals.cache_write_tokens;
  return (
    <Box flexDirection="column" width={columns}>
      <Text dimColor>{'─'.repeat(columns)}</Text>
      <Text wrap="truncate-end">
        <Text bold>{plural(totals.requests, 'request')}</Text>
        {totals.errors > 0 ? <Text color="red">{`  ${plural(totals.errors, 'error')}`}</Text> : null}
        {totals.aborted > 0 ? <Text color="yellow">{`  ${totals.aborted} aborted`}</Text> : null}
        {`  in ${formatCount(prompt)}  out ${formatCount(totals.output_tokens)}  `}
        {totals.cost_usd === null && totals.unpriced_requests > 0 ? (
          <Text color="yellow">spend unknown</Text>
        ) : (
          <Text bold>{formatUsd(totals.cost_usd ?? 0)}</Text>
        )}
        {totals.unpriced_requests > 0 && totals.cost_usd !== null ? (
          <Text color="yellow">{` +${totals.unpriced_requests} unpriced`}</Text>
        ) : null}
        <Text dimColor>{'  since start'}</Text>
      </Text>
      {setAside > 0 ? (
        <Text color="red" wrap="truncate-end">
          {`${plural(setAside, 'usage record')} refused by the database, kept in usage_dead_letter`}
        </Text>
      ) : null}
      <Text dimColor wrap="truncate-end">{`${proxyUrl} · Ctrl-C to stop`}</Text>
    </Box>
  );
}
