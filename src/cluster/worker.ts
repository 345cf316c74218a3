import cluster from 'node:cluster';
import { logLine } from '../cli/commands/log-line.js';
import type { Context } from '../cli/context.js';
import { startGateway } from '../cli/gateway-runtime.js';
import type { CliIo } from '../cli/io.js';
import type { GatewayMetrics, MetricsSnapshot } from '../metrics/index.js';
import { sendToPrimary } from './ipc.js';
import { isMessage, type PrimaryMessage, WORKER_EVENTS_ENV } from './messages.js';

/** A scrape waits this long for the primary's sum before it shows this worker's metrics alone. */
const AGGREGATE_TIMEOUT_MS = 3000;

/**
 * One worker of `ekai serve --workers N`: the whole gateway with its own usage writer, on the port
 * the cluster shares. It stops gracefully (in-flight requests finish, usage is flushed) on SIGINT,
 * SIGTERM, the primary's stop message, or when the primary is gone.
 */
export async function runWorker(context: Context, options: { version: string }, io: CliIo): Promise<number> {
  let metrics: GatewayMetrics | undefined;
  const answers = new Map<number, (snapshot: MetricsSnapshot) => void>();
  // Node makes a worker whose IPC channel closes exit(0) at once, unless this is set: then losing
  // the primary stops it gracefully below (requests finish, usage is written), and a worker that
  // failed keeps its own exit code.
  if (cluster.worker) cluster.worker.exitedAfterDisconnect = true;
  // Listening before the gateway starts: a stop asked for during start-up must not be lost.
  const stopped = new Promise<void>((resolve) => {
    process.on('message', (message: unknown) => {
      if (!isMessage<PrimaryMessage>(message)) return;
      if (message.type === 'ekai:stop') resolve();
      else if (message.type === 'ekai:metrics-collect' && metrics) {
        sendToPrimary({ type: 'ekai:metrics-snapshot', id: message.id, snapshot: metrics.snapshot() });
      } else if (message.type === 'ekai:metrics-result') answers.get(message.id)?.(message.snapshot);
    });
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
    process.once('disconnect', () => resolve());
  });
  try {
    const running = await startGateway(context, options.version, io);
    const { gateway } = running;
    metrics = gateway.metrics;
    if (process.env[WORKER_EVENTS_ENV] === 'forward') {
      gateway.onRecord((event) => sendToPrimary({ type: 'ekai:usage', event }));
    } else {
      // Nobody in the primary shows events: each worker prints its own lines (cheaper than IPC).
      gateway.onRecord((event) => io.stdout.write(`${logLine(event)}\n`));
    }
    aggregateThroughPrimary(gateway.metrics, answers);
    sendToPrimary({ type: 'ekai:ready', port: running.address.port, address: running.address.address });
    await stopped;
    await running.stop();
    return 0;
  } finally {
    // The IPC channel would keep this process alive; closing it lets it exit once everything is done.
    if (process.connected) process.disconnect();
  }
}

/** Scrapes of this worker ask the primary, which adds up every worker's snapshot; `answers` by request id. */
function aggregateThroughPrimary(
  metrics: GatewayMetrics,
  answers: Map<number, (snapshot: MetricsSnapshot) => void>,
): void {
  let lastId = 0;
  metrics.aggregateWith(
    () =>
      new Promise((resolve) => {
        const id = ++lastId;
        const answer = (snapshot: MetricsSnapshot) => {
          clearTimeout(timer);
          answers.delete(id);
          resolve(snapshot);
        };
        // No answer (the primary busy or gone): this worker's own numbers, which its
        // ekai_worker_processes gauge of 1 makes recognisable.
        const timer = setTimeout(() => answer(metrics.snapshot()), AGGREGATE_TIMEOUT_MS);
        answers.set(id, answer);
        if (!sendToPrimary({ type: 'ekai:metrics-request', id })) answer(metrics.snapshot());
      }),
  );
}
