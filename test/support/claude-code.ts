import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireCli } from './agent-clis.js';

export const CLAUDE_BIN = requireCli('claude');

/** Claude Code run offline: no telemetry, no error reports, no side traffic, no updater. */
export const CLAUDE_OFFLINE_ENV = {
  DISABLE_TELEMETRY: '1',
  DISABLE_ERROR_REPORTING: '1',
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  DISABLE_AUTOUPDATER: '1',
} as const;

export interface ClaudeRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The scratch folder it ran in (its HOME and working directory). */
  folder: string;
}

/** A scratch folder (Claude Code's HOME and working directory) holding `files`. */
export function scratchFolder(files: Record<string, string> = {}): string {
  const folder = mkdtempSync(join(tmpdir(), 'ekai-claude-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  return folder;
}

/**
 * Run the real Claude Code CLI (`claude -p`) against a gateway, offline: scratch HOME, no
 * telemetry, no updater, stdin closed, bounded by a timeout.
 */
export function runClaude(
  gatewayUrl: string,
  args: string[],
  options: { model: string; smallFastModel?: string; folder?: string; timeoutMs?: number },
): Promise<ClaudeRun> {
  const folder = options.folder ?? scratchFolder();
  const child = spawn(CLAUDE_BIN, ['-p', ...args], {
    cwd: folder,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: folder,
      ANTHROPIC_BASE_URL: gatewayUrl,
      ANTHROPIC_API_KEY: 'sk-ant-client-key-not-forwarded',
      ANTHROPIC_MODEL: options.model,
      ANTHROPIC_SMALL_FAST_MODEL: options.smallFastModel ?? options.model,
      ...CLAUDE_OFFLINE_ENV,
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
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, folder });
    });
  });
}
