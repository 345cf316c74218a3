import { Text } from 'ink';
import { formatCount, formatLatency, formatUsd } from '../format-usage.js';
import { padCell } from './table.js';

/** One finished request as a log line shows it; both `ekai stats` and the live view of `ekai serve` map to this. */
export interface RequestLineData {
  /** Already formatted: "14:03:12" or "Jun 12 14:03". */
  time: string;
  status: number;
  outcome: string;
  client: string;
  model: string;
  /** The provider that served, or the fallback chain ("openai→openrouter"). */
  provider: string;
  /** The whole prompt: uncached input plus cache reads and writes. */
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  latencyMs: number;
  /** Why an error row failed, shown instead of its (empty) token and cost columns. */
  reason?: string | null;
}

export interface RequestLayout {
  gap: number;
  time: number;
  status: number;
  client: number;
  model: number;
  provider: number;
  tokens: number;
  cost: number;
  latency: number;
}

/**
 * Column widths for `width` terminal columns. Numbers keep fixed widths (formatCount and friends
 * never exceed them); model and provider share what is left, so wider terminals show longer names.
 */
export function requestLayout(width: number, timeWidth = 8): RequestLayout {
  const roomy = width >= 100;
  const gap = roomy ? 2 : 1;
  const client = roomy ? 13 : 10;
  const fixed = timeWidth + 4 + client + 5 + 5 + 7 + 6;
  const flexible = Math.max(16, width - fixed - 8 * gap);
  const model = Math.min(40, Math.ceil(flexible / 2));
  const provider = Math.min(40, flexible - model);
  return { gap, time: timeWidth, status: 4, client, model, provider, tokens: 5, cost: 7, latency: 6 };
}

export function RequestHeader({ layout }: { layout: RequestLayout }) {
  const cells = [
    padCell('TIME', layout.time),
    padCell('HTTP', layout.status),
    padCell('CLIENT', layout.client),
    padCell('MODEL', layout.model),
    padCell('PROVIDER', layout.provider),
    padCell('IN', layout.tokens, 'right'),
    padCell('OUT', layout.tokens, 'right'),
    padCell('COST', layout.cost, 'right'),
    padCell('TIME', layout.latency, 'right'),
  ];
  return <Text bold>{cells.join(' '.repeat(layout.gap))}</Text>;
}

function statusColor(line: RequestLineData): string {
  if (line.outcome === 'error') return 'red';
  if (line.outcome === 'aborted') return 'yellow';
  return 'green';
}

/** One request on one line, never wider than the layout. */
export function RequestLine({ line, layout }: { line: RequestLineData; layout: RequestLayout }) {
  const gap = ' '.repeat(layout.gap);
  const failed = line.outcome === 'error';
  // An error row has no tokens or cost worth showing; its reason takes their place.
  const reasonWidth = layout.tokens * 2 + layout.cost + layout.gap * 2;
  return (
    <Text>
      <Text dimColor>{padCell(line.time, layout.time) + gap}</Text>
      <Text color={statusColor(line)}>{padCell(String(line.status), layout.status) + gap}</Text>
      <Text>{padCell(line.client, layout.client) + gap}</Text>
      <Text bold>{padCell(line.model, layout.model) + gap}</Text>
      <Text color={line.provider.includes('→') ? 'yellow' : undefined}>
        {padCell(line.provider, layout.provider) + gap}
      </Text>
      {failed ? (
        <Text color="red">{padCell(line.reason ?? 'error', reasonWidth) + gap}</Text>
      ) : (
        <Text>
          {padCell(formatCount(line.inputTokens), layout.tokens, 'right') + gap}
          {padCell(formatCount(line.outputTokens), layout.tokens, 'right') + gap}
          <Text color={line.costUsd === null ? 'yellow' : undefined}>
            {padCell(formatUsd(line.costUsd), layout.cost, 'right') + gap}
          </Text>
        </Text>
      )}
      <Text dimColor>{padCell(formatLatency(line.latencyMs), layout.latency, 'right')}</Text>
    </Text>
  );
}
