import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { splitArgs } from '../../src/cli/parse-args.js';
import { runBin, runCli } from '../support/cli.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/config/${name}`, import.meta.url));
const packageVersion = (await import('../../package.json', { with: { type: 'json' } })).default.version;

describe('ekai (the built bin)', () => {
  it('--help lists every command and exits 0', () => {
    const { code, stdout } = runBin(['--help']);
    expect(code).toBe(0);
    for (const command of ['serve', 'stats', 'models', 'claude [args...]', 'codex [args...]']) {
      expect(stdout).toMatch(new RegExp(`^ {4}${command.replace(/[.[\]]/g, '\\$&')}\\s`, 'm'));
    }
  });

  it('--version prints the package version', () => {
    expect(runBin(['--version'])).toMatchObject({ code: 0, stdout: `${packageVersion}\n` });
  });

  it('a config error is one line on stderr, no stack trace, exit 1', () => {
    const { code, stderr, stdout } = runBin(['models'], { cwd: fixture('invalid-value') });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `ekai: ${fixture('invalid-value')}/.ekairc.yaml: routing.cooldownAfter: expected a positive integer (got "three")\n`,
    );
  });
});

describe('ekai argument handling', () => {
  it('no command prints the help and exits 2', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('Usage');
  });

  it('refuses unknown flags with a hint', async () => {
    expect(await runCli(['models', '--jsn'])).toMatchObject({
      code: 2,
      stderr: 'ekai: unknown flag --jsn (did you mean --json?); see ekai --help\n',
    });
    expect((await runCli(['serve', '--prot', '4000'])).stderr).toContain('did you mean --port?');
    expect((await runCli(['models', '--no-colour'])).stderr).toContain('unknown flag --no-colour');
  });

  it('refuses flags that belong to another command', async () => {
    expect(await runCli(['models', '--since', '24h'])).toMatchObject({
      code: 2,
      stderr: 'ekai: --since is only for ekai stats\n',
    });
  });

  it('refuses unknown commands and stray arguments with a hint', async () => {
    expect(await runCli(['modles'])).toMatchObject({
      code: 2,
      stderr: 'ekai: unknown command "modles" (did you mean models?); see ekai --help\n',
    });
    expect((await runCli(['models', 'gpt-4o'])).stderr).toContain('ekai models takes no arguments');
  });

  it('hands everything after claude/codex to that program, and ekai flags before it to ekai', () => {
    expect(splitArgs(['--port', '4000', 'claude', '--model', 'gpt-5', '-p', 'hi', '--json'])).toEqual({
      own: ['--port', '4000', 'claude'],
      command: 'claude',
      passThrough: ['--model', 'gpt-5', '-p', 'hi', '--json'],
    });
    expect(splitArgs(['models', '--json'])).toEqual({
      own: ['models', '--json'],
      command: 'models',
      passThrough: [],
    });
  });
});
