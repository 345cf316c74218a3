import type { UsageEvent } from '../usage/event.js';
import { Counter, Histogram, type MetricsSnapshot, type ScalarFamily } from './registry.js';

/** Seconds. Upstream waits range from a cached answer (~50 ms) to a reasoning model's minutes. */
const UPSTREAM_BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
/** Seconds. The gateway's own share is normally a millisecond or two; fallbacks and pauses add more. */
const OVERHEAD_BOUNDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Label value for a model the catalog does not know: clients may send any name, series must stay few. */
export const OTHER_MODEL = 'other';
/** Label value for requests no provider was tried for (unknown model, bad request, all cooling down). */
export const NO_PROVIDER = 'none';

const TOKEN_KINDS = [
  ['input', 'inputTokens'],
  ['output', 'outputTokens'],
  ['cache_read', 'cacheReadTokens'],
  ['cache_write', 'cacheWriteTokens'],
] as const;

export interface GatewayMetricsOptions {
  /** Catalog model ids: the only values the `model` label takes besides "other". */
  models: Iterable<string>;
  /** Gauges read at scrape time (in-flight requests, cooldowns). */
  gauges?: () => ScalarFamily[];
}

/**
 * The gateway's Prometheus metrics. Counters and histograms are fed from the usage events the
 * gateway records (after each response has ended, never on its path); gauges are read when
 * scraped. `collect` is what GET /metrics serves: this process's snapshot, unless a cluster worker
 * replaced it with one that adds up every worker's.
 */
export class GatewayMetrics {
  private readonly models: ReadonlySet<string>;
  private readonly requests = new Counter(
    'ekai_requests_total',
    'Finished client requests, by the provider that served them last, catalog model, client wire format (label `dialect`: chat, messages, responses), outcome (ok, error, aborted) and class of the HTTP status the client got.',
    ['provider', 'model', 'dialect', 'outcome', 'status_class'],
  );
  private readonly errors = new Counter(
    'ekai_request_errors_total',
    'Client requests that ended in an error answer (outcome error; client aborts are not errors).',
    ['provider', 'model', 'dialect', 'status_class'],
  );
  private readonly attempts = new Counter(
    'ekai_upstream_attempts_total',
    'Requests sent to providers, fallbacks included, by the class of the provider status ("none": no response, e.g. a connection error or timeout).',
    ['provider', 'status_class'],
  );
  private readonly fallbacks = new Counter(
    'ekai_fallback_requests_total',
    'Client requests that took more than one upstream attempt (a fallback, or a retry after a short retry-after).',
    ['provider', 'model'],
  );
  private readonly tokens = new Counter(
    'ekai_tokens_total',
    'Tokens by kind: input (excluding cache), output, cache_read, cache_write.',
    ['provider', 'model', 'kind'],
  );
  private readonly cost = new Counter(
    'ekai_cost_usd_total',
    'Cost in US dollars of the requests whose price is known.',
    ['provider', 'model'],
  );
  private readonly unpriced = new Counter(
    'ekai_unpriced_requests_total',
    'Requests with usage whose price the catalog does not know (their cost is not in ekai_cost_usd_total).',
    ['provider', 'model'],
  );
  private readonly upstreamLatency = new Histogram(
    'ekai_upstream_latency_seconds',
    'Per upstream attempt: from sending the request to the provider to receiving its response headers (or failing).',
    ['provider'],
    UPSTREAM_BOUNDS,
  );
  private readonly overhead = new Histogram(
    'ekai_gateway_overhead_seconds',
    'Non-streamed, non-aborted requests: total latency minus the upstream attempts (time to response headers); the time of the gateway itself, plus reading the upstream body.',
    ['dialect'],
    OVERHEAD_BOUNDS,
  );
  private readonly gauges: () => ScalarFamily[];
  private aggregate: (() => Promise<MetricsSnapshot>) | undefined;

  constructor(options: GatewayMetricsOptions) {
    this.models = new Set(options.models);
    this.gauges = options.gauges ?? (() => []);
  }

  /** Count one finished request. */
  observe(event: UsageEvent): void {
    const provider = event.provider ?? NO_PROVIDER;
    const model = this.models.has(event.model) ? event.model : OTHER_MODEL;
    const statusClass = statusClassOf(event.status);
    this.requests.inc([provider, model, event.clientDialect, event.outcome, statusClass]);
    if (event.outcome === 'error') this.errors.inc([provider, model, event.clientDialect, statusClass]);
    if (event.attempts.length > 1) this.fallbacks.inc([provider, model]);
    let upstreamMs = 0;
    for (const attempt of event.attempts) {
      this.attempts.inc([attempt.provider, statusClassOf(attempt.status)]);
      this.upstreamLatency.observe([attempt.provider], attempt.durationMs / 1000);
      upstreamMs += attempt.durationMs;
    }
    for (const [kind, field] of TOKEN_KINDS) {
      if (event[field] > 0) this.tokens.inc([provider, model, kind], event[field]);
    }
    if (event.costUsd === null) this.unpriced.inc([provider, model]);
    else if (event.costUsd > 0) this.cost.inc([provider, model], event.costUsd);
    // A stream's latency is the generation's length (the provider's time), so only whole answers count.
    if (!event.stream && event.outcome !== 'aborted') {
      this.overhead.observe([event.clientDialect], Math.max(0, event.latencyMs - upstreamMs) / 1000);
    }
  }

  /** This process's metrics now. */
  snapshot(): MetricsSnapshot {
    return {
      families: [
        this.requests.snapshot(),
        this.errors.snapshot(),
        this.attempts.snapshot(),
        this.fallbacks.snapshot(),
        this.tokens.snapshot(),
        this.cost.snapshot(),
        this.unpriced.snapshot(),
        this.upstreamLatency.snapshot(),
        this.overhead.snapshot(),
        ...this.gauges(),
      ],
    };
  }

  /** What a scrape shows: the snapshot, or every worker's added up once `aggregateWith` was called. */
  collect(): Promise<MetricsSnapshot> {
    return this.aggregate ? this.aggregate() : Promise.resolve(this.snapshot());
  }

  /** Serve scrapes from `aggregate` instead (a cluster worker asks the primary for the sum). */
  aggregateWith(aggregate: () => Promise<MetricsSnapshot>): void {
    this.aggregate = aggregate;
  }
}

/** 200 → "2xx"; 0 (no HTTP answer at all) → "none". */
export function statusClassOf(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'none';
}
