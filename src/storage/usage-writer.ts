import type { UsageEvent, UsageRecorder } from '../usage/event.js';
import { sanitizeEvent } from './sanitize-event.js';
import type { SpillFile } from './spill.js';

/** Writes one refused batch may take to find its bad records (about three in a batch of 500). */
const MAX_ISOLATION_WRITES = 64;

export interface WriterOptions {
  /** How long an event may wait before its batch is written (SPEC: visible within one second). */
  flushIntervalMs?: number;
  /** A batch this big is written at once, without waiting for the timer. */
  maxBatch?: number;
  /** Called (once per distinct problem) when a batch cannot be written, or a record is set aside. */
  onError?: (error: Error) => void;
  /** How long to wait before retrying a batch that failed. Default 1 s. */
  retryMs?: number;
  /**
   * Where records go when the database cannot take them: beyond `maxQueued` while it is failing,
   * and at shutdown. Its records are written back once the database takes writes (and at start).
   */
  spill?: SpillFile;
  /** Records kept in memory while the database is failing, before they go to the spill file. Default 10,000. */
  maxQueued?: number;
}

/** Where a backend writes usage. SQLite answers synchronously (returns nothing); PostgreSQL with promises. */
export interface UsageSink {
  /**
   * Writes one batch in one transaction, all or nothing. A batch may come again after a failure that
   * happened after its commit (a lost connection): records already stored must be skipped, not
   * summed twice.
   */
  write(events: UsageEvent[]): void | Promise<void>;
  /** Keeps a record the database refused, as JSON text, with the reason (the dead-letter table). */
  setAside(event: UsageEvent, reason: string): void | Promise<void>;
  /**
   * Whether the database refused a record's content (a value out of range, a type it will not
   * store) rather than failing itself (locked, full, away): only the former is worth splitting a
   * batch for.
   */
  refusedContent(error: unknown): boolean;
}

/**
 * Writes usage events off the response path, for either backend: `record` sanitises (token counts,
 * text) and queues (and tells listeners); a short timer, or a full batch, hands the queue to the
 * sink. One batch is written at a time, so batches commit in order. Nothing is dropped:
 * - a batch the database refuses because of one record's content is split in halves until that
 *   record is alone; it is set aside (the dead-letter table, counted in `setAside`) and every
 *   other record is written, so one bad record never blocks the ones behind it;
 * - a batch that fails because of the database (disk full, a lock held too long, the server away)
 *   goes back to the head of the queue and is retried after `retryMs`;
 * - while the database is failing, a queue grown past `maxQueued` moves to the spill file (memory
 *   stays bounded); spilled records come back in batches once writes succeed again, and at start.
 * `flush` writes whatever is left; `close` does too, and spills what it cannot write (on shutdown).
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
  /** The last write succeeded after failures. */
  private recovered = false;
  private readonly listeners = new Set<(event: UsageEvent) => void>();
  private readonly setAsideListeners = new Set<(count: number) => void>();
  /** Records the database refused, kept in the dead-letter table instead (since this process started). */
  setAside = 0;

  /** The spill file may hold records (this writer spilled some, or found the file at start). */
  private spillPending = false;

  constructor(
    private readonly sink: UsageSink,
    private readonly options: WriterOptions = {},
  ) {
    // Records a previous run could not write: they go first.
    if (options.spill?.exists) {
      this.spillPending = true;
      this.refill();
      this.timer = setTimeout(() => this.writeQueued(), 0).unref();
    }
  }

  record(recorded: UsageEvent): void {
    const event = sanitizeEvent(recorded);
    this.queue.push(event);
    for (const listener of this.listeners) listener(event);
    // While the database is failing (waiting to retry, or a retry under way), memory stays bounded.
    const failing = this.retrying || this.lastError !== '';
    if (failing && this.queue.length > (this.options.maxQueued ?? 10_000)) this.spillQueue();
    if (this.retrying) return;
    if (this.queue.length >= (this.options.maxBatch ?? 500)) this.writeQueued();
    else this.timer ??= setTimeout(() => this.writeQueued(), this.options.flushIntervalMs ?? 100).unref();
  }

  /** Be told the new count each time a record is set aside (the live view); returns the unsubscribe function. */
  onSetAside(listener: (count: number) => void): () => void {
    this.setAsideListeners.add(listener);
    return () => this.setAsideListeners.delete(listener);
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

  /**
   * At shutdown: write what is left, and keep what cannot be written in the spill file for the next
   * start. Rejects (with how many records are lost) only when even that fails.
   */
  async close(): Promise<void> {
    try {
      await this.flush();
    } catch (error) {
      if (!this.options.spill) throw error;
      const left = this.queue.length;
      if (!this.spillQueue()) throw error;
      this.options.onError?.(
        new Error(
          `${left} usage records kept in ${this.options.spill.path}; they are written at the next start`,
        ),
      );
    }
    this.stop();
  }

  /** Events not yet written (queued or being written), not counting those in the spill file. */
  get pending(): number {
    return this.queue.length + this.inFlight.length;
  }

  /** Moves the queue to the spill file; false (the queue kept) when the file cannot be written. */
  private spillQueue(): boolean {
    const spill = this.options.spill;
    if (!spill || this.queue.length === 0) return false;
    try {
      spill.append(this.queue);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastError)
        this.options.onError?.(new Error(`spill file ${spill.path}: ${message}`));
      this.lastError = message;
      return false;
    }
    this.spillPending = true;
    this.queue = [];
    return true;
  }

  /** Brings spilled records back ahead of the queue, a batch's worth at a time. */
  private refill(): void {
    const spill = this.options.spill;
    if (!spill || !this.spillPending) return;
    try {
      this.queue = spill.take(this.options.maxBatch ?? 500).concat(this.queue);
      this.spillPending = spill.exists;
    } catch (error) {
      this.options.onError?.(
        new Error(`spill file ${spill.path}: ${error instanceof Error ? error.message : error}`),
      );
    }
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
      result = this.sink.write(batch);
    } catch (error) {
      if (!this.sink.refusedContent(error)) {
        this.settle(batch, error);
        return;
      }
      result = Promise.reject(error);
    }
    if (!result) {
      this.settle(batch);
      this.afterWrite();
      return;
    }
    this.inFlight = batch;
    this.writing = result
      .then(
        () => this.settle(batch),
        async (error: unknown) => {
          const left = await this.writeAround(batch, error);
          this.settle(left.unwritten, left.error);
        },
      )
      .finally(() => {
        this.writing = undefined;
        this.afterWrite();
      });
  }

  /**
   * Writes a refused batch around the records the database refuses: halves are written on their
   * own, a refused half is split again, down to single records. Those are set aside only when other
   * records went in: when nothing did (every part refused, as with a trigger or a constraint that
   * blocks all writes), the database is at fault, not a record, and the whole batch is kept for the
   * retry. Returns what is left unwritten, with the failure that left it.
   */
  private async writeAround(
    batch: UsageEvent[],
    error: unknown,
  ): Promise<{ unwritten: UsageEvent[]; error?: unknown }> {
    const refused: Array<{ event: UsageEvent; error: unknown }> = [];
    const unwritten: UsageEvent[] = [];
    let written = 0;
    let failure: unknown;
    let writes = 0;
    const visit = async (events: UsageEvent[], partError: unknown): Promise<void> => {
      if (failure === undefined && !this.sink.refusedContent(partError)) failure = partError;
      // A database refusing everything (a constraint, a trigger) must not cost 2n writes per retry:
      // past a few dozen, what is left waits for the next retry (written parts stay written).
      if (failure === undefined && ++writes > MAX_ISOLATION_WRITES) failure = partError;
      if (failure !== undefined) return void unwritten.push(...events);
      if (events.length === 1) return void refused.push({ event: events[0] as UsageEvent, error: partError });
      const middle = Math.ceil(events.length / 2);
      for (const half of [events.slice(0, middle), events.slice(middle)]) {
        if (failure !== undefined) {
          unwritten.push(...half);
          continue;
        }
        try {
          await this.sink.write(half);
          written += half.length;
        } catch (halfError) {
          await visit(half, halfError);
        }
      }
    };
    await visit(batch, error);
    if (written === 0) return { unwritten: batch, error: failure ?? error };
    for (const { event } of refused) {
      // Once more, alone, now that the database took other records: a refusal that was really the
      // database's (a block lifted half way through) must not cost a record its place.
      const again = await this.tryWrite([event]);
      if (again === undefined) continue;
      const aside = this.sink.refusedContent(again) ? await this.putAside(event, again) : again;
      if (aside !== undefined) {
        unwritten.push(event);
        failure ??= aside;
      }
    }
    return { unwritten, error: failure };
  }

  /** Writes `events`; the error when that failed. */
  private async tryWrite(events: UsageEvent[]): Promise<unknown> {
    try {
      await this.sink.write(events);
      return undefined;
    } catch (error) {
      return error;
    }
  }

  /** Keeps a refused record in the dead-letter table; returns the error when even that fails. */
  private async putAside(event: UsageEvent, error: unknown): Promise<unknown> {
    const reason = error instanceof Error ? error.message : String(error);
    try {
      await this.sink.setAside(event, reason);
    } catch (asideError) {
      return asideError;
    }
    this.setAside++;
    for (const listener of this.setAsideListeners) listener(this.setAside);
    this.options.onError?.(
      new Error(
        `usage record ${event.id} was refused by the database (${reason}): kept in usage_dead_letter`,
      ),
    );
    return undefined;
  }

  private settle(batch: UsageEvent[], error?: unknown): void {
    this.inFlight = [];
    if (error === undefined || batch.length === 0) {
      // The database is back: what queued up meanwhile is already late, so it goes next, not on the timer.
      this.recovered = this.lastError !== '' || this.spillPending;
      this.lastError = '';
      if (this.spillPending && this.queue.length < (this.options.maxBatch ?? 500)) this.refill();
      return;
    }
    // Keep them, in order, ahead of anything recorded since; try again on the retry timer.
    this.queue = batch.concat(this.queue);
    this.failures++;
    const message = error instanceof Error ? error.message : String(error);
    if (message !== this.lastError) this.options.onError?.(new Error(`${message} (records kept, retrying)`));
    this.lastError = message;
    this.stop();
    this.retrying = true;
    this.timer = setTimeout(() => this.writeQueued(), this.options.retryMs ?? 1000).unref();
  }

  /**
   * Records that arrived while a batch was being written are due on the timer; after a recovery (or
   * with spilled records to bring back) the queue is already late and goes at once (on a 0 ms
   * timer, so that a synchronous backend does not recurse).
   */
  private afterWrite(): void {
    const recovered = this.recovered;
    this.recovered = false;
    if (this.retrying || this.queue.length === 0) return;
    if (recovered || this.queue.length >= (this.options.maxBatch ?? 500)) {
      this.stop();
      this.timer = setTimeout(() => this.writeQueued(), 0).unref();
    } else this.timer ??= setTimeout(() => this.writeQueued(), this.options.flushIntervalMs ?? 100).unref();
  }
}
