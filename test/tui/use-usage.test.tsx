import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { act, type ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UsageSummary } from '../../src/storage/summary.js';
import { useUsage } from '../../src/tui/stats/hooks/use-usage.js';
import type { UsageRange } from '../../src/tui/stats/types.js';
import { LAST_7_DAYS, LAST_24_HOURS, oneProviderSummary } from './fixtures.js';

/** A database stand-in: `requests` is what the next load reads, `dirty` what `changed()` answers. */
function fakeDatabase() {
  const database = {
    requests: 42,
    dirty: false,
    failure: undefined as string | undefined,
    loads: [] as string[],
    checks: 0,
    async load(range: UsageRange): Promise<UsageSummary> {
      database.loads.push(range.label);
      if (database.failure) throw new Error(database.failure);
      const summary = oneProviderSummary();
      summary.totals = { ...summary.totals, requests: database.requests };
      return summary;
    },
    async changed(): Promise<boolean> {
      database.checks += 1;
      const dirty = database.dirty;
      database.dirty = false;
      return dirty;
    },
  };
  return database;
}

function Probe({ range, database }: { range: UsageRange; database: ReturnType<typeof fakeDatabase> }) {
  const usage = useUsage({ range, load: database.load, changed: database.changed, intervalMs: 500 });
  const requests = usage.summary?.totals.requests ?? '-';
  return <Text>{`${usage.range.label}: ${requests} requests${usage.error ? ` (${usage.error})` : ''}`}</Text>;
}

// Tell React that updates are wrapped in act(), which commits them before it returns.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Fire the hook's timers for `ms` and commit what they set: no waiting on the wall clock. */
async function advance(ms: number) {
  await act(async () => {
    vi.advanceTimersByTime(ms);
  });
}

async function mount(element: ReactElement) {
  const view = await act(async () => render(element));
  return {
    ...view,
    rerender: (next: ReactElement) => act(async () => view.rerender(next)),
    unmount: () => act(async () => view.unmount()),
  };
}

describe('useUsage', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('loads at once, then again only when the database reports a change', async () => {
    const database = fakeDatabase();
    const view = await mount(<Probe range={LAST_7_DAYS} database={database} />);
    expect(view.lastFrame()).toBe('last 7 days: 42 requests');
    expect(database.loads).toEqual(['last 7 days']);

    // Two ticks, each settled before the next (a check still running when the next tick comes is skipped).
    await advance(500);
    await advance(500);
    expect(database.checks).toBe(2);
    expect(database.loads).toHaveLength(1);

    database.requests = 43;
    database.dirty = true;
    await advance(500);
    expect(database.loads).toHaveLength(2);
    expect(view.lastFrame()).toBe('last 7 days: 43 requests');
    await view.unmount();
  });

  it('reloads when the range changes, and the label changes with the data', async () => {
    const database = fakeDatabase();
    const view = await mount(<Probe range={LAST_7_DAYS} database={database} />);
    await view.rerender(<Probe range={LAST_24_HOURS} database={database} />);
    expect(database.loads).toEqual(['last 7 days', 'last 24 hours']);
    expect(view.lastFrame()).toBe('last 24 hours: 42 requests');
    await view.unmount();
  });

  it('does not re-render when a write leaves the summary as it was', async () => {
    const database = fakeDatabase();
    const view = await mount(<Probe range={LAST_7_DAYS} database={database} />);
    const frames = view.frames.length;
    database.dirty = true;
    await advance(500);
    expect(database.loads).toHaveLength(2);
    expect(view.frames.length).toBe(frames);
    await view.unmount();
  });

  it('keeps the last good data when a reload fails, and clears the error when one succeeds', async () => {
    const database = fakeDatabase();
    const view = await mount(<Probe range={LAST_7_DAYS} database={database} />);
    database.failure = 'database is locked';
    database.dirty = true;
    await advance(500);
    expect(view.lastFrame()).toBe('last 7 days: 42 requests (database is locked)');

    database.failure = undefined;
    database.requests = 44;
    database.dirty = true;
    await advance(500);
    expect(view.lastFrame()).toBe('last 7 days: 44 requests');
    await view.unmount();
  });

  it('stops polling when unmounted', async () => {
    const database = fakeDatabase();
    const view = await mount(<Probe range={LAST_7_DAYS} database={database} />);
    await advance(500);
    await view.unmount();
    const checks = database.checks;
    await advance(5_000);
    expect(database.checks).toBe(checks);
  });
});
