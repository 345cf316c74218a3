// The servers under test, each started in its own process: the fake upstream, the bare proxy,
// ekai (the built CLI, usage database on) and Portkey's gateway from npm.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort, startProcess } from './processes.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BENCH = join(ROOT, 'bench');
const PEERS = join(BENCH, 'peers');
/** The ekai checkout under test: this one, or another build (BENCH_EKAI_ROOT) to compare with. */
const EKAI_ROOT = process.env.BENCH_EKAI_ROOT ?? ROOT;
const PORTKEY_ENTRY = join(PEERS, 'node_modules/@portkey-ai/gateway/build/start-server.js');

/** The environment of a server: no provider keys or ekai settings leaking in from the shell. */
export function cleanEnv(extra = {}) {
  const env = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(EKAI_|NODE_OPTIONS$)|_API_KEY$/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}

/** GET a path; true on a 2xx. */
export function httpOk(port, path) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode >= 200 && res.statusCode < 300);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

export async function startUpstream({ logDir }) {
  const port = await freePort();
  const entry = await startProcess(
    'upstream',
    process.execPath,
    [join(BENCH, 'fake-upstream.mjs'), '--port', String(port)],
    { cwd: ROOT, env: cleanEnv(), port, logDir, ready: () => httpOk(port, '/__stats') },
  );
  return { ...entry, url: `http://127.0.0.1:${port}` };
}

export async function startBare({ upstream, logDir }) {
  const port = await freePort();
  return startProcess(
    'bare',
    process.execPath,
    [join(BENCH, 'bare-proxy.mjs'), '--upstream', upstream.url, '--port', String(port)],
    { cwd: ROOT, env: cleanEnv(), port, logDir },
  );
}

/**
 * `ekai serve` as a user runs it, from a folder whose .ekairc.yaml points OpenAI and Anthropic at
 * the fake upstream; its usage database in that folder. `nodeFlags` (e.g. --cpu-prof) go to node;
 * `root` is the checkout whose bin/ekai.js runs; `workers` > 1 runs `ekai serve --workers N`.
 */
export async function startEkai({
  upstream,
  logDir,
  workDir,
  name = 'ekai',
  nodeFlags = [],
  root = EKAI_ROOT,
  workers = 1,
}) {
  const port = await freePort();
  const dir = join(workDir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, '.ekairc.yaml'),
    [
      'providers:',
      `  openai: { apiKey: bench-key, baseUrl: "${upstream.url}/openai" }`,
      `  anthropic: { apiKey: bench-key, baseUrl: "${upstream.url}/anthropic" }`,
      '',
    ].join('\n'),
  );
  const db = join(dir, 'usage.db');
  const entry = await startProcess(
    name,
    process.execPath,
    [
      ...nodeFlags,
      join(root, 'bin/ekai.js'),
      'serve',
      '--no-tui',
      '--no-dashboard',
      '--port',
      String(port),
      '--db',
      db,
      ...(workers > 1 ? ['--workers', String(workers)] : []),
    ],
    { cwd: dir, env: cleanEnv(), port, logDir, ready: () => httpOk(port, '/health') },
  );
  return { ...entry, db, dir };
}

/** Portkey's version, or undefined when it is not installed. */
export function portkeyVersion() {
  try {
    return JSON.parse(readFileSync(join(PEERS, 'node_modules/@portkey-ai/gateway/package.json'), 'utf8'))
      .version;
  } catch {
    return undefined;
  }
}

/** Install the peers (bench/peers, pinned by its lockfile) unless already there. */
export function ensurePeers(log = (line) => process.stdout.write(`${line}\n`)) {
  if (existsSync(PORTKEY_ENTRY)) return;
  log('bench: installing peers (npm ci in bench/peers) …');
  const result = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: PEERS,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (result.status !== 0 || !existsSync(PORTKEY_ENTRY)) {
    const reason =
      result.error?.message ?? (result.stderr || result.stdout || '').trim().split('\n').slice(-3).join(' ');
    throw new Error(`npm ci in bench/peers failed: ${reason}`);
  }
}

/** Portkey's open-source gateway (its node server build), bound to loopback. */
export async function startPortkey({ logDir }) {
  ensurePeers();
  const port = await freePort();
  return startProcess(
    'portkey',
    process.execPath,
    [
      '--import',
      pathToFileURL(join(PEERS, 'loopback.mjs')).href,
      PORTKEY_ENTRY,
      `--port=${port}`,
      '--headless',
    ],
    { cwd: PEERS, env: cleanEnv(), port, logDir },
  );
}
