import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EKAI_BIN } from './cli.js';

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  /** The gateway's http://127.0.0.1:port, from its banner. */
  url: string;
  exit: Promise<number | null>;
  /** Everything it printed so far, stdout and stderr. */
  output: () => string;
  /** SIGTERM, then the exit code. */
  stop: () => Promise<number | null>;
}

/**
 * The built `bin/ekai.js serve --port 0 --no-tui --no-dashboard …args` in `folder`, with `config`
 * written to its .ekairc.yaml, HOME in the folder and nothing else from the environment.
 */
export async function spawnServe(folder: string, config: string, args: string[] = []): Promise<ServeProcess> {
  writeFileSync(join(folder, '.ekairc.yaml'), config);
  const child = spawn(
    process.execPath,
    [EKAI_BIN, 'serve', '--port', '0', '--no-tui', '--no-dashboard', ...args],
    { cwd: folder, env: { PATH: process.env.PATH, HOME: folder } },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    void exit.then((code) => reject(new Error(`ekai serve exited ${code}: ${output}`)));
  });
  return {
    child,
    url,
    exit,
    output: () => output,
    stop: () => {
      child.kill('SIGTERM');
      return exit;
    },
  };
}
