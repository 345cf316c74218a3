import { Box, Text } from 'ink';
import { formatDayTime } from '../format-time.js';

/** "ekai stats  last 7 days  Jun 11 14:05 → Jun 18 14:05" with "● live" at the right edge. */
export function StatsHeader({
  label,
  since,
  until,
  live,
  columns,
}: {
  label: string;
  since: string;
  until: string;
  live: boolean;
  columns: number;
}) {
  const window = `${formatDayTime(new Date(since))} → ${formatDayTime(new Date(until))}`;
  return (
    <Box width={columns} justifyContent="space-between">
      <Text wrap="truncate-end">
        <Text bold>ekai stats</Text>
        {'  '}
        <Text color="cyan">{label}</Text>
        {'  '}
        <Text dimColor>{window}</Text>
      </Text>
      {live ? <Text color="green"> ● live</Text> : null}
    </Box>
  );
}
