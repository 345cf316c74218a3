import type { UsageTotals } from '../../storage/summary.js';
import type { UsageEvent } from '../../usage/event.js';
import { addToTotals, EMPTY_TOTALS } from './totals.js';

export interface LiveSnapshot {
  page: number;
  events: readonly UsageEvent[];
  totals: UsageTotals;
  /** Usage records the database refused, kept in its dead-letter table (since start). */
  setAside: number;
}

/** Requests per log page before a new one starts (each is printed once; only the page is kept). */
const DEFAULT_PAGE_SIZE = 200;

/**
 * Collects finished requests and publishes them at most once per `flushMs`, so that a busy gateway
 * (1,000 requests a second) re-renders ten times a second, not a thousand. An idle one sets no timer.
 */
export class LiveStore {
  private snapshot: LiveSnapshot = { page: 0, events: [], totals: EMPTY_TOTALS, setAside: 0 };
  private pending: UsageEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly flushMs = 100,
    private readonly pageSize = DEFAULT_PAGE_SIZE,
  ) {}

  push(event: UsageEvent): void {
    this.pending.push(event);
    this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  /** Publish what is pending now (also called on stop, so the last requests are shown). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const { page, events, totals } = this.snapshot;
    // A page turns only between flushes: every event of a page must reach the screen while it is current.
    const full = events.length >= this.pageSize;
    this.snapshot = {
      ...this.snapshot,
      page: full ? page + 1 : page,
      events: full ? batch : [...events, ...batch],
      totals: batch.reduce(addToTotals, totals),
    };
    for (const listener of this.listeners) listener();
  }

  /** A record was set aside: the footer says so at once (no event need follow). */
  setAside(count: number): void {
    this.snapshot = { ...this.snapshot, setAside: count };
    for (const listener of this.listeners) listener();
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LiveSnapshot => this.snapshot;
}
