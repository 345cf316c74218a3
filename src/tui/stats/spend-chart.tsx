import { Box, Text } from 'ink';
import type { TimeBucket } from '../../storage/summary.js';
import { formatDay, formatDayTime } from '../format-time.js';
import { formatCount, formatUsd } from '../format-usage.js';
import { mergeToFit, verticalBars } from './bar-chart.js';

const HEIGHT = 4;
/** Widest slot per bucket, so a 7-day chart stays a chart rather than seven slabs. */
const MAX_SLOT = 8;

/**
 * Spend per hour or per day over the range as vertical bars, labelled with the largest bucket and
 * the first and last bucket's time. Falls back to requests when nothing in the range has a price.
 */
export function SpendChart({
  buckets,
  unit,
  columns,
}: {
  buckets: readonly TimeBucket[];
  unit: 'hour' | 'day';
  columns: number;
}) {
  const first = buckets[0];
  const last = buckets.at(-1);
  if (!first || !last) return null;
  const bySpend = buckets.some((bucket) => bucket.cost_usd > 0);
  const raw = buckets.map((bucket) => (bySpend ? bucket.cost_usd : bucket.requests));
  const { values, group } = mergeToFit(raw, columns);
  const slot = Math.max(1, Math.min(MAX_SLOT, Math.floor(columns / values.length)));
  const width = values.length * slot - (slot > 1 ? 1 : 0);
  const max = Math.max(0, ...values);

  const per = group === 1 ? unit : `${group} ${unit}s`;
  const title = `${bySpend ? 'SPEND' : 'REQUESTS'} PER ${per.toUpperCase()}`;
  const maxLabel = `max ${bySpend ? formatUsd(max) : formatCount(max)}/${group === 1 ? unit : `${group}${unit[0]}`}`;
  const label = (bucket: TimeBucket) =>
    unit === 'hour' ? formatDayTime(new Date(bucket.start)) : formatDay(new Date(bucket.start));
  const start = label(first);
  const end = label(last);

  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{title}</Text>
        <Text dimColor>{`  ${maxLabel}`}</Text>
      </Text>
      {verticalBars(values, HEIGHT, slot).map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows of a chart are positional
        <Text key={index} color="cyan">
          {row.trimEnd() || ' '}
        </Text>
      ))}
      <Text dimColor>{'─'.repeat(width)}</Text>
      <Text dimColor>
        {width > start.length + end.length ? start + end.padStart(width - start.length) : start}
      </Text>
    </Box>
  );
}
