import type { UsageEvent } from '../../storage/usage-event.js';
import { startLiveView } from '../../tui/live/index.js';
import { startDashboard } from '../../web/index.js';
import type { Context } from '../context.js';
import { startGateway } from '../gateway-runtime.js';
import type { CliIo } from '../io.js';

/** `ekai serve`: the gateway until SIGINT/SIGTERM, then a graceful shutdown; resolves to the exit code. */
export async function runServe(context: Context, options: { version: string }, io: CliIo): Promise<number> {
  const { config, providers } = context;
  // A stray rejected promise is a bug to report, not a reason to drop every in-flight request.
  process.on('unhandledRejection', (reason) => {
    io.stderr.write(
      `ekai: internal error (still running): ${reason instanceof Error ? reason.message : String(reason)}\n`,
    );
  });
  const running = await startGateway(context, options.version, io);
  const { store, url } = running;
  if (!isLoopback(config.host) && config.gatewayKeys.length === 0) {
    io.stderr.write(
      `ekai: warning: listening on ${config.host}, beyond loopback, without gatewayKeys: anyone who can reach it spends your keys\n`,
    );
  }
  const dashboard = config.dashboard
    ? await startDashboard(
        {
          reader: store.reader,
          subscribe: (listener) => store.writer.onRecord(listener),
          host: config.host,
          port: config.dashboardPort,
          gatewayKeys: config.gatewayKeys,
          gatewayUrl: url,
        },
        (line) => io.stderr.write(line),
      )
    : undefined;
  const live = config.tui && io.stdout.isTTY;
  const view = live
    ? startLiveView(
        {
          version: options.version,
          urls: { proxy: url, dashboard: dashboard?.url },
          providers: [...providers.values()],
          configFile: config.configFile,
        },
        (listener) => store.writer.onRecord(listener),
        { stdout: io.stdout },
      )
    : undefined;
  if (!view) {
    printBanner(io, options.version, url, context, dashboard?.url);
    store.writer.onRecord((event) => io.stdout.write(`${logLine(event)}\n`));
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await view?.stop();
  io.stdout.write('ekai: shutting down (finishing in-flight requests)\n');
  // First the dashboard: its open event streams end, so browsers show the banner, not a hang.
  await dashboard?.close();
  await running.stop();
  return 0;
}

/** Plain start-up lines, for logs and pipes (the live view shows the same on a terminal). */
function printBanner(
  io: CliIo,
  version: string,
  url: string,
  { config, providers }: Context,
  dashboardUrl?: string,
): void {
  const configured = [...providers.values()]
    .filter((provider) => provider.configured)
    .map((provider) => provider.name);
  const missing = [...providers.values()]
    .filter((provider) => !provider.configured)
    .map((provider) => provider.keyEnv);
  io.stdout.write(
    [
      `ekai ${version} gateway listening on ${url}`,
      `  OpenAI-compatible:    ${url}/v1   (chat/completions)`,
      `  Anthropic-compatible: ${url}      (v1/messages)`,
      `  providers: ${configured.length > 0 ? configured.join(', ') : 'none configured'}`,
      ...(missing.length > 0 ? [`  to enable more, set ${missing.join(', ')}`] : []),
      ...(dashboardUrl ? [`  dashboard:            ${dashboardUrl}`] : []),
      `  usage database: ${config.db}`,
      ...(config.configFile ? [`  config: ${config.configFile}`] : []),
      '',
    ].join('\n'),
  );
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** One plain line per finished request: no prompt text, no keys. */
export function logLine(event: UsageEvent): string {
  const time = new Date(event.ts).toISOString().slice(11, 19);
  const cost = event.costUsd === null ? '$?' : `$${event.costUsd.toFixed(4)}`;
  const route = event.provider ? `${event.provider}/${event.upstreamModel}` : event.requestedModel || '-';
  const tokens = `in ${event.inputTokens + event.cacheReadTokens + event.cacheWriteTokens} out ${event.outputTokens}`;
  const error = event.errorMessage ? `  ${event.outcome}: ${event.errorMessage}` : '';
  const warnings = event.warnings.length > 0 ? `  (${event.warnings.length} translation warnings)` : '';
  return `${time} ${event.status} ${event.clientDialect} ${route} ${tokens} ${cost} ${event.latencyMs}ms${error}${warnings}`;
}
