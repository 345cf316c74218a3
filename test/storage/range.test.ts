import { describe, expect, it } from 'vitest';
import { InvalidRangeError, parseRange } from '../../src/storage/range.js';

/** `--since` / `?since=` and `until` (SPEC: 24h, 7d, 30d, <n>h, <n>d or an ISO date). Expected values by hand. */
const NOW = new Date('2026-11-21T12:00:00.000Z');

describe('parseRange', () => {
  it.each([
    ['24h', '2026-11-20T12:00:00.000Z', 'last 24 hours'],
    ['7d', '2026-11-14T12:00:00.000Z', 'last 7 days'],
    ['30d', '2026-10-22T12:00:00.000Z', 'last 30 days'],
    ['36h', '2026-11-20T00:00:00.000Z', 'last 36 hours'],
    ['2d', '2026-11-19T12:00:00.000Z', 'last 2 days'],
    [' 24h ', '2026-11-20T12:00:00.000Z', 'last 24 hours'],
    ['2026-11-01', '2026-11-01T00:00:00.000Z', 'since 2026-11-01'],
    ['2026-11-21T10:30:00Z', '2026-11-21T10:30:00.000Z', 'since 2026-11-21T10:30:00Z'],
  ])('since %j → from %s, "%s", up to now', (since, from, label) => {
    expect(parseRange(since, undefined, NOW)).toEqual({ since: new Date(from), label });
  });

  it('defaults to the last 7 days; an empty until means now', () => {
    expect(parseRange(undefined, '', NOW)).toEqual({
      since: new Date('2026-11-14T12:00:00.000Z'),
      label: 'last 7 days',
    });
  });

  it('until: an ISO date, exclusive, named in the label', () => {
    expect(parseRange('2026-11-01', '2026-11-08', NOW)).toEqual({
      since: new Date('2026-11-01T00:00:00.000Z'),
      until: new Date('2026-11-08T00:00:00.000Z'),
      label: 'since 2026-11-01 until 2026-11-08T00:00:00.000Z',
    });
  });

  it.each(['yesterday', '7 days', '7w', '-7d', '1.5d', '11/01/2026', '2026-13-45'])(
    'refuses %j (400)',
    (since) => {
      expect(() => parseRange(since, undefined, NOW)).toThrow(InvalidRangeError);
      expect(() => parseRange(since, undefined, NOW)).toThrow(
        `since must be 24h, 7d, 30d, <n>h, <n>d or an ISO date (got "${since}")`,
      );
    },
  );

  it('refuses a bad until by its name', () => {
    expect(() => parseRange('7d', 'soon', NOW)).toThrow(
      'until must be 24h, 7d, 30d, <n>h, <n>d or an ISO date',
    );
  });
});
