import { render, renderToString } from 'ink';
import { InvalidRangeError, parseRange } from '../../storage/range.js';
import { StatsApp, type StatsSource, StatsView, type UsageRange } from '../../tui/stats/index.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../parse-args.js';

export type { StatsSource, UsageRange } from '../../tui/stats/index.js';

export interface StatsOptions {
  json: boolean;
  /** `--since`: 24h, 7d, 30d or an ISO date; 7d when absent. */
  since?: string | undefined;
  /** Where clients should point, for the empty state; http://127.0.0.1:3001 when absent. */
  proxyUrl?: string | undefined;
}

/**
 * `ekai stats` (SPEC §2): `--json` prints the `/usage` body once; without a terminal, one static
 * frame; on a terminal, the live dashboard until `q`. The source is closed in every case.
 * `io.stdin` is for tests; the dashboard reads keys from process.stdin otherwise.
 */
export async function runStats(
  source: StatsSource,
  options: StatsOptions,
  io: CliIo & { stdin?: NodeJS.ReadStream },
): Promise<number> {
  try {
    const range = rangeFrom(options.since);
    const first = source.summary(range);
    if (options.json) {
      io.stdout.write(`${JSON.stringify(await first, null, 2)}\n`);
      return 0;
    }
    const columns = io.stdout.columns ?? 80;
    if (!io.stdout.isTTY) {
      const view = (
        <StatsView summary={await first} range={range} columns={columns} proxyUrl={options.proxyUrl} />
      );
      io.stdout.write(`${renderToString(view, { columns })}\n`);
      return 0;
    }
    // On a terminal a failed first load is not fatal: the dashboard shows the error and retries.
    const initialSummary = await first.catch(() => undefined);
    const app = render(
      <StatsApp
        source={source}
        initialRange={range}
        initialSummary={initialSummary}
        proxyUrl={options.proxyUrl}
      />,
      {
        // CliIo's stdout is typed as a plain writable; on this branch it is a terminal.
        stdout: io.stdout as NodeJS.WriteStream,
        ...(io.stdin ? { stdin: io.stdin } : {}),
        // Nothing else writes while the dashboard is up; leave the global console alone.
        patchConsole: false,
      },
    );
    await app.waitUntilExit();
    return 0;
  } finally {
    await source.close();
  }
}

/** `--since` as a range (7d when absent); a bad one is the user's mistake, reported as such. */
function rangeFrom(since: string | undefined): UsageRange {
  try {
    return parseRange(since);
  } catch (error) {
    if (error instanceof InvalidRangeError) throw new UsageError(error.message);
    throw error;
  }
}
