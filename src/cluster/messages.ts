import type { MetricsSnapshot } from '../metrics/index.js';
import type { UsageEvent } from '../usage/event.js';

/**
 * What the primary and its workers say to each other over the cluster's IPC channel. Types carry
 * an `ekai:` prefix so that nothing else on the channel is mistaken for one of them.
 */
export type WorkerMessage =
  /** The gateway listens (all workers share one port). */
  | { type: 'ekai:ready'; port: number; address: string }
  /** A finished request, for the primary's live view and dashboard. */
  | { type: 'ekai:usage'; event: UsageEvent }
  /** GET /metrics reached this worker: it asks for every worker's metrics added up. */
  | { type: 'ekai:metrics-request'; id: number }
  /** This worker's own metrics, answering `ekai:metrics-collect`. */
  | { type: 'ekai:metrics-snapshot'; id: number; snapshot: MetricsSnapshot };

export type PrimaryMessage =
  | { type: 'ekai:stop' }
  | { type: 'ekai:metrics-collect'; id: number }
  | { type: 'ekai:metrics-result'; id: number; snapshot: MetricsSnapshot };

/** Set by the primary in each worker's environment: forward events to it, or print log lines. */
export const WORKER_EVENTS_ENV = 'EKAI_WORKER_EVENTS';

export function isMessage<T extends { type: string }>(value: unknown): value is T {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    (value as { type: string }).type.startsWith('ekai:')
  );
}
