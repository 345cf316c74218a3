import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { expect } from 'vitest';
import { EKAI_BIN } from './cli.js';
import { FAKE_KEYS, type FakeProvider } from './fake-provider/index.js';
import { type Family, parsePrometheusText } from './prometheus-text.js';

const started = new Set<ChildProcessWithoutNullStreams>();

/**
 * SIGKILL every primary a test started that is still running (its workers then stop by
 * themselves): for afterEach, which also runs after a test timed out with its `finally` pending.
 */
export function killLeftoverPrimaries(): void {
  for (const child of started) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  started.clear();
}

export interface Workers {
  /** The primary. */
  child: ChildProcessWithoutNullStreams;
  url: string;
  workerPids: number[];
  exit: Promise<number | null>;
  /** Everything printed so far, stdout and stderr, the workers' included. */
  output: () => string;
}

/**
 * The built `ekai serve --workers N --port 0 --no-tui` in a folder of its own, OpenAI pointed at
 * the fake; `db` is a file name in that folder or a postgres:// URL. Resolves once the banner,
 * which the primary prints when every worker listens, is out.
 */
export async function serveWorkers(options: {
  fake: FakeProvider;
  count: number;
  db: string | ((folder: string) => string);
  args?: string[];
}): Promise<Workers & { db: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'ekai-workers-'));
  writeFileSync(
    join(folder, '.ekairc.yaml'),
    `providers:\n  openai: { apiKey: ${FAKE_KEYS.openai}, baseUrl: "${options.fake.baseUrl('openai')}" }\n`,
  );
  const db = typeof options.db === 'string' ? options.db : options.db(folder);
  const args = options.args ?? ['--no-dashboard'];
  const child = spawn(
    process.execPath,
    [EKAI_BIN, 'serve', '--workers', String(options.count), '--port', '0', '--no-tui', ...args, '--db', db],
    { cwd: folder, env: { PATH: process.env.PATH, HOME: folder } },
  );
  started.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => {
      if (/workers: \d+ \(pids [\d, ]+\)\n/.test(output)) resolve();
    });
    void exit.then((code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '';
  const workerPids = (/workers: \d+ \(pids ([\d, ]+)\)/.exec(output)?.[1] ?? '').split(', ').map(Number);
  return { child, url, workerPids, db, exit, output: () => output };
}

let dispatcher = new Agent();

/** New connections from now on: keep-alive sockets to a killed worker die with it (ECONNRESET), as with any server. */
export async function freshConnections(): Promise<void> {
  await dispatcher.close();
  dispatcher = new Agent();
}

export function chat(url: string, index: number, extra: Record<string, unknown> = {}): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    // @ts-expect-error Node's fetch takes undici's dispatcher; its types do not say so.
    dispatcher,
    signal: AbortSignal.timeout(10_000),
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ekai-tag': String(index) },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: `hi ${index}` }], ...extra }),
  });
}

/** `count` requests tagged `first`…, `parallel` at a time; every one must be answered 200. */
export async function drive(url: string, count: number, parallel: number, first = 0): Promise<void> {
  let next = first;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < first + count) {
        const response = await chat(url, next++);
        expect(response.status).toBe(200);
        await response.text();
      }
    }),
  );
}

/** Poll `condition` every 20 ms, for up to 10 s. */
export async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let wait = 0; wait < 500 && !(await condition()); wait++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(await condition()).toBe(true);
}

export async function metricsOf(url: string): Promise<Map<string, Family>> {
  return parsePrometheusText(await (await fetch(`${url}/metrics`)).text());
}
