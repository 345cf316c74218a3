import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { BIN_FOLDER } from './agent-clis.js';
import { CLAUDE_OFFLINE_ENV } from './claude-code.js';
import { EKAI_BIN } from './cli.js';

export interface EkaiRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The built `ekai` as users run it (`ekai claude …`, `ekai serve …`) in `folder` (its working
 * directory and HOME), with the real agent CLIs on PATH and Claude Code kept offline; killed after
 * `timeoutMs` so a hung run fails its test instead of the suite.
 */
export function spawnEkai(
  args: string[],
  folder: string,
  options: { path?: string; env?: Record<string, string>; timeoutMs?: number } = {},
) {
  const child = spawn(process.execPath, [EKAI_BIN, ...args], {
    cwd: folder,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: options.path ?? `${BIN_FOLDER}:${dirname(process.execPath)}`,
      HOME: folder,
      ...CLAUDE_OFFLINE_ENV,
      ...options.env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  return {
    child,
    done: new Promise<EkaiRun>((resolve) =>
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      }),
    ),
  };
}
