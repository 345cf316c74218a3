import { Box, Text } from 'ink';
import type { RecentRequest } from '../../storage/summary.js';
import {
  RequestHeader,
  RequestLine,
  type RequestLineData,
  requestLayout,
} from '../components/request-line.js';
import { formatDay, formatHourMinute, formatWeekdayTime, isSameDay } from '../format-time.js';
import { providerChain } from '../format-usage.js';

// Six days, so that a weekday name never means two dates.
const SIX_DAYS_MS = 6 * 24 * 3_600_000;

/** "13:58" on the day the range ends, "Mon 22:40" within the week before, else "Jun 2": short, unambiguous. */
function when(at: Date, until: Date): string {
  if (isSameDay(at, until)) return formatHourMinute(at);
  if (until.getTime() - at.getTime() < SIX_DAYS_MS) return formatWeekdayTime(at);
  return formatDay(at);
}

/** A stored request as a log line. */
export function recentLine(request: RecentRequest, until: Date): RequestLineData {
  return {
    time: when(new Date(request.ts), until),
    status: request.status,
    outcome: request.outcome,
    client: request.client_name ?? request.client_dialect,
    model: request.model,
    provider: providerChain(request.attempts, request.provider),
    inputTokens: request.input_tokens + request.cache_read_tokens + request.cache_write_tokens,
    outputTokens: request.output_tokens,
    costUsd: request.cost_usd,
    latencyMs: request.latency_ms,
  };
}

/** The newest requests of the range, one line each. */
export function RecentRequests({
  requests,
  until,
  columns,
}: {
  requests: readonly RecentRequest[];
  until: string;
  columns: number;
}) {
  const end = new Date(until);
  const lines = requests.map((request) => ({ id: request.id, line: recentLine(request, end) }));
  const layout = requestLayout(columns, {
    time: Math.max(4, ...lines.map(({ line }) => line.time.length)),
    provider: Math.max(...lines.map(({ line }) => line.provider.length)),
  });
  return (
    <Box flexDirection="column">
      <Text bold>RECENT REQUESTS</Text>
      <RequestHeader layout={layout} />
      {lines.map(({ id, line }) => (
        <RequestLine key={id} line={line} layout={layout} />
      ))}
    </Box>
  );
}
