import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { ResolvedProvider } from '../../config/providers.js';
import type { Context } from '../context.js';
import { type RunningGateway, startGateway } from '../gateway-runtime.js';
import type { CliIo } from '../io.js';
import { type ClaudeCodePrice, claudeCodePricing } from './claude-pricing.js';

/** A coding tool ekai can run through itself (`ekai claude`, `ekai codex`). */
export interface Tool {
  /** The executable, looked up on PATH. */
  command: string;
  /** What to tell a user who does not have it. */
  install: string;
  /**
   * The tool's arguments and environment for a gateway at `url`, with `key` as the client credential
   * and `env` (this process's environment without provider keys) to start from.
   */
  prepare(
    args: readonly string[],
    gateway: {
      url: string;
      key: string;
      env: NodeJS.ProcessEnv;
      /** What each model costs through the gateway, by every name a client may send (claude-pricing.ts). */
      prices?: Readonly<Record<string, ClaudeCodePrice>>;
    },
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
    const env = withoutProviderKeys(process.env, context.providers);
    const prices = claudeCodePricing(context.catalog, context.providers);
    const prepared = tool.prepare(args, { url: running?.url ?? url, key, env, prices });
    return await spawnTool(tool, prepared, io);
  } finally {
    await running?.stop();
  }
}

/**
 * The environment a tool runs in: never a provider key. The gateway holds those; a tool that sees
 * one sends it (Claude Code sends `ANTHROPIC_API_KEY` as `x-api-key`, which fails against gateway
 * keys) or may leak it. Removed by the providers' variable names and, under any other name, by value.
 */
export function withoutProviderKeys(
  env: NodeJS.ProcessEnv,
  providers: ReadonlyMap<string, ResolvedProvider>,
): NodeJS.ProcessEnv {
  const names = new Set([...providers.values()].map((provider) => provider.keyEnv));
  const keys = new Set(
    [...providers.values()].flatMap((provider) => (provider.apiKey ? [provider.apiKey] : [])),
  );
  return Object.fromEntries(
    Object.entries(env).filter(
      ([name, value]) => !names.has(name) && !(value !== undefined && keys.has(value.trim())),
    ),
  );
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
