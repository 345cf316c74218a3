import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { runStats, type StatsSource } from '../../src/cli/commands/stats.js';
import type { CliIo } from '../../src/cli/io.js';
import { UsageError } from '../../src/cli/parse-args.js';
import type { UsageSummary } from '../../src/storage/summary.js';
import type { UsageRange } from '../../src/tui/stats/types.js';
import { fakeTerminal } from '../support/fake-terminal.js';
import { oneProviderSummary } from './fixtures.js';

process.env.TZ = 'UTC';
const reactGlobals = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };

class Capture extends Writable {
  text = '';
  columns = 80;
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

function fakeSource(summary: UsageSummary = oneProviderSummary()) {
  const source = {
    ranges: [] as UsageRange[],
    closed: false,
    async summary(range: UsageRange) {
      source.ranges.push(range);
      return summary;
    },
    changed: async () => false,
    close() {
      source.closed = true;
    },
  } satisfies StatsSource & Record<string, unknown>;
  return source;
}

function pipeIo(): CliIo & { stdout: Capture } {
  return { stdout: new Capture(), stderr: new Capture(), env: {}, cwd: process.cwd() };
}

describe('runStats', () => {
  it('--json prints the /usage body once and closes the source', async () => {
    const source = fakeSource();
    const io = pipeIo();
    expect(await runStats(source, { json: true, since: '24h' }, io)).toBe(0);
    expect(JSON.parse(io.stdout.text)).toEqual(oneProviderSummary());
    expect(io.stdout.text).toBe(`${JSON.stringify(oneProviderSummary(), null, 2)}\n`);
    expect(source.ranges.map((range) => range.label)).toEqual(['last 24 hours']);
    expect(source.closed).toBe(true);
  });

  it('prints one static frame, without the live mark or keys, when stdout is not a terminal', async () => {
    const source = fakeSource();
    const io = pipeIo();
    expect(await runStats(source, { json: false }, io)).toBe(0);
    const output = stripVTControlCharacters(io.stdout.text);
    expect(output.split('\n')[0]).toBe('ekai stats  last 7 days  Jun 11 14:05 → Jun 18 14:05');
    expect(output).toContain('RECENT REQUESTS');
    expect(output).not.toContain('● live');
    expect(output).not.toContain('q quit');
    for (const line of output.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(source.ranges).toHaveLength(1);
    expect(source.closed).toBe(true);
  });

  it('refuses a range it cannot read, as a usage error, and still closes the source', async () => {
    const source = fakeSource();
    await expect(runStats(source, { json: true, since: 'last tuesday' }, pipeIo())).rejects.toThrow(
      UsageError,
    );
    expect(source.closed).toBe(true);
  });

  it('runs the dashboard on a terminal until q, then closes the source', async () => {
    const source = fakeSource();
    const terminal = fakeTerminal(80);
    const io = {
      ...pipeIo(),
      stdout: terminal.stdout as unknown as CliIo['stdout'],
      stdin: terminal.streams.stdin,
    };
    // Updates are wrapped in act(), which commits them before it returns (renderToString is not).
    reactGlobals.IS_REACT_ACT_ENVIRONMENT = true;
    try {
      let exit: Promise<number> | undefined;
      await act(async () => {
        exit = runStats(source, { json: false, since: '7d' }, io);
      });
      expect(source.ranges.map((range) => range.label)).toEqual(['last 7 days']);
      expect(source.closed).toBe(false);
      await act(async () => terminal.stdin.press('q'));
      await expect(exit).resolves.toBe(0);
      expect(source.closed).toBe(true);
      // Checked after exit: under CI=true Ink writes only the last frame, when it unmounts.
      expect(terminal.stdout.text()).toContain('● live');
    } finally {
      reactGlobals.IS_REACT_ACT_ENVIRONMENT = false;
    }
  });
});
