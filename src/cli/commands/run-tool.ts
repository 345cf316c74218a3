import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { Context } from '../context.js';
import { type RunningGateway, startGateway } from '../gateway-runtime.js';
import type { CliIo } from '../io.js';

/** A coding tool ekai can run through itself (`ekai claude`, `ekai codex`). */
export interface Tool {
  /** The executable, looked up on PATH. */
  command: string;
  /** What to tell a user who does not have it. */
  install: string;
  /** The tool's arguments and environment for a gateway at `url` (with `key` as the client credential). */
  prepare(
    args: readonly string[],
    gateway: { url: string; key: string },
  ): { args: string[]; env: NodeJS.ProcessEnv };
}

/**
 * Run `tool` against the gateway on the configured port: the one already running there, or one
 * started inside this process for as long as the tool runs. Arguments, stdio and signals pass
 * through; the exit code is the tool's.
 */
export async function runTool(
  tool: Tool,
  args: readonly string[],
  context: Context,
  options: { version: string },
  io: CliIo,
): Promise<number> {
  const { config } = context;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  const running = (await answersAsEkai(url))
    ? undefined
    : await startOwnGateway(context, options.version, io, url);
  try {
    // Without gateway keys any credential will do; the tools insist on having one.
    const key = config.gatewayKeys[0] ?? 'ekai-local';
    const prepared = tool.prepare(args, { url: running?.url ?? url, key });
    return await spawnTool(tool, prepared, io);
  } finally {
    await running?.stop();
  }
}

/** Is an ekai gateway already listening there? (/health answers with ekai's shape.) */
async function answersAsEkai(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    const body = (await response.json()) as { status?: unknown; providers?: unknown };
    return body.status === 'ok' && typeof body.providers === 'object';
  } catch {
    return false;
  }
}

async function startOwnGateway(
  context: Context,
  version: string,
  io: CliIo,
  url: string,
): Promise<RunningGateway> {
  try {
    return await startGateway(context, version, io);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`${url} is taken by something that is not an ekai gateway; choose another --port`);
    }
    throw error;
  }
}

function spawnTool(
  tool: Tool,
  prepared: { args: string[]; env: NodeJS.ProcessEnv },
  io: CliIo,
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(tool.command, prepared.args, { stdio: 'inherit', env: prepared.env });
    // Ctrl-C reaches the tool directly (same terminal process group): ekai only waits for it to end.
    const ignoreInterrupt = () => {};
    const forwardTerminate = () => child.kill('SIGTERM');
    process.on('SIGINT', ignoreInterrupt);
    process.on('SIGTERM', forwardTerminate);
    const cleanUp = () => {
      process.off('SIGINT', ignoreInterrupt);
      process.off('SIGTERM', forwardTerminate);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      cleanUp();
      if (error.code === 'ENOENT') {
        io.stderr.write(
          `ekai: ${tool.command} is not installed (or not on PATH). Install it with:\n  ${tool.install}\n`,
        );
        resolve(127);
        return;
      }
      io.stderr.write(`ekai: could not start ${tool.command}: ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      cleanUp();
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 1) : 1));
    });
  });
}
