import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The page's plain-JS modules that need no DOM, run here under Node. They are imported by URL: the
 * repo's TypeScript config does not read JS, and web/tsconfig.json checks their types instead.
 */
interface FormatModule {
  formatUsd(value: number | null): string;
  formatCount(value: number): string;
  formatInteger(value: number): string;
  formatLatency(milliseconds: number): string;
  formatPercent(ratio: number): string;
  providerChain(attempts: readonly string[], provider: string | null): string;
}
interface SchedulerModule {
  createRefreshScheduler(
    refresh: () => Promise<void>,
    options?: { settleMs?: number; minIntervalMs?: number },
  ): { event(): void };
}

const load = <T>(name: string) => import(new URL(`../../web/${name}`, import.meta.url).href) as Promise<T>;

describe('web/format.js', () => {
  it('shows an unknown price as "unknown", never $0', async () => {
    const { formatUsd } = await load<FormatModule>('format.js');
    expect(formatUsd(null)).toBe('unknown');
    expect(formatUsd(0)).toBe('$0');
    expect(formatUsd(0.00004)).toBe('<$0.0001');
    expect(formatUsd(0.0123)).toBe('$0.0123');
    expect(formatUsd(0.5)).toBe('$0.50');
    expect(formatUsd(2.1)).toBe('$2.10');
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(12_345)).toBe('$12.3k');
  });

  it('formats counts, latencies, rates and fallback chains compactly', async () => {
    const format = await load<FormatModule>('format.js');
    expect([999, 1234, 123_456, 999_960, 3.4e6].map(format.formatCount)).toEqual([
      '999',
      '1.2k',
      '123k',
      '1.0M',
      '3.4M',
    ]);
    expect(format.formatInteger(1_234_567)).toBe('1,234,567');
    expect([850, 1234, 125_000].map(format.formatLatency)).toEqual(['850 ms', '1.2 s', '2.1 min']);
    expect([0, 0.0004, 0.0213, 0.25].map(format.formatPercent)).toEqual(['0%', '<0.1%', '2.1%', '25%']);
    expect(format.providerChain(['anthropic', 'openrouter'], 'openrouter')).toBe('anthropic → openrouter');
    expect(format.providerChain(['openai'], 'openai')).toBe('openai');
    expect(format.providerChain([], null)).toBe('–');
  });
});

describe('web/refresh-scheduler.js', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits for a burst to settle, refreshes at most once a second, and once more after late events', async () => {
    vi.useFakeTimers();
    const { createRefreshScheduler } = await load<SchedulerModule>('refresh-scheduler.js');
    let refreshes = 0;
    const scheduler = createRefreshScheduler(async () => {
      refreshes += 1;
    });
    scheduler.event();
    await vi.advanceTimersByTimeAsync(299);
    expect(refreshes).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(refreshes).toBe(1);
    // Steady traffic: one event every 100 ms for 3 s gives about three refreshes, not thirty.
    for (let tick = 0; tick < 30; tick++) {
      scheduler.event();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(refreshes).toBeGreaterThanOrEqual(3);
    expect(refreshes).toBeLessThanOrEqual(5);
    // After the last event, one more refresh picks up what the previous one could not yet read.
    const before = refreshes;
    await vi.advanceTimersByTimeAsync(5000);
    expect(refreshes).toBe(before + 1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(refreshes).toBe(before + 1);
  });
});
