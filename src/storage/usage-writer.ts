import type { UsageEvent, UsageRecorder } from './usage-event.js';

export interface WriterOptions {
  /** How long an event may wait before its batch is written (SPEC: visible within one second). */
  flushIntervalMs?: number;
  /** A batch this big is written at once, without waiting for the timer. */
  maxBatch?: number;
  /** Called (once per distinct problem) when a batch cannot be written; the events are kept and retried. */
  onError?: (error: Error) => void;
  /** How long to wait before retrying a batch that failed. Default 1 s. */
  retryMs?: number;
}

/**
 * Writes one batch in one transaction, all or nothing. A batch may come again after a failure that
 * happened after its commit (a lost connection): records already stored must be skipped, not
 * summed twice. SQLite writes synchronously (returns nothing); PostgreSQL returns a promise.
 */
export type BatchSink = (events: UsageEvent[]) => void | Promise<void>;

/**
 * Writes usage events off the response path, for either backend: `record` only queues (and tells
 * listeners); a short timer, or a full batch, hands the queue to the sink. One batch is written at
 * a time, so batches commit in order. Nothing is dropped: a batch that fails (disk full, a lock
 * held too long, the database server away) goes back to the head of the queue and is retried after
 * `retryMs`; `flush` writes whatever is left (on shutdown).
 */
export class UsageWriter implements UsageRecorder {
  private queue: UsageEvent[] = [];
  private inFlight: UsageEvent[] = [];
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** A failed batch waits for its retry timer; new records do not trigger writes meanwhile. */
  private retrying = false;
  private failures = 0;
  private lastError = '';
  private readonly listeners = new Set<(event: UsageEvent) => void>();

  constructor(
    private readonly sink: BatchSink,
    private readonly options: WriterOptions = {},
  ) {}

  record(event: UsageEvent): void {
    this.queue.push(event);
    for (const listener of this.listeners) listener(event);
    if (this.retrying) return;
    if (this.queue.length >= (this.options.maxBatch ?? 500)) this.writeQueued();
    else this.timer ??= setTimeout(() => this.writeQueued(), this.options.flushIntervalMs ?? 100).unref();
  }

  /** Subscribe to every recorded event (the live view); returns the unsubscribe function. */
  onRecord(listener: (event: UsageEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Write everything queued now (even while a retry is pending); rejects if it cannot be written. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    while (this.queue.length > 0) {
      const failures = this.failures;
      this.writeQueued();
      while (this.writing) await this.writing;
      if (this.failures !== failures)
        throw new Error(`${this.pending} usage records could not be written: ${this.lastError}`);
    }
  }

  /** Events not yet written (queued or being written). */
  get pending(): number {
    return this.queue.length + this.inFlight.length;
  }

  /** Stop the timers (the store is closing; call flush first). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private writeQueued(): void {
    this.stop();
    this.retrying = false;
    if (this.writing || this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    let result: void | Promise<void>;
    try {
      result = this.sink(batch);
    } catch (error) {
      this.settle(batch, error);
      return;
    }
    if (!result) {
      this.settle(batch);
      return;
    }
    this.inFlight = batch;
    this.writing = result
      .then(
        () => this.settle(batch),
        (error: unknown) => this.settle(batch, error),
      )
      .finally(() => {
        this.writing = undefined;
        this.afterAsyncWrite();
      });
  }

  private settle(batch: UsageEvent[], error?: unknown): void {
    this.inFlight = [];
    if (error === undefined) {
      this.lastError = '';
      return;
    }
    // Keep them, in order, ahead of anything recorded since; try again on the retry timer.
    this.queue = batch.concat(this.queue);
    this.failures++;
    const message = error instanceof Error ? error.message : String(error);
    if (message !== this.lastError)
      this.options.onError?.(error instanceof Error ? error : new Error(message));
    this.lastError = message;
    this.stop();
    this.retrying = true;
    this.timer = setTimeout(() => this.writeQueued(), this.options.retryMs ?? 1000).unref();
  }

  /** Records that arrived while an asynchronous batch was being written are due now or on the timer. */
  private afterAsyncWrite(): void {
    if (this.retrying || this.queue.length === 0) return;
    if (this.queue.length >= (this.options.maxBatch ?? 500)) this.writeQueued();
    else this.timer ??= setTimeout(() => this.writeQueued(), this.options.flushIntervalMs ?? 100).unref();
  }
}
