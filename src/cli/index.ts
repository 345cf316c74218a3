import meow from 'meow';
import { ConfigError } from '../config/errors.js';
import { HELP } from './help.js';
import { type CliIo, processIo } from './io.js';
import { checkCommand, checkFlags, checkWorkers, FLAGS, splitArgs, UsageError } from './parse-args.js';

/** Run the ekai command line; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      io.stderr.write(`ekai: ${error.message}\n`);
      return error instanceof UsageError ? 2 : 1;
    }
    throw error;
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { own, command, passThrough } = splitArgs(argv);
  checkCommand(command);
  checkFlags(own, command);
  const cli = meow(HELP, {
    importMeta: import.meta,
    argv: own,
    flags: FLAGS,
    description: false,
    booleanDefault: undefined,
    autoHelp: false,
    autoVersion: false,
  });
  if (cli.flags.version) {
    io.stdout.write(`${cli.pkg.version}\n`);
    return 0;
  }
  if (cli.flags.help || command === undefined) {
    io.stdout.write(`${cli.help}\n`);
    return command === undefined && !cli.flags.help ? 2 : 0;
  }
  const extra = cli.input.slice(1);
  if (extra.length > 0 && command !== 'claude' && command !== 'codex') {
    throw new UsageError(`ekai ${command} takes no arguments (got ${extra.join(' ')}); see ekai --help`);
  }
  // Loaded on demand: Ink alone costs ~0.3 s of start-up that --help and --version need not pay.
  // A bad --workers is a usage mistake, refused before anything loads (config and EKAI_WORKERS are
  // checked with the rest of the settings).
  if (cli.flags.workers !== undefined) checkWorkers(cli.flags.workers);
  const { loadContext } = await import('./context.js');
  const context = await loadContext(cli.flags, io);
  if (command === 'stats') {
    const [{ runStats }, { statsSourceFor }] = await Promise.all([
      import('./commands/stats.js'),
      import('./commands/stats-source.js'),
    ]);
    const source = await statsSourceFor(context.config.db);
    const proxyUrl = `http://${context.config.host}:${context.config.port}`;
    return runStats(source, { json: cli.flags.json === true, since: cli.flags.since, proxyUrl }, io);
  }
  if (command === 'claude' || command === 'codex') {
    const [{ runTool }, tools] = await Promise.all([
      import('./commands/run-tool.js'),
      import('./commands/tools.js'),
    ]);
    const tool = command === 'claude' ? tools.claudeCode : tools.codex;
    return runTool(tool, passThrough, context, { version: cli.pkg.version ?? '0.0.0' }, io);
  }
  if (command === 'serve') {
    const { runServe } = await import('./commands/serve.js');
    const workers = context.config.workers;
    return runServe(context, { version: cli.pkg.version ?? '0.0.0', workers, argv: own }, io);
  }
  const { runModels } = await import('./commands/models.js');
  return runModels(context, { json: cli.flags.json === true, provider: cli.flags.provider }, io);
}
