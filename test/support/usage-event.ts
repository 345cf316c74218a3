import type { UsageEvent } from '../../src/usage/event.js';

/** A plausible usage event; override what the test is about. */
export function usageEvent(overrides: Partial<UsageEvent> = {}): UsageEvent {
  return {
    id: `req_${Math.random().toString(36).slice(2)}`,
    ts: Date.now(),
    latencyMs: 120,
    ttfbMs: 40,
    clientDialect: 'chat',
    endpoint: '/v1/chat/completions',
    requestedModel: 'gpt-4o',
    model: 'gpt-4o',
    provider: 'openai',
    upstreamModel: 'gpt-4o',
    stream: true,
    status: 200,
    outcome: 'ok',
    attempts: [{ provider: 'openai', status: 200, durationMs: 100 }],
    inputTokens: 100,
    outputTokens: 20,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: null,
    costUsd: 0.00045,
    errorMessage: null,
    warnings: [],
    clientName: 'openai-sdk',
    tag: null,
    ...overrides,
  };
}
