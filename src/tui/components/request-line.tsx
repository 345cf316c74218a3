import { Text } from 'ink';
import { formatCount, formatLatency, formatUsd } from '../format-usage.js';
import { padCell } from './table.js';

/** One finished request as a log line shows it; both `ekai stats` and the live view of `ekai serve` map to this. */
export interface RequestLineData {
  /** Already formatted: "14:03:12" in the live log; "13:58", "Mon 22:40" or "Jun 2" in `ekai stats`. */
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
  /** Why an error row failed, shown after its provider in place of the (empty) token and cost columns. */
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
 * `fit` narrows the time and provider columns to the longest value when the rows are known up front.
 */
export function requestLayout(width: number, fit: { time?: number; provider?: number } = {}): RequestLayout {
  const roomy = width >= 100;
  const gap = roomy ? 2 : 1;
  const client = roomy ? 13 : 10;
  const time = fit.time ?? 8;
  const fixed = time + 4 + client + 5 + 5 + 8 + 5;
  const flexible = Math.max(16, width - fixed - 8 * gap);
  // Model names matter more than provider names, which are short unless a fallback chain needs room.
  const share = Math.round(flexible * 0.45);
  const provider = Math.max(8, Math.min(fit.provider ?? share, share, 24));
  const model = Math.min(40, flexible - provider);
  return { gap, time, status: 4, client, model, provider, tokens: 5, cost: 8, latency: 5 };
}

/** A fallback chain too long for its column keeps its end: "…→openrouter" says who served. */
function fitChain(provider: string, width: number): string {
  if (provider.length <= width || !provider.includes('→')) return provider;
  return `…→${provider.slice(provider.lastIndexOf('→') + 1)}`;
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
    padCell('TOOK', layout.latency, 'right'),
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
  // A failed request has no tokens or cost worth showing; its reason, when known, takes their place
  // and the provider column's, prefixed by the provider that failed.
  const reason = line.outcome === 'error' ? line.reason : undefined;
  const reasonWidth = layout.provider + layout.tokens * 2 + layout.cost + layout.gap * 3;
  return (
    <Text>
      <Text dimColor>{padCell(line.time, layout.time) + gap}</Text>
      <Text color={statusColor(line)}>{padCell(String(line.status), layout.status) + gap}</Text>
      <Text>{padCell(line.client, layout.client) + gap}</Text>
      <Text bold>{padCell(line.model, layout.model) + gap}</Text>
      {reason ? (
        <Text color="red">
          {padCell(`${fitChain(line.provider, layout.provider)}: ${reason}`, reasonWidth) + gap}
        </Text>
      ) : (
        <Text>
          <Text color={line.provider.includes('→') ? 'yellow' : undefined}>
            {padCell(fitChain(line.provider, layout.provider), layout.provider) + gap}
          </Text>
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
