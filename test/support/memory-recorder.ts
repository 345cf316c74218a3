import type { UsageEvent, UsageRecorder } from '../../src/usage/event.js';

/** Keeps events in memory and tells listeners: the recorder of gateways under test. */
export class MemoryRecorder implements UsageRecorder {
  readonly events: UsageEvent[] = [];
  private readonly listeners = new Set<(event: UsageEvent) => void>();

  record(event: UsageEvent): void {
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
  }

  async flush(): Promise<void> {}

  onRecord(listener: (event: UsageEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
