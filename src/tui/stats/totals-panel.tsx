import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { UsageTotals } from '../../storage/summary.js';
import { formatCount, formatInteger, formatUsd, plural } from '../format-usage.js';

const LABEL_WIDTH = 10;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Text>
      <Text dimColor>{label.padEnd(LABEL_WIDTH)}</Text>
      {children}
    </Text>
  );
}

/**
 * Spend, requests and tokens for the range. Unpriced requests are called out, and a spend made only
 * of unknown prices reads "unknown": a missing price is never shown as $0.
 */
export function TotalsPanel({ totals }: { totals: UsageTotals }) {
  const unpriced = totals.unpriced_requests;
  // "in" is the whole prompt (SPEC §8: input excludes cache reads and writes); the cache is a part of it.
  const prompt = totals.input_tokens + totals.cache_read_tokens + totals.cache_write_tokens;
  const failures = [
    ...(totals.errors > 0 ? [plural(totals.errors, 'error')] : []),
    ...(totals.aborted > 0 ? [`${totals.aborted} aborted`] : []),
  ];
  return (
    <Box flexDirection="column">
      <Row label="Spend">
        {totals.cost_usd === null ? (
          <Text color="yellow" bold>
            unknown
          </Text>
        ) : (
          <Text bold>{formatUsd(totals.cost_usd)}</Text>
        )}
        {unpriced > 0 ? <Text color="yellow">{`  +${unpriced} unpriced (no known price)`}</Text> : null}
      </Row>
      <Row label="Requests">
        <Text bold>{formatInteger(totals.requests)}</Text>
        {failures.length > 0 ? <Text color="red">{`  ${failures.join(', ')}`}</Text> : null}
      </Row>
      <Row label="Tokens">
        {`in ${formatCount(prompt)}  `}
        <Text dimColor>
          {`(cache read ${formatCount(totals.cache_read_tokens)}, write ${formatCount(totals.cache_write_tokens)})`}
        </Text>
        {`  out ${formatCount(totals.output_tokens)}`}
      </Row>
    </Box>
  );
}
