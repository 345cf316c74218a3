import type {
  ModelUsage,
  ProviderUsage,
  RecentRequest,
  TimeBucket,
  UsageSummary,
  UsageTotals,
} from '../../src/storage/summary.js';
import type { LiveInfo } from '../../src/tui/live/types.js';
import type { UsageRange } from '../../src/tui/stats/types.js';
import type { UsageEvent } from '../../src/usage/event.js';

/** Hand-built `/usage` bodies and usage events for the TUI tests; times are UTC and the tests pin TZ=UTC. */

export const NOW = new Date('2025-06-18T14:05:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const LAST_7_DAYS: UsageRange = { since: new Date(NOW.getTime() - 7 * DAY), label: 'last 7 days' };
export const LAST_24_HOURS: UsageRange = { since: new Date(NOW.getTime() - DAY), label: 'last 24 hours' };

const zeroTotals: UsageTotals = {
  requests: 0,
  errors: 0,
  aborted: 0,
  input_tokens: 0,
  output_tokens: 0,
  cache_read_tokens: 0,
  cache_write_tokens: 0,
  cost_usd: null,
  unpriced_requests: 0,
};

function buckets(
  unit: 'hour' | 'day',
  count: number,
  values: Record<number, [number, number]> = {},
): TimeBucket[] {
  const step = unit === 'hour' ? HOUR : DAY;
  const last =
    unit === 'hour' ? Math.floor(NOW.getTime() / HOUR) * HOUR : Math.floor(NOW.getTime() / DAY) * DAY;
  return Array.from({ length: count }, (_, index) => {
    const [requests, cost] = values[index] ?? [0, 0];
    return {
      start: new Date(last - (count - 1 - index) * step).toISOString(),
      requests,
      input_tokens: requests * 1000,
      output_tokens: requests * 200,
      cost_usd: cost,
    };
  });
}

function request(overrides: Partial<RecentRequest> & Pick<RecentRequest, 'id' | 'ts'>): RecentRequest {
  return {
    provider: 'anthropic',
    model: 'claude-sonnet-4',
    client_dialect: 'messages',
    client_name: 'claude-cli',
    stream: true,
    status: 200,
    outcome: 'ok',
    input_tokens: 12,
    output_tokens: 850,
    cache_read_tokens: 41_200,
    cache_write_tokens: 1_300,
    cost_usd: 0.0299,
    latency_ms: 4_210,
    attempts: ['anthropic'],
    ...overrides,
  };
}

export function emptySummary(): UsageSummary {
  return {
    since: LAST_7_DAYS.since.toISOString(),
    until: NOW.toISOString(),
    totals: zeroTotals,
    by_provider: [],
    by_model: [],
    recent: [],
    by_time: buckets('day', 8),
    bucket: 'day',
  };
}

/** A week of Claude Code through Anthropic alone. */
export function oneProviderSummary(): UsageSummary {
  const usage = {
    requests: 42,
    errors: 1,
    input_tokens: 1_480,
    output_tokens: 61_250,
    cache_read_tokens: 1_842_000,
    cache_write_tokens: 96_400,
  };
  return {
    since: LAST_7_DAYS.since.toISOString(),
    until: NOW.toISOString(),
    totals: { ...usage, aborted: 0, cost_usd: 2.4817, unpriced_requests: 0 },
    by_provider: [{ provider: 'anthropic', ...usage, cost_usd: 2.4817 }],
    by_model: [
      {
        model: 'claude-sonnet-4',
        requests: 30,
        errors: 0,
        input_tokens: 1_080,
        output_tokens: 52_000,
        cache_read_tokens: 1_722_000,
        cache_write_tokens: 96_400,
        cost_usd: 2.3102,
      },
      {
        model: 'claude-3-5-haiku',
        requests: 12,
        errors: 1,
        input_tokens: 400,
        output_tokens: 9_250,
        cache_read_tokens: 120_000,
        cache_write_tokens: 0,
        cost_usd: 0.1715,
      },
    ],
    recent: [
      request({ id: 'r4', ts: '2025-06-18T13:58:12Z' }),
      request({
        id: 'r3',
        ts: '2025-06-18T13:57:40Z',
        model: 'claude-3-5-haiku',
        input_tokens: 310,
        output_tokens: 45,
        cache_read_tokens: 0,
        cache_write_tokens: 0,
        cost_usd: 0.0004,
        latency_ms: 640,
        stream: false,
      }),
      request({
        id: 'r2',
        ts: '2025-06-18T09:12:03Z',
        status: 529,
        outcome: 'error',
        output_tokens: 0,
        cache_read_tokens: 0,
        cache_write_tokens: 0,
        input_tokens: 0,
        cost_usd: 0,
        latency_ms: 1_020,
      }),
      request({
        id: 'r1',
        ts: '2025-06-16T22:40:55Z',
        cost_usd: 0.1873,
        output_tokens: 9_800,
        latency_ms: 61_500,
      }),
    ],
    by_time: buckets('day', 8, { 2: [6, 0.41], 3: [9, 0.52], 5: [14, 1.08], 6: [3, 0.09], 7: [10, 0.3817] }),
    bucket: 'day',
  };
}

function providerUsage(provider: string, requests: number, cost: number | null, errors = 0): ProviderUsage {
  return {
    provider,
    requests,
    errors,
    input_tokens: requests * 2_100,
    output_tokens: requests * 640,
    cache_read_tokens: requests * 5_000,
    cache_write_tokens: 0,
    cost_usd: cost,
  };
}

function modelUsage(model: string, requests: number, cost: number | null): ModelUsage {
  return {
    model,
    requests,
    errors: 0,
    input_tokens: requests * 2_100,
    output_tokens: requests * 640,
    cache_read_tokens: requests * 5_000,
    cache_write_tokens: 0,
    cost_usd: cost,
  };
}

/** A busy day over five providers: a model without a price, a fallback, an error and an abort. */
export function manyProvidersSummary(): UsageSummary {
  return {
    since: LAST_24_HOURS.since.toISOString(),
    until: NOW.toISOString(),
    totals: {
      requests: 1_284,
      errors: 7,
      aborted: 2,
      input_tokens: 2_696_400,
      output_tokens: 821_760,
      cache_read_tokens: 6_420_000,
      cache_write_tokens: 310_000,
      cost_usd: 48.1234,
      unpriced_requests: 3,
    },
    by_provider: [
      providerUsage('openrouter', 210, 3.5521, 2),
      providerUsage('anthropic', 610, 31.2044, 3),
      providerUsage('openai', 380, 12.8834, 2),
      providerUsage('xai', 81, 0.4835),
      providerUsage('zai', 3, null),
    ],
    by_model: [
      modelUsage('claude-sonnet-4', 420, 24.9),
      modelUsage('gpt-5', 200, 9.12),
      modelUsage('claude-opus-4-1', 18, 5.8044),
      modelUsage('gpt-4o-mini', 160, 0.61),
      modelUsage('grok-code-fast-1', 81, 0.4835),
      modelUsage('deepseek/deepseek-chat-v3.1', 140, 1.02),
      modelUsage('claude-3-5-haiku', 172, 0.5),
      modelUsage('gpt-4o', 60, 3.0),
      modelUsage('o4-mini', 20, 0.3),
      modelUsage('a-model-with-a-name-far-too-long-for-any-column', 10, 2.38),
      modelUsage('glm-4.6-experimental-preview', 3, null),
    ],
    recent: [
      request({
        id: 'm6',
        ts: '2025-06-18T14:04:59Z',
        provider: 'openrouter',
        model: 'gpt-5',
        client_dialect: 'chat',
        client_name: 'codex',
        attempts: ['openai', 'openrouter'],
        input_tokens: 18_200,
        output_tokens: 2_310,
        cache_read_tokens: 0,
        cache_write_tokens: 0,
        cost_usd: 0.0459,
        latency_ms: 12_400,
      }),
      request({
        id: 'm5',
        ts: '2025-06-18T14:04:31Z',
        provider: 'zai',
        model: 'glm-4.6-experimental-preview',
        client_dialect: 'chat',
        client_name: 'openai-sdk',
        attempts: ['zai'],
        cost_usd: null,
        latency_ms: 830,
      }),
      request({
        id: 'm4',
        ts: '2025-06-18T14:03:02Z',
        provider: 'openai',
        model: 'gpt-4o-mini',
        client_dialect: 'chat',
        client_name: null,
        status: 502,
        outcome: 'error',
        attempts: ['openai', 'openrouter'],
        input_tokens: 0,
        output_tokens: 0,
        cache_read_tokens: 0,
        cache_write_tokens: 0,
        cost_usd: 0,
        latency_ms: 30_010,
      }),
      request({ id: 'm3', ts: '2025-06-18T14:01:44Z', status: 499, outcome: 'aborted', output_tokens: 120 }),
      request({ id: 'm2', ts: '2025-06-18T13:59:10Z', client_name: 'anthropic-sdk', latency_ms: 999 }),
      request({
        id: 'm1',
        ts: '2025-06-17T15:20:00Z',
        provider: 'xai',
        model: 'grok-code-fast-1',
        attempts: ['xai'],
      }),
    ],
    by_time: buckets('hour', 25, {
      0: [40, 1.2],
      3: [12, 0.3],
      9: [120, 4.8],
      10: [200, 9.7],
      11: [160, 7.1],
      14: [300, 12.2],
      18: [90, 2.1],
      22: [250, 8.2],
      24: [112, 2.5234],
    }),
    bucket: 'hour',
  };
}

let sequence = 0;

/** A finished request as the proxy reports it to the live view. */
export function usageEvent(overrides: Partial<UsageEvent> = {}): UsageEvent {
  sequence += 1;
  return {
    id: `event-${sequence}`,
    ts: NOW.getTime(),
    latencyMs: 1_240,
    ttfbMs: 310,
    clientDialect: 'messages',
    endpoint: '/v1/messages',
    requestedModel: 'claude-sonnet-4-20250514',
    model: 'claude-sonnet-4',
    provider: 'anthropic',
    upstreamModel: 'claude-sonnet-4-20250514',
    stream: true,
    status: 200,
    outcome: 'ok',
    attempts: [{ provider: 'anthropic', status: 200, durationMs: 1_240 }],
    inputTokens: 1_200,
    outputTokens: 350,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: null,
    costUsd: 0.0089,
    errorMessage: null,
    warnings: [],
    clientName: 'claude-cli',
    tag: null,
    ...overrides,
  };
}

/** What `ekai serve` passes the live view: three providers with keys, two without. */
export const LIVE_INFO: LiveInfo = {
  version: '0.1.0',
  urls: { proxy: 'http://127.0.0.1:3001', dashboard: 'http://127.0.0.1:3000' },
  providers: [
    { name: 'openai', configured: true },
    { name: 'anthropic', configured: true },
    { name: 'xai', configured: false },
    { name: 'openrouter', configured: true },
    { name: 'zai', configured: false },
  ],
  configFile: '/home/dev/.ekairc.yaml',
};
