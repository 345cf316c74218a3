import type { Worker } from 'node:cluster';
import { type MetricsSnapshot, mergeSnapshots } from '../metrics/index.js';
import { sendToWorker } from './ipc.js';

/** A worker that does not answer within this time is left out of the scrape (it may be stuck or exiting). */
const COLLECT_TIMEOUT_MS = 1000;

/**
 * The primary's side of GET /metrics with --workers: ask every worker for its snapshot and add them
 * up, plus what exited workers had counted, so that the sums do not fall when a crashed worker is
 * replaced (its counts since the previous scrape are lost with it).
 */
export class MetricsGatherer {
  private lastId = 0;
  private readonly pending = new Map<number, (snapshot: MetricsSnapshot | undefined) => void>();
  private readonly latest = new Map<number, MetricsSnapshot>();
  private retired: MetricsSnapshot = { families: [] };

  async gather(workers: readonly Worker[]): Promise<MetricsSnapshot> {
    const snapshots = await Promise.all(workers.map((worker) => this.ask(worker)));
    return mergeSnapshots([
      this.retired,
      ...snapshots.filter((snapshot): snapshot is MetricsSnapshot => snapshot !== undefined),
    ]);
  }

  /** A worker's answer to `ekai:metrics-collect`. */
  answer(id: number, snapshot: MetricsSnapshot): void {
    this.pending.get(id)?.(snapshot);
  }

  /** A worker exited: keep its counters and histograms as last seen; its gauges end with it. */
  retire(workerId: number): void {
    const last = this.latest.get(workerId);
    this.latest.delete(workerId);
    if (!last) return;
    const kept = last.families.filter((family) => family.type !== 'gauge');
    this.retired = mergeSnapshots([this.retired, { families: kept }]);
  }

  private ask(worker: Worker): Promise<MetricsSnapshot | undefined> {
    const id = ++this.lastId;
    return new Promise((resolve) => {
      const done = (snapshot: MetricsSnapshot | undefined) => {
        clearTimeout(timer);
        this.pending.delete(id);
        if (snapshot) this.latest.set(worker.id, snapshot);
        resolve(snapshot);
      };
      const timer = setTimeout(() => done(undefined), COLLECT_TIMEOUT_MS);
      this.pending.set(id, done);
      if (!sendToWorker(worker, { type: 'ekai:metrics-collect', id })) done(undefined);
    });
  }
}
