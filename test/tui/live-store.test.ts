import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveStore } from '../../src/tui/live/live-store.js';
import { usageEvent } from './fixtures.js';

describe('the live view store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('publishes a burst of requests once per flush, not once per request', () => {
    const store = new LiveStore(100);
    const published = vi.fn();
    store.subscribe(published);
    for (let index = 0; index < 1_000; index++) store.push(usageEvent());
    expect(published).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(published).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot().events).toHaveLength(1_000);
    expect(store.getSnapshot().totals.requests).toBe(1_000);
  });

  it('sets no timer while the gateway is idle', () => {
    const store = new LiveStore(100);
    expect(vi.getTimerCount()).toBe(0);
    store.push(usageEvent());
    vi.advanceTimersByTime(100);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps only the current page of requests, turning pages between flushes', () => {
    const store = new LiveStore(100, 3);
    const flushWith = (count: number) => {
      for (let index = 0; index < count; index++) store.push(usageEvent());
      store.flush();
      return store.getSnapshot();
    };
    expect(flushWith(2)).toMatchObject({ page: 0, events: { length: 2 } });
    // Over the page size within one flush: the page grows rather than hide a request.
    expect(flushWith(2)).toMatchObject({ page: 0, events: { length: 4 } });
    expect(flushWith(1)).toMatchObject({ page: 1, events: { length: 1 } });
    expect(store.getSnapshot().totals.requests).toBe(5);
  });

  it('adds up totals, keeping unknown prices out of the spend', () => {
    const store = new LiveStore();
    store.push(usageEvent({ costUsd: 0.5, inputTokens: 10, cacheReadTokens: 5, outputTokens: 2 }));
    store.push(usageEvent({ costUsd: null, outcome: 'error' }));
    store.push(usageEvent({ costUsd: 0.25, outcome: 'aborted' }));
    store.flush();
    expect(store.getSnapshot().totals).toMatchObject({
      requests: 3,
      errors: 1,
      aborted: 1,
      cost_usd: 0.75,
      unpriced_requests: 1,
    });
  });
});
