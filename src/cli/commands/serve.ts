import { createGateway } from '../../proxy/gateway.js';
import { openUsageStore } from '../../storage/index.js';
import type { UsageEvent } from '../../storage/usage-event.js';
import type { Context } from '../context.js';
import type { CliIo } from '../io.js';

/** How long in-flight requests may run on after Ctrl-C / SIGTERM before they are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

/** `ekai serve`: the gateway until SIGINT/SIGTERM, then a graceful shutdown; resolves to the exit code. */
export async function runServe(context: Context, options: { version: string }, io: CliIo): Promise<number> {
  const { config, providers } = context;
  const store = openUsageStore(config.db, {
    retentionDays: config.retentionDays,
    onError: (error) =>
      io.stderr.write(`ekai: usage database: ${error.message} (records kept in memory, retrying)\n`),
  });
  store.writer.onRecord((event) => io.stdout.write(`${logLine(event)}\n`));
  const gateway = createGateway({
    ...context,
    recorder: store.writer,
    usage: store.reader,
    version: options.version,
  });
  const address = await gateway.listen();
  const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
  const configured = [...providers.values()]
    .filter((provider) => provider.configured)
    .map((provider) => provider.name);
  const missing = [...providers.values()]
    .filter((provider) => !provider.configured)
    .map((provider) => provider.keyEnv);
  io.stdout.write(
    [
      `ekai ${options.version} gateway listening on ${url}`,
      `  OpenAI-compatible:    ${url}/v1   (chat/completions)`,
      `  Anthropic-compatible: ${url}      (v1/messages)`,
      `  providers: ${configured.length > 0 ? configured.join(', ') : 'none configured'}`,
      ...(missing.length > 0 ? [`  to enable more, set ${missing.join(', ')}`] : []),
      `  usage database: ${config.db}`,
      ...(config.configFile ? [`  config: ${config.configFile}`] : []),
      ...(isLoopback(config.host)
        ? []
        : [`  warning: listening on ${config.host}, beyond loopback; set gatewayKeys to require a key`]),
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  io.stdout.write('ekai: shutting down (finishing in-flight requests)\n');
  await gateway.close(SHUTDOWN_GRACE_MS);
  await store.close();
  return 0;
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
