import { SpillFile, spillPathFor } from './spill.js';
import type { UsageReader } from './usage-reader.js';
import type { UsageWriter, WriterOptions } from './usage-writer.js';

/** A usage store: the batched writer and the reader over one database, SQLite or PostgreSQL. */
export interface UsageStore {
  readonly backend: 'sqlite' | 'postgres';
  /** Queues records (sync, never blocks the response), writes them in batches; `onRecord` for live views. */
  writer: UsageWriter;
  reader: UsageReader;
  /** Write what is queued and close the database. */
  close(): Promise<void>;
}

export interface StoreOptions extends Omit<WriterOptions, 'spill'> {
  /** Delete records (and hourly sums) older than this many days; 0 or absent keeps everything. */
  retentionDays?: number | undefined;
  /** The spill file (`spillPathFor(location)` unless given; null for none). */
  spillPath?: string | null;
}

/** The writer's options for a store at `location`: its spill file included. */
export function writerOptions(location: string, options: StoreOptions): WriterOptions {
  const path = options.spillPath === undefined ? spillPathFor(location) : options.spillPath;
  return { ...options, ...(path && { spill: new SpillFile(path) }) };
}

const RETENTION_CHECK_MS = 6 * 3_600_000;

/**
 * Runs `prune` now and every six hours until `stop`; `first` settles when the first run is done.
 * A failure (a lock, the server away) is reported and tried again next time: it must not take the
 * process down.
 */
export function pruneEvery(
  retentionDays: number | undefined,
  prune: (cutoff: number) => unknown,
  onError: ((error: Error) => void) | undefined,
): { first: Promise<void>; stop: () => void } {
  const retentionMs = (retentionDays ?? 0) * 86_400_000;
  if (!retentionMs) return { first: Promise.resolve(), stop: () => {} };
  const run = async () => {
    try {
      await prune(Date.now() - retentionMs);
    } catch (error) {
      onError?.(error instanceof Error ? error : new Error(String(error)));
    }
  };
  const first = run();
  const timer = setInterval(run, RETENTION_CHECK_MS).unref();
  return { first, stop: () => clearInterval(timer) };
}
