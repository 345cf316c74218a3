import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Where `npm ci` puts the real Claude Code and Codex CLIs (devDependencies). */
export const BIN_FOLDER = fileURLToPath(new URL('../../node_modules/.bin', import.meta.url));

const PACKAGES = { claude: '@anthropic-ai/claude-code', codex: '@openai/codex' } as const;

/**
 * Fail fast, with the reason, when a CLI the end-to-end tests drive is missing or cannot start
 * (an `npm ci` that skipped its install script, a platform binary not fetched): otherwise the first
 * test spawns it, gets an unhandled spawn error and waits out a 90 s timeout. Called at a test
 * file's top level, so the whole file fails at once and says why.
 */
export function requireCli(name: keyof typeof PACKAGES): string {
  const path = `${BIN_FOLDER}/${name}`;
  const probe = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error || probe.status !== 0) {
    const why =
      probe.error?.message ?? `exit ${probe.status}: ${(probe.stderr || probe.stdout).trim().slice(0, 300)}`;
    throw new Error(
      `the ${name} CLI (${PACKAGES[name]}, a devDependency) cannot run from ${path} (${why}): run npm ci`,
    );
  }
  return path;
}
