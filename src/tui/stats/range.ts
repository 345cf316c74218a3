import type { UsageRange } from './types.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The ranges offered by the dashboard's keys, in key order. */
export const RANGE_PRESETS = ['24h', '7d', '30d'] as const;

/** `1`/`d` → last 24 hours, `2`/`w` → last 7 days, `3`/`m` → last 30 days. */
export const RANGE_KEYS: Readonly<Record<string, (typeof RANGE_PRESETS)[number]>> = {
  '1': '24h',
  d: '24h',
  '2': '7d',
  w: '7d',
  '3': '30d',
  m: '30d',
};

/**
 * `--since`: a duration back from `now` (`24h`, `7d`, `30d`, any `<n>h` / `<n>d`) or an ISO date.
 * A stand-in until src/storage/range.ts provides the shared parser.
 */
export function parseRange(text: string, now: Date = new Date()): UsageRange {
  const trimmed = text.trim();
  const duration = /^(\d+)\s*([hd])$/i.exec(trimmed);
  if (duration) {
    const amount = Number(duration[1]);
    const hours = duration[2]?.toLowerCase() === 'h';
    if (amount > 0) {
      const since = new Date(now.getTime() - amount * (hours ? HOUR_MS : DAY_MS));
      return { since, label: `last ${amount} ${hours ? 'hour' : 'day'}${amount === 1 ? '' : 's'}` };
    }
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(trimmed)) {
    const since = new Date(trimmed);
    if (!Number.isNaN(since.getTime())) return { since, label: `since ${trimmed}` };
  }
  throw new RangeError(`invalid range "${text}": use 24h, 7d, 30d or an ISO date such as 2025-06-01`);
}
