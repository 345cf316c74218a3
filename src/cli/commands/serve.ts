import cluster from 'node:cluster';
import type { Context } from '../context.js';
import { startGateway } from '../gateway-runtime.js';
import type { CliIo } from '../io.js';
import { type ServeOptions, stopSignal } from '../serve-options.js';

/** `ekai serve`: the gateway until SIGINT/SIGTERM, then a graceful shutdown; resolves to the exit code. */
export async function runServe(context: Context, options: ServeOptions, io: CliIo): Promise<number> {
  // A stray rejected promise is a bug to report, not a reason to drop every in-flight request.
  process.on('unhandledRejection', (reason) => {
    io.stderr.write(
      `ekai: internal error (still running): ${reason instanceof Error ? reason.message : String(reason)}\n`,
    );
  });
  // Loaded on demand: a worker needs neither Ink nor the dashboard, the primary no gateway.
  if (cluster.isWorker) {
    const { runWorker } = await import('../../cluster/worker.js');
    return runWorker(context, options, io);
  }
  if (options.workers > 1) {
    const { runPrimary } = await import('../../cluster/primary.js');
    return runPrimary(context, options, io);
  }
  const running = await startGateway(context, options.version, io);
  const { store } = running;
  const { startViews } = await import('./serve-views.js');
  const views = await startViews(
    context,
    {
      version: options.version,
      url: running.url,
      reader: store.reader,
      subscribe: (listener) => store.writer.onRecord(listener),
      watchSetAside: (listener) => store.writer.onSetAside(listener),
    },
    io,
  );
  await stopSignal();
  await views.stop();
  await running.stop();
  return 0;
}
