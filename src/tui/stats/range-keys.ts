/** The ranges the dashboard's keys switch between, as `parseRange` (src/storage/range.ts) reads them. */
export const RANGE_PRESETS = ['24h', '7d', '30d'] as const;

export type RangePreset = (typeof RANGE_PRESETS)[number];

/** `1`/`d` → last 24 hours, `2`/`w` → last 7 days, `3`/`m` → last 30 days. */
export const RANGE_KEYS: Readonly<Record<string, RangePreset>> = {
  '1': '24h',
  d: '24h',
  '2': '7d',
  w: '7d',
  '3': '30d',
  m: '30d',
};
