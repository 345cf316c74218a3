import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BIN_FOLDER } from './agent-clis.js';
import { freePort } from './cli.js';
import { spawnEkai } from './ekai-tool.js';
import { FAKE_KEYS, type FakeProvider, type ProviderName } from './fake-provider/index.js';

/**
 * A scratch project for `ekai codex`: a .ekairc.yaml pointing `providers` at the fake (a free port,
 * a SQLite file in the folder), an empty CODEX_HOME under it, and `files`.
 */
export async function codexProject(
  fake: FakeProvider,
  providers: readonly ProviderName[],
  files: Record<string, string> = {},
): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'ekai-codex-'));
  mkdirSync(join(folder, '.codex'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  const lines = providers.map(
    (provider) => `  ${provider}: { apiKey: ${FAKE_KEYS[provider]}, baseUrl: "${fake.baseUrl(provider)}" }`,
  );
  writeFileSync(
    join(folder, '.ekairc.yaml'),
    [`port: ${await freePort()}`, 'db: ./usage.db', 'providers:', ...lines, ''].join('\n'),
  );
  return folder;
}

/**
 * `ekai <args>` in a codexProject folder, Codex's home there, the system's tools on PATH (Codex runs
 * commands); its stdout and stderr together, as a user reads them.
 */
export async function runEkaiCodex(
  args: string[],
  folder: string,
): Promise<{ code: number | null; output: string }> {
  const { done } = spawnEkai(args, folder, {
    path: `${BIN_FOLDER}:${dirname(process.execPath)}:/usr/bin:/bin`,
    env: { CODEX_HOME: join(folder, '.codex') },
    timeoutMs: 90_000,
  });
  const run = await done;
  return { code: run.code, output: run.stdout + run.stderr };
}

/**
 * A scratch folder where Codex's built-in OpenAI provider points at `gatewayUrl` (only its base URL
 * changes: `openai_base_url`, plus `extraConfig` lines of config.toml), with a notes.txt to read.
 */
export function builtInProviderFolder(gatewayUrl: string, extraConfig: string[] = []): string {
  const folder = mkdtempSync(join(tmpdir(), 'ekai-codex-builtin-'));
  mkdirSync(join(folder, '.codex'));
  writeFileSync(join(folder, 'notes.txt'), 'The answer is 42.\n');
  writeFileSync(
    join(folder, '.codex', 'config.toml'),
    [`openai_base_url = "${gatewayUrl}/v1"`, ...extraConfig, ''].join('\n'),
  );
  return folder;
}

/**
 * The real `codex <args>` in such a folder, its transport log on (the socket's connect, and any
 * reconnect or fallback); `codex exec` sends CODEX_API_KEY as `Authorization: Bearer`.
 */
export function runCodex(args: string[], folder: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(join(BIN_FOLDER, 'codex'), args, {
    cwd: folder,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: `${BIN_FOLDER}:${dirname(process.execPath)}:/usr/bin:/bin`,
      HOME: folder,
      CODEX_HOME: join(folder, '.codex'),
      CODEX_API_KEY: 'ekai-local',
      RUST_LOG: 'codex_api=info,codex_core=warn',
    },
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}
