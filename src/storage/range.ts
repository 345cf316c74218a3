/** A time range of usage: `since` inclusive, `until` exclusive (now when absent). */
export interface UsageRange {
  since: Date;
  until?: Date;
  /** How to name it to a person: "last 24 hours", "since 2026-11-01". */
  label: string;
}

const RELATIVE: Record<string, { hours: number; label: string }> = {
  '24h': { hours: 24, label: 'last 24 hours' },
  '7d': { hours: 24 * 7, label: 'last 7 days' },
  '30d': { hours: 24 * 30, label: 'last 30 days' },
};

export const DEFAULT_RANGE = '7d';

/**
 * How far from now any range bound may lie: ten years. Nobody keeps usage longer, and an unbounded
 * bound is how `since=9999999999d` became NaN (an endless page loop) and `since=20000000d` one
 * bucket per day until the heap ran out.
 */
export const MAX_RANGE_DAYS = 3653;
const MAX_RANGE_MS = MAX_RANGE_DAYS * 24 * 3_600_000;

export class InvalidRangeError extends Error {
  override readonly name = 'InvalidRangeError';
  readonly status = 400;
  readonly code = 'invalid_range';
}

/**
 * `24h`, `7d`, `30d` (also any `<n>h` / `<n>d`), or an ISO date/time; `until` likewise an ISO
 * date/time; each within MAX_RANGE_DAYS of `now`. Throws InvalidRangeError with a readable message
 * otherwise.
 */
export function parseRange(since: string | undefined, until?: string, now: Date = new Date()): UsageRange {
  const text = (since ?? DEFAULT_RANGE).trim();
  const end = until === undefined || until === '' ? undefined : parseDate(until, 'until', now);
  const known = RELATIVE[text];
  if (known) return withEnd({ since: hoursBefore(now, known.hours), label: known.label }, end);
  const relative = /^(\d+)([hd])$/.exec(text);
  if (relative) {
    const amount = Number(relative[1]);
    const hours = relative[2] === 'h' ? amount : amount * 24;
    if (hours * 3_600_000 > MAX_RANGE_MS) throw outOfBounds('since', text);
    const label = `last ${amount} ${relative[2] === 'h' ? 'hours' : 'days'}`;
    return withEnd({ since: hoursBefore(now, hours), label }, end);
  }
  const date = parseDate(text, 'since', now);
  return withEnd({ since: date, label: `since ${text}` }, end);
}

/** Epoch ms within MAX_RANGE_DAYS of `now` (finite, so safe to loop or bucket over). */
export function isWithinBounds(ms: number, now: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms - now) <= MAX_RANGE_MS;
}

function withEnd(range: UsageRange, until: Date | undefined): UsageRange {
  return until ? { ...range, until, label: `${range.label} until ${until.toISOString()}` } : range;
}

function hoursBefore(now: Date, hours: number): Date {
  return new Date(now.getTime() - hours * 3_600_000);
}

function parseDate(text: string, name: string, now: Date): Date {
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) {
    throw new InvalidRangeError(`${name} must be 24h, 7d, 30d, <n>h, <n>d or an ISO date (got "${text}")`);
  }
  if (!isWithinBounds(date.getTime(), now.getTime())) throw outOfBounds(name, text);
  return date;
}

function outOfBounds(name: string, text: string): InvalidRangeError {
  return new InvalidRangeError(
    `${name} must lie within ${MAX_RANGE_DAYS} days (10 years) of now (got "${text.slice(0, 64)}")`,
  );
}
