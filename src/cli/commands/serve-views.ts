import { isLoopback } from '../../net/loopback.js';
import { describeLocation } from '../../storage/location.js';
import type { UsageReader } from '../../storage/usage-reader.js';
import { startLiveView } from '../../tui/live/index.js';
import type { UsageEvent } from '../../usage/event.js';
import { startDashboard } from '../../web/index.js';
import type { Context } from '../context.js';
import type { CliIo } from '../io.js';
import { logLine } from './log-line.js';

export interface ViewsOptions {
  version: string;
  /** The gateway's http://host:port. */
  url: string;
  /** Where the dashboard reads usage from. */
  reader: UsageReader;
  /** Every finished request, as it is recorded (by this process, or forwarded by the workers). */
  subscribe: (listener: (event: UsageEvent) => void) => () => void;
  /** With --workers: their process ids, for the banner. */
  workerPids?: number[];
  /** Told when the usage database refuses a record (shown in the live view's footer). */
  watchSetAside?: (listener: (count: number) => void) => () => void;
}

export interface RunningViews {
  /** Stop the live view, say so, and close the dashboard (its event streams end first). */
  stop(): Promise<void>;
}

/**
 * What `ekai serve` shows around the gateway: the web dashboard, and on a terminal the live view,
 * else the start-up banner and one log line per request. The same whether the gateway runs in this
 * process or in workers.
 */
export async function startViews(context: Context, options: ViewsOptions, io: CliIo): Promise<RunningViews> {
  const { config, providers, catalog } = context;
  // A catalog in an old spelling still loads; each such file says once how to write it now.
  for (const note of catalog.deprecations) io.stderr.write(`ekai: warning: ${note}\n`);
  if (!isLoopback(config.host) && config.gatewayKeys.length === 0) {
    io.stderr.write(
      `ekai: warning: listening on ${config.host}, beyond loopback, without gatewayKeys: anyone who can reach it spends your keys\n`,
    );
  }
  const dashboard = config.dashboard
    ? await startDashboard(
        {
          reader: options.reader,
          subscribe: options.subscribe,
          host: config.host,
          port: config.dashboardPort,
          gatewayKeys: config.gatewayKeys,
          gatewayUrl: options.url,
        },
        (line) => io.stderr.write(line),
      )
    : undefined;
  const live = config.tui && io.stdout.isTTY;
  const view = live
    ? startLiveView(
        {
          version: options.version,
          urls: { proxy: options.url, dashboard: dashboard?.url },
          providers: [...providers.values()],
          configFile: config.configFile,
        },
        options.subscribe,
        { stdout: io.stdout },
        { ...(options.watchSetAside && { watchSetAside: options.watchSetAside }) },
      )
    : undefined;
  if (!view) {
    printBanner(io, options, context, dashboard?.url);
    options.subscribe((event) => io.stdout.write(`${logLine(event)}\n`));
  }
  return {
    async stop() {
      await view?.stop();
      io.stdout.write('ekai: shutting down (finishing in-flight requests)\n');
      await dashboard?.close();
    },
  };
}

/** Plain start-up lines, for logs and pipes (the live view shows the same on a terminal). */
function printBanner(
  io: CliIo,
  options: ViewsOptions,
  { config, providers }: Context,
  dashboardUrl?: string,
) {
  const { url, version, workerPids } = options;
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
      ...(workerPids ? [`  workers: ${workerPids.length} (pids ${workerPids.join(', ')})`] : []),
      `  usage database: ${describeLocation(config.db)}`,
      ...(config.configFile ? [`  config: ${config.configFile}`] : []),
      '',
    ].join('\n'),
  );
}
