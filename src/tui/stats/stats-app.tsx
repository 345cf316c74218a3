import { Box, Text, useApp, useInput, useStdin } from 'ink';
import { useState } from 'react';
import { parseRange } from '../../storage/range.js';
import type { UsageSummary } from '../../storage/summary.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useUsage } from './hooks/use-usage.js';
import { RANGE_KEYS } from './range-keys.js';
import { StatsView } from './stats-view.js';
import type { StatsSource, UsageRange } from './types.js';

export interface StatsAppProps {
  source: Pick<StatsSource, 'summary' | 'changed'>;
  initialRange: UsageRange;
  /** The summary of `initialRange`, already loaded: the first frame shows it instead of "loading". */
  initialSummary?: UsageSummary;
  /** How often to ask the source whether the database changed. */
  intervalMs?: number;
  proxyUrl?: string;
}

/** The interactive `ekai stats`: live data, `1`/`2`/`3` (or `d`/`w`/`m`) to switch range, `q` to quit. */
export function StatsApp({ source, initialRange, initialSummary, intervalMs, proxyUrl }: StatsAppProps) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const { columns, rows } = useTerminalSize();
  const [range, setRange] = useState(initialRange);
  const usage = useUsage({
    range,
    load: (wanted) => source.summary(wanted),
    changed: () => source.changed(),
    initial: initialSummary,
    intervalMs,
  });

  useInput(
    (input, key) => {
      if (input === 'q' || key.escape) {
        exit();
        return;
      }
      const preset = RANGE_KEYS[input];
      // A fresh range even for the key on show: pressing it again moves the window up to now.
      if (preset) setRange(parseRange(preset));
    },
    // Without a terminal on stdin there are no keys to read; Ctrl-C still ends the process.
    { isActive: isRawModeSupported },
  );

  if (!usage.summary && !usage.error) return <Text dimColor>loading usage…</Text>;
  if (!usage.summary) {
    return (
      <Box flexDirection="column">
        <Text color="red">{`ekai stats: could not read usage: ${usage.error ?? 'unknown error'}`}</Text>
        <Text dimColor>q to quit</Text>
      </Box>
    );
  }
  return (
    <StatsView
      summary={usage.summary}
      range={usage.range}
      columns={columns}
      rows={rows}
      live
      error={usage.error}
      proxyUrl={proxyUrl}
    />
  );
}
