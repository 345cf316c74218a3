import { stripVTControlCharacters } from 'node:util';
import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import type { UsageSummary } from '../../src/storage/summary.js';
import { StatsView } from '../../src/tui/stats/stats-view.js';
import type { UsageRange } from '../../src/tui/stats/types.js';
import {
  emptySummary,
  LAST_7_DAYS,
  LAST_24_HOURS,
  manyProvidersSummary,
  oneProviderSummary,
} from './fixtures.js';

// Times render in the viewer's zone; pin it (before any render, including those at collection) so
// the expected text holds on every machine.
process.env.TZ = 'UTC';

function render(
  summary: UsageSummary,
  range: UsageRange,
  options: { columns?: number; live?: boolean } = {},
) {
  const columns = options.columns ?? 80;
  return stripVTControlCharacters(
    renderToString(<StatsView summary={summary} range={range} columns={columns} live={options.live} />, {
      columns,
    }),
  );
}

function expectWithin(output: string, columns: number) {
  for (const line of output.split('\n')) expect(line.length, line).toBeLessThanOrEqual(columns);
}

describe('ekai stats view', () => {
  it('renders one provider at 80 columns: totals, chart, tables, recent requests, keys', () => {
    const output = render(oneProviderSummary(), LAST_7_DAYS, { live: true });
    expect(`\n${output}\n`).toBe(`
ekai stats  last 7 days  Jun 11 14:05 → Jun 18 14:05                      ● live

Spend     $2.48
Requests  42  1 error
Tokens    in 1.9M  (cache read 1.8M, write 96.4k)  out 61.3k

SPEND PER DAY  max $1.08/day
                                        ███████
                                        ███████
                ▄▄▄▄▄▄▄ ▇▇▇▇▇▇▇         ███████         ▃▃▃▃▃▃▃
                ███████ ███████         ███████ ▃▃▃▃▃▃▃ ███████
───────────────────────────────────────────────────────────────
Jun 11                                                   Jun 18

PROVIDER           REQS  ERRS      IN     OUT  CACHED      COST  SHARE
anthropic            42     1    1.9M   61.3k    1.8M     $2.48  100% ██████████

MODEL              REQS  ERRS      IN     OUT  CACHED      COST  SHARE
claude-sonnet-4      30     –    1.8M   52.0k    1.7M     $2.31   93% █████████▎
claude-3-5-haiku     12     1    120k    9.3k    120k   $0.1715    7% ▊

RECENT REQUESTS
TIME      HTTP CLIENT     MODEL             PROVIDER     IN   OUT     COST  TOOK
13:58     200  claude-cli claude-sonnet-4   anthropic 42.5k   850  $0.0299  4.2s
13:57     200  claude-cli claude-3-5-haiku  anthropic   310    45  $0.0004 640ms
09:12     529  claude-cli claude-sonnet-4   anthropic     0     0       $0  1.0s
Mon 22:40 200  claude-cli claude-sonnet-4   anthropic 42.5k  9.8k  $0.1873  1.0m

1 24h   2 7d   3 30d   (or d w m)  q quit
`);
  });

  it('shows how to get started on an empty database instead of a page of zeros', () => {
    const output = render(emptySummary(), LAST_7_DAYS);
    expectWithin(output, 80);
    expect(output).toContain('No requests yet (last 7 days) — point a client at http://127.0.0.1:3001');
    expect(output).toContain('ANTHROPIC_BASE_URL=http://127.0.0.1:3001');
    expect(output).not.toContain('$0');
    expect(output).not.toContain('PROVIDER');
  });

  describe('many providers and models at 80 columns', () => {
    const output = render(manyProvidersSummary(), LAST_24_HOURS, { live: true });
    const lines = output.split('\n');
    const line = (start: string) => lines.find((candidate) => candidate.startsWith(start)) ?? '';

    it('fits every line in 80 columns', () => expectWithin(output, 80));

    it('never shows an unknown price as $0', () => {
      expect(line('Spend')).toBe('Spend     $48.12  +3 unpriced (no known price)');
      expect(line('zai ')).toMatch(/ unknown +\?$/);
      // The unpriced model is outside the top 8 by cost; its request still shows "?" for cost.
      expect(lines.find((row) => row.includes('openai-sdk'))).toMatch(/ \? 830ms$/);
    });

    it('orders providers and models by cost, keeps the top 8 models and counts the rest', () => {
      const providers = lines.slice(lines.findIndex((row) => row.startsWith('PROVIDER')) + 1).slice(0, 5);
      expect(providers.map((row) => row.split(' ')[0])).toEqual([
        'anthropic',
        'openai',
        'openrouter',
        'xai',
        'zai',
      ]);
      expect(line('claude-sonnet-4 ')).toMatch(/\$24\.90 +52% █/);
      expect(output).toContain('… and 3 more');
      expect(line('a-model-with-a-name-')).toContain('…');
    });

    it('shows a fallback chain, an error and an abort in recent requests', () => {
      expect(line('14:04     200  codex')).toContain('…→openrouter');
      expect(line('14:03     502')).toContain('gpt-4o-mini');
      expect(line('14:01     499')).toContain('claude-sonnet');
      expect(line('Requests')).toBe('Requests  1,284  7 errors, 2 aborted');
    });

    it('charts spend per hour, labelled with the largest hour and the first and last', () => {
      expect(line('SPEND PER HOUR')).toBe('SPEND PER HOUR  max $12.20/hour');
      expect(output).toMatch(/\nJun 17 14:00 +Jun 18 14:00\n/);
    });
  });

  it('spells a fallback chain out when there is room', () => {
    const output = render(manyProvidersSummary(), LAST_24_HOURS, { columns: 120 });
    expectWithin(output, 120);
    expect(output).toContain('openai→openrouter');
    expect(output).toContain('a-model-with-a-name-far-too-long-for-an…');
  });

  it('calls a spend made only of unknown prices "unknown"', () => {
    const summary = oneProviderSummary();
    summary.totals = { ...summary.totals, cost_usd: null, unpriced_requests: 42 };
    const output = render(summary, LAST_7_DAYS);
    expect(output).toContain('Spend     unknown  +42 unpriced (no known price)');
  });

  it('trims lists to the terminal height so that updates redraw in place', () => {
    const columns = 80;
    for (const rows of [20, 30, 45]) {
      const output = stripVTControlCharacters(
        renderToString(
          <StatsView
            summary={manyProvidersSummary()}
            range={LAST_24_HOURS}
            columns={columns}
            rows={rows}
            live
          />,
          { columns },
        ),
      );
      expect(output.split('\n').length, `${rows} rows`).toBeLessThan(rows);
      expect(output).toContain('PROVIDER');
    }
  });

  it('says when a refresh failed, above the last good data', () => {
    const columns = 80;
    const output = stripVTControlCharacters(
      renderToString(
        <StatsView
          summary={oneProviderSummary()}
          range={LAST_7_DAYS}
          columns={columns}
          error="database is locked"
        />,
        { columns },
      ),
    );
    expect(output.split('\n')[1]).toBe('could not refresh: database is locked');
    expect(output).toContain('Spend     $2.48');
  });
});
