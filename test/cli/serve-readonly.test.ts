import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openUsageStore } from '../../src/storage/index.js';
import { EKAI_BIN } from '../support/cli.js';

/**
 * Issue "Nothing lost", D2: a usage database ekai cannot write used to be accepted at the start, and
 * every record was lost at shutdown. Now `ekai serve` refuses it at once, in one line. Permissions
 * do not stop root, so as root the gateway runs as `nobody` here, as it would for a user whose
 * database belongs to someone else.
 */
const asRoot = process.getuid?.() === 0;

describe('a usage database ekai cannot write', () => {
  it('is refused at the start with one clear line and a non-zero exit', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ekai-readonly-'));
    const db = join(folder, 'usage.db');
    const store = await openUsageStore(db, { spillPath: null });
    await store.close();
    chmodSync(db, 0o444);
    chmodSync(folder, 0o555);
    const child = spawn(
      process.execPath,
      [EKAI_BIN, 'serve', '--port', '0', '--no-tui', '--no-dashboard', '--db', db],
      {
        cwd: folder,
        env: { PATH: process.env.PATH, HOME: folder },
        stdio: ['ignore', 'pipe', 'pipe'],
        ...(asRoot && { uid: 65534, gid: 65534 }),
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearTimeout(timer);
    expect(code, output).not.toBe(0);
    expect(code, output).not.toBeNull();
    expect(output).toContain(`usage database ${db} cannot be written`);
    expect(output).not.toContain('listening');
  }, 20_000);
});
