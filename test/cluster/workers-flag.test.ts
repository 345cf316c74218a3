import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

describe('--workers', () => {
  it('belongs to ekai serve only', async () => {
    expect(await runCli(['models', '--workers', '2'])).toMatchObject({
      code: 2,
      stderr: 'ekai: --workers is only for ekai serve\n',
    });
  });

  it.each(['0', '-1', '1.5', 'two'])('refuses %s before starting anything', async (value) => {
    const result = await runCli(['serve', '--no-tui', '--no-dashboard', `--workers=${value}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^ekai: --workers expects a positive whole number of processes \(got .+\)\n$/,
    );
    expect(result.stdout).toBe('');
  });

  it('is in the help', async () => {
    expect((await runCli(['--help'])).stdout).toContain('--workers <n>         serve: gateway processes');
  });
});
