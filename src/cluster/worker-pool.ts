import cluster, { type Worker } from 'node:cluster';
import type { UsageEvent } from '../usage/event.js';
import { sendToWorker } from './ipc.js';
import { isMessage, type WorkerMessage } from './messages.js';
import { MetricsGatherer } from './metrics-gatherer.js';

/** A crash loop (a bad disk, a bug hit by every request) must end: at most this many restarts a minute. */
const RESTART_LIMIT = 5;
const RESTART_WINDOW_MS = 60_000;

export interface WorkerPoolOptions {
  count: number;
  /** The script each worker runs, and its arguments (ekai's own bin and flags). */
  exec: string;
  args: readonly string[];
  /** Added to each worker's environment. */
  env: Record<string, string>;
  /** A finished request, forwarded by a worker. */
  onEvent: (event: UsageEvent) => void;
  /** Lifecycle news for the operator (stderr). */
  log: (line: string) => void;
}

export interface Listening {
  address: string;
  port: number;
}

/**
 * The primary's workers (node:cluster): started together, each restarted when it dies while
 * running (bounded), all stopped gracefully together. The cluster module shares the listening
 * socket, so every worker serves the same port.
 */
export class WorkerPool {
  private readonly ready = new Map<number, Worker>();
  private readonly metrics = new MetricsGatherer();
  private readonly restarts: number[] = [];
  private running = false;
  private stopping = false;
  private giveUp: (reason: string) => void = () => {};
  /** Resolves, with the reason, when workers keep dying and the pool stopped replacing them. */
  readonly failed = new Promise<string>((resolve) => {
    this.giveUp = resolve;
  });

  constructor(private readonly options: WorkerPoolOptions) {}

  /** Fork every worker; resolves once all listen, rejects if one exits first. */
  async start(): Promise<Listening> {
    cluster.setupPrimary({ exec: this.options.exec, args: [...this.options.args] });
    const listening = await Promise.all(Array.from({ length: this.options.count }, () => this.fork()));
    this.running = true;
    return listening[0] as Listening;
  }

  pids(): number[] {
    return [...this.ready.values()].map((worker) => worker.process.pid ?? 0);
  }

  /**
   * Ask every worker to stop (each finishes its in-flight requests and flushes its usage), kill
   * those still there after `graceMs`; resolves true when all of them exited cleanly.
   */
  async stop(graceMs: number): Promise<boolean> {
    this.stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => !!worker);
    const results = await Promise.all(
      workers.map(
        (worker) =>
          new Promise<boolean>((resolve) => {
            if (worker.isDead()) return resolve(worker.process.exitCode === 0);
            // One still starting may not listen for messages yet, and serves nothing: a signal ends it.
            const starting = !this.ready.has(worker.id);
            const timer = setTimeout(() => worker.process.kill('SIGKILL'), graceMs);
            worker.once('exit', (code, signal) => {
              clearTimeout(timer);
              resolve(starting || (code === 0 && !signal));
            });
            if (starting) worker.process.kill('SIGTERM');
            else sendToWorker(worker, { type: 'ekai:stop' });
          }),
      ),
    );
    return results.every(Boolean);
  }

  private fork(): Promise<Listening> {
    const worker = cluster.fork(this.options.env);
    return new Promise((resolve, reject) => {
      worker.on('message', (message: unknown) => {
        if (!isMessage<WorkerMessage>(message)) return;
        if (message.type === 'ekai:ready') {
          this.ready.set(worker.id, worker);
          resolve({ address: message.address, port: message.port });
        } else this.onMessage(worker, message);
      });
      worker.once('exit', (code, signal) => {
        const wasReady = this.ready.delete(worker.id);
        this.metrics.retire(worker.id);
        const how = signal ? `signal ${signal}` : `code ${code}`;
        if (!wasReady) reject(new Error(`a worker exited while starting (${how})`));
        if (this.running && !this.stopping) this.replace(worker, how);
      });
    });
  }

  private onMessage(worker: Worker, message: WorkerMessage): void {
    if (message.type === 'ekai:usage') this.options.onEvent(message.event);
    else if (message.type === 'ekai:metrics-snapshot') this.metrics.answer(message.id, message.snapshot);
    else if (message.type === 'ekai:metrics-request') {
      void this.metrics.gather([...this.ready.values()]).then((snapshot) => {
        sendToWorker(worker, { type: 'ekai:metrics-result', id: message.id, snapshot });
      });
    }
  }

  private replace(dead: Worker, how: string): void {
    const now = Date.now();
    while (this.restarts.length > 0 && (this.restarts[0] ?? 0) < now - RESTART_WINDOW_MS)
      this.restarts.shift();
    if (this.restarts.length >= RESTART_LIMIT) {
      this.giveUp(`workers keep exiting (${RESTART_LIMIT} restarts within a minute); stopping`);
      return;
    }
    this.restarts.push(now);
    this.options.log(`ekai: worker ${dead.process.pid} exited (${how}); starting a new one`);
    this.fork().then(
      (listening) => this.options.log(`ekai: worker restarted, listening on port ${listening.port}`),
      () => {}, // its exit is handled (and counted) like any other
    );
  }
}
