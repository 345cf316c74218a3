export { type UsageState, type UseUsageOptions, useUsage } from './hooks/use-usage.js';
export { RANGE_KEYS, RANGE_PRESETS, type RangePreset } from './range-keys.js';
export { StatsApp, type StatsAppProps } from './stats-app.js';
export { DEFAULT_PROXY_URL, StatsView, type StatsViewProps } from './stats-view.js';
export type { StatsSource, UsageRange } from './types.js';
