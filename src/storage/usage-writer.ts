import type { Db } from './database.js';
import type { UsageEvent, UsageRecorder } from './usage-event.js';

export interface WriterOptions {
  /** How long an event may wait before its batch is written (SPEC: visible within one second). */
  flushIntervalMs?: number;
  /** A batch this big is written at once, without waiting for the timer. */
  maxBatch?: number;
  /** Called (once per distinct problem) when a batch cannot be written; the events are kept and retried. */
  onError?: (error: Error) => void;
}

const COLUMNS = [
  'id',
  'ts',
  'latency_ms',
  'ttfb_ms',
  'client_dialect',
  'endpoint',
  'requested_model',
  'model',
  'provider',
  'upstream_model',
  'stream',
  'status',
  'outcome',
  'attempts',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'cost_usd',
  'error_message',
  'warnings',
  'client_name',
  'tag',
] as const;

/**
 * Writes usage events off the response path: `record` only queues (and tells listeners); a short
 * timer writes the queue in one transaction with a statement prepared once. Nothing is dropped: a
 * batch that fails (disk full, a lock held too long) stays queued and is retried; `flush` writes
 * whatever is left (on shutdown).
 */
export class UsageWriter implements UsageRecorder {
  private queue: UsageEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly insert;
  private readonly writeBatch;
  private readonly listeners = new Set<(event: UsageEvent) => void>();
  private lastError = '';

  constructor(
    db: Db,
    private readonly options: WriterOptions = {},
  ) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO requests (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((name) => `@${name}`).join(', ')})`,
    );
    const rollUp = db.prepare(ROLL_UP);
    this.writeBatch = db.transaction((events: UsageEvent[]) => {
      for (const event of events) {
        // INSERT OR IGNORE: a record written twice (a retried batch) must not be summed twice.
        if (this.insert.run(toRow(event)).changes > 0) rollUp.run(toRollUp(event));
      }
    });
  }

  record(event: UsageEvent): void {
    this.queue.push(event);
    for (const listener of this.listeners) listener(event);
    if (this.queue.length >= (this.options.maxBatch ?? 500)) this.writeQueued();
    else this.timer ??= setTimeout(() => this.writeQueued(), this.options.flushIntervalMs ?? 100).unref();
  }

  /** Subscribe to every recorded event (the live view); returns the unsubscribe function. */
  onRecord(listener: (event: UsageEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async flush(): Promise<void> {
    this.writeQueued();
    if (this.queue.length > 0)
      throw new Error(`${this.queue.length} usage records could not be written: ${this.lastError}`);
  }

  /** Events waiting to be written. */
  get pending(): number {
    return this.queue.length;
  }

  private writeQueued(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    try {
      this.writeBatch(batch);
      this.lastError = '';
    } catch (error) {
      // Keep them, in order, ahead of anything recorded since; try again on the next timer.
      this.queue = batch.concat(this.queue);
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastError)
        this.options.onError?.(error instanceof Error ? error : new Error(message));
      this.lastError = message;
      this.timer = setTimeout(() => this.writeQueued(), 1000).unref();
    }
  }
}

const ROLL_UP = `
  INSERT INTO usage_hourly VALUES (@hour, @provider, @model, 1, @errors, @aborted, @unpriced, @input_tokens,
    @output_tokens, @cache_read_tokens, @cache_write_tokens, @cost_usd)
  ON CONFLICT (hour, provider, model) DO UPDATE SET
    requests = requests + 1, errors = errors + excluded.errors, aborted = aborted + excluded.aborted,
    unpriced = unpriced + excluded.unpriced, input_tokens = input_tokens + excluded.input_tokens,
    output_tokens = output_tokens + excluded.output_tokens,
    cache_read_tokens = cache_read_tokens + excluded.cache_read_tokens,
    cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens, cost_usd = cost_usd + excluded.cost_usd`;

function toRollUp(event: UsageEvent) {
  return {
    hour: Math.floor(event.ts / 3_600_000) * 3_600_000,
    provider: event.provider ?? '',
    model: event.model,
    errors: event.outcome === 'error' ? 1 : 0,
    aborted: event.outcome === 'aborted' ? 1 : 0,
    unpriced: event.costUsd === null ? 1 : 0,
    input_tokens: event.inputTokens,
    output_tokens: event.outputTokens,
    cache_read_tokens: event.cacheReadTokens,
    cache_write_tokens: event.cacheWriteTokens,
    cost_usd: event.costUsd ?? 0,
  };
}

function toRow(event: UsageEvent): Record<(typeof COLUMNS)[number], string | number | null> {
  return {
    id: event.id,
    ts: event.ts,
    latency_ms: event.latencyMs,
    ttfb_ms: event.ttfbMs,
    client_dialect: event.clientDialect,
    endpoint: event.endpoint,
    requested_model: event.requestedModel,
    model: event.model,
    provider: event.provider,
    upstream_model: event.upstreamModel,
    stream: event.stream ? 1 : 0,
    status: event.status,
    outcome: event.outcome,
    attempts: JSON.stringify(event.attempts),
    input_tokens: event.inputTokens,
    output_tokens: event.outputTokens,
    cache_read_tokens: event.cacheReadTokens,
    cache_write_tokens: event.cacheWriteTokens,
    reasoning_tokens: event.reasoningTokens,
    cost_usd: event.costUsd,
    error_message: event.errorMessage,
    warnings: JSON.stringify(event.warnings),
    client_name: event.clientName,
    tag: event.tag,
  };
}
