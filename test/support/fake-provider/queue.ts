/** The queues behind `fake.inject` and `fake.script`: first matching entry wins, `count` times. */
import type { Dialect, ProviderName, QueueOptions } from './types.js';

/** Without an explicit dialect, queued items only hit generation requests. */
const GENERATION: readonly Dialect[] = ['chat', 'messages', 'responses'];

interface Entry<T> {
  item: T;
  provider?: ProviderName;
  dialect?: Dialect;
  remaining: number;
}

export class MatchQueue<T> {
  #entries: Entry<T>[] = [];

  push(item: T, options: QueueOptions = {}): void {
    const count = options.count ?? 1;
    if (!(count > 0)) throw new RangeError(`count must be positive, got ${count}`);
    this.#entries.push({ item, provider: options.provider, dialect: options.dialect, remaining: count });
  }

  /** Takes the first entry matching the request, or undefined. */
  take(provider: ProviderName, dialect: Dialect): T | undefined {
    const index = this.#entries.findIndex(
      (entry) =>
        (entry.provider === undefined || entry.provider === provider) &&
        (entry.dialect === undefined ? GENERATION.includes(dialect) : entry.dialect === dialect),
    );
    const entry = this.#entries[index];
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.#entries.splice(index, 1);
    return entry.item;
  }

  clear(): void {
    this.#entries = [];
  }
}
