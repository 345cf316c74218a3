import { render } from 'ink';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { UsageSummary } from '../../src/storage/summary.js';
import { StatsApp } from '../../src/tui/stats/stats-app.js';
import type { UsageRange } from '../../src/tui/stats/types.js';
import { fakeTerminal } from '../support/fake-terminal.js';
import { LAST_7_DAYS, manyProvidersSummary, oneProviderSummary } from './fixtures.js';

process.env.TZ = 'UTC';
// Updates are wrapped in act(), which commits them before it returns.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function fakeSource() {
  const asked: string[] = [];
  return {
    asked,
    async summary(range: UsageRange): Promise<UsageSummary> {
      asked.push(range.label);
      return range.label === 'last 7 days' ? oneProviderSummary() : manyProvidersSummary();
    },
    changed: async () => false,
  };
}

async function start(source: ReturnType<typeof fakeSource>) {
  const terminal = fakeTerminal(80);
  const app = await act(async () =>
    render(<StatsApp source={source} initialRange={LAST_7_DAYS} intervalMs={60_000} />, {
      ...terminal.streams,
      debug: true,
      patchConsole: false,
    }),
  );
  const press = (key: string) => act(async () => terminal.stdin.press(key));
  return { ...terminal, app, press };
}

describe('ekai stats keys', () => {
  it('switches the range with 1 / 2 / 3 and d / w / m', async () => {
    const source = fakeSource();
    const { stdout, app, press } = await start(source);
    expect(stdout.lastFrame()).toMatch(/^ekai stats {2}last 7 days /);

    await press('1');
    expect(stdout.lastFrame()).toMatch(/^ekai stats {2}last 24 hours /);
    expect(stdout.lastFrame()).toContain('Requests  1,284');

    await press('3');
    expect(stdout.lastFrame()).toMatch(/^ekai stats {2}last 30 days /);

    await press('w');
    expect(stdout.lastFrame()).toMatch(/^ekai stats {2}last 7 days /);
    expect(source.asked).toEqual(['last 7 days', 'last 24 hours', 'last 30 days', 'last 7 days']);

    await act(async () => app.unmount());
  });

  it('quits on q', async () => {
    const { app, press } = await start(fakeSource());
    // Ink settles only promises asked for before the exit, as runStats does.
    const exited = app.waitUntilExit();
    await press('q');
    await expect(exited).resolves.toBeUndefined();
  });

  it('every frame fits the terminal width', async () => {
    const { stdout, app, press } = await start(fakeSource());
    await press('1');
    for (const line of stdout.lastFrame().split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    await act(async () => app.unmount());
  });
});
