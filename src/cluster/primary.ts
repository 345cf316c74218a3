import { fileURLToPath } from 'node:url';
import { startViews } from '../cli/commands/serve-views.js';
import type { Context } from '../cli/context.js';
import { SHUTDOWN_GRACE_MS, urlOf } from '../cli/gateway-runtime.js';
import type { CliIo } from '../cli/io.js';
import { type ServeOptions, stopSignal } from '../cli/serve-options.js';
import { openUsageStore } from '../storage/index.js';
import type { UsageEvent } from '../usage/event.js';
import { WORKER_EVENTS_ENV } from './messages.js';
import { type Listening, WorkerPool } from './worker-pool.js';

/** Workers run ekai's own entry (from dist/cluster or src/cluster alike), with the primary's flags. */
const EKAI_BIN = fileURLToPath(new URL('../../bin/ekai.js', import.meta.url));

/**
 * The primary of `ekai serve --workers N`: it serves no requests itself. It forks the workers,
 * shows the banner (or the live view) and runs the dashboard once for all of them, restarts a
 * worker that dies, and on SIGINT/SIGTERM stops them all gracefully. Exit code 0 when every worker
 * stopped cleanly.
 */
export async function runPrimary(context: Context, options: ServeOptions, io: CliIo): Promise<number> {
  const { config } = context;
  // Caught from the start: a signal during start-up, too, stops the workers gracefully.
  const signalled = stopSignal();
  // Opened before any worker: one process creates and migrates a new database (several migrating
  // the same fresh file at once would race), and the dashboard reads through this connection.
  const store = await openUsageStore(config.db);
  const listeners = new Set<(event: UsageEvent) => void>();
  // Events cross the IPC channel only when something here shows them; else workers print their own.
  const showsEvents = config.dashboard || (config.tui && io.stdout.isTTY === true);
  const pool = new WorkerPool({
    count: options.workers,
    exec: EKAI_BIN,
    args: options.argv,
    env: { [WORKER_EVENTS_ENV]: showsEvents ? 'forward' : 'log' },
    onEvent: (event) => {
      for (const listener of listeners) listener(event);
    },
    log: (line) => io.stderr.write(`${line}\n`),
  });
  const graceMs = SHUTDOWN_GRACE_MS + 5000;
  let listening: Listening;
  try {
    listening = await pool.start();
  } catch (error) {
    io.stderr.write(`ekai: ${error instanceof Error ? error.message : String(error)}\n`);
    await pool.stop(graceMs);
    await store.close();
    return 1;
  }
  const views = await startViews(
    context,
    {
      version: options.version,
      url: urlOf(listening),
      reader: store.reader,
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      workerPids: pool.pids(),
    },
    io,
  );
  const ended = await Promise.race([signalled.then(() => undefined), pool.failed]);
  // Workers start finishing their requests at once, while the views close.
  const stopped = pool.stop(graceMs);
  await views.stop();
  const clean = await stopped;
  await store.close();
  if (ended) io.stderr.write(`ekai: ${ended}\n`);
  return clean && !ended ? 0 : 1;
}
