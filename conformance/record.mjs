#!/usr/bin/env node
// Records one client version's traces:
//   npm run conformance:record -- --client claude-code@2.1.332
//   npm run conformance:record -- --client codex@0.171.0 [--session exec]
// Installs the client into ~/.cache/ekai-conformance/<client>@<version> (npm; reused afterwards, so
// later runs are offline), runs every scripted session of conformance/sessions.mjs against the
// recording fake upstream (conformance/recorder.mjs), offline (scratch HOME, no telemetry, stdin
// closed, bounded by timeouts), and writes conformance/traces/<client>@<version>/<session>.json.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startRecorder } from './recorder.mjs';
import {
  CLAUDE_MODEL,
  CLAUDE_SESSIONS,
  CLAUDE_SMALL_MODEL,
  CODEX_MODEL,
  CODEX_SESSIONS,
} from './sessions.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = process.env.EKAI_CONFORMANCE_CACHE ?? join(homedir(), '.cache', 'ekai-conformance');

/** More requests than any session needs: the client is looping against the script. */
const MAX_REQUESTS = 30;

const CLIENTS = {
  'claude-code': {
    pkg: '@anthropic-ai/claude-code',
    bin: 'claude',
    sessions: CLAUDE_SESSIONS,
    run: runClaude,
  },
  codex: { pkg: '@openai/codex', bin: 'codex', sessions: CODEX_SESSIONS, run: runCodex },
};

const { values } = parseArgs({ options: { client: { type: 'string' }, session: { type: 'string' } } });
const [clientName, requested] = (values.client ?? '').split('@');
const client = CLIENTS[clientName];
if (!client || !requested) {
  console.error(
    `usage: npm run conformance:record -- --client <${Object.keys(CLIENTS).join('|')}>@<version|latest>`,
  );
  process.exit(2);
}
const version = requested === 'latest' ? npmLatest(client.pkg) : requested;
const bin = install(client, clientName, version);
const out = join(ROOT, 'conformance', 'traces', `${clientName}@${version}`);
mkdirSync(out, { recursive: true });

let failures = 0;
const written = [];
for (const session of client.sessions.filter((s) => !values.session || s.name === values.session)) {
  const folder = join(tmpdir(), 'ekai-conformance', clientName, session.name);
  rmSync(folder, { recursive: true, force: true });
  const project = join(folder, 'project');
  const home = join(folder, 'home');
  mkdirSync(project, { recursive: true });
  mkdirSync(join(home, '.codex'), { recursive: true });
  for (const [name, content] of Object.entries(session.files ?? {}))
    writeFileSync(join(project, name), content);

  const recorder = await startRecorder({ answer: (record) => answerOf(session, record, project) });
  const runaway = setInterval(() => {
    // A client stuck in a loop against the script (it retries, or compacts forever): stop it.
    if (recorder.requests.length > MAX_REQUESTS) recorder.close();
  }, 500);
  const run = await client.run({ bin, session, url: recorder.url, project, home });
  clearInterval(runaway);
  await recorder.close();
  const trace = {
    client: clientName,
    version,
    session: session.name,
    prompt: session.prompt,
    exitCode: run.code,
    requests: recorder.requests,
  };
  const file = join(out, `${session.name}.json`);
  writeFileSync(file, `${JSON.stringify(trace, null, 2)}\n`);
  written.push(file);
  const generations = recorder.requests.filter((r) => /\/(messages|responses)$/.test(r.path)).length;
  const ok = run.code === 0 && generations > 0 && recorder.requests.length <= MAX_REQUESTS;
  if (!ok) failures++;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${clientName}@${version} ${session.name}: exit ${run.code}, ${recorder.requests.length} requests (${generations} generations) -> ${file}`,
  );
  if (!ok) console.log(run.output.slice(-2000));
}
// In the project's own JSON style, so `npm run lint` (biome ci) passes on the committed traces.
spawnSync(join(ROOT, 'node_modules', '.bin', 'biome'), ['format', '--write', ...written], {
  stdio: 'ignore',
});
if (failures) process.exit(1);
// One command: replay every trace (the new one included) and refresh MATRIX.md and README's table,
// so what is left is to read the matrix and commit (a new gap: fix it or list it, then rerun).
const replay = spawnSync(join(ROOT, 'node_modules', '.bin', 'vitest'), ['run', 'test/conformance'], {
  cwd: ROOT,
  stdio: 'inherit',
});
spawnSync(process.execPath, [join(ROOT, 'conformance', 'matrix.mjs')], { cwd: ROOT, stdio: 'inherit' });
process.exit(replay.status === 0 ? 0 : 1);

/** The scripted answer to one recorded request: the session's side answer, else the step for its depth. */
function answerOf(session, record, project) {
  const side = session.side?.(record);
  if (side) return side;
  const step = session.steps[Math.min(depthOf(record.body), session.steps.length - 1)];
  return typeof step === 'function' ? step(record, project) : step;
}

/** Tool rounds so far: assistant turns in Messages, tool outputs in Responses (no parallel calls there). */
function depthOf(body) {
  if (Array.isArray(body?.messages))
    return body.messages.filter((message) => message.role === 'assistant').length;
  if (Array.isArray(body?.input))
    return body.input.filter((item) => /_call_output$/.test(item.type ?? '')).length;
  return 0;
}

function npmLatest(pkg) {
  const view = spawnSync('npm', ['view', pkg, 'version'], { encoding: 'utf8' });
  if (view.status !== 0) throw new Error(`npm view ${pkg}: ${view.stderr}`);
  return view.stdout.trim();
}

/** The client's binary: the project's devDependency when it is that version, else the cache (installed once). */
function install(clientInfo, name, wanted) {
  const local = join(ROOT, 'node_modules', clientInfo.pkg, 'package.json');
  if (existsSync(local) && JSON.parse(readFileSync(local, 'utf8')).version === wanted) {
    return join(ROOT, 'node_modules', '.bin', clientInfo.bin);
  }
  const prefix = join(CACHE, `${name}@${wanted}`);
  const cached = join(prefix, 'node_modules', '.bin', clientInfo.bin);
  if (existsSync(cached)) return cached;
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), '{"private":true}\n');
  console.log(`installing ${clientInfo.pkg}@${wanted} into ${prefix}`);
  const npm = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      prefix,
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `${clientInfo.pkg}@${wanted}`,
    ],
    { stdio: 'inherit' },
  );
  if (npm.status !== 0 || !existsSync(cached))
    throw new Error(`could not install ${clientInfo.pkg}@${wanted}`);
  return cached;
}

/** Claude Code run offline (as test/support/claude-code.ts does), bounded by --max-turns and a timeout. */
function runClaude({ bin, session, url, project, home }) {
  return spawnBounded(
    bin,
    [
      '-p',
      session.prompt,
      '--output-format',
      'json',
      '--max-turns',
      '6',
      ...(session.args ?? ['--allowedTools', 'Read']),
    ],
    {
      cwd: project,
      env: {
        PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
        HOME: home,
        ANTHROPIC_BASE_URL: url,
        ANTHROPIC_API_KEY: 'sk-ant-conformance-not-a-key',
        ANTHROPIC_MODEL: CLAUDE_MODEL,
        ANTHROPIC_SMALL_FAST_MODEL: CLAUDE_SMALL_MODEL,
        DISABLE_TELEMETRY: '1',
        DISABLE_ERROR_REPORTING: '1',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        DISABLE_AUTOUPDATER: '1',
        ...session.env,
      },
    },
    120_000,
  );
}

/** Codex exec with a custom Responses provider pointed at the recorder (as `ekai codex` configures it). */
function runCodex({ bin, session, url, project, home }) {
  const config = [
    'model_provider="conformance"',
    'model_providers.conformance.name="conformance"',
    `model_providers.conformance.base_url="${url}/v1"`,
    'model_providers.conformance.wire_api="responses"',
    'model_providers.conformance.env_key="CONFORMANCE_API_KEY"',
    ...(session.config ?? []),
  ];
  return spawnBounded(
    bin,
    [
      'exec',
      '--skip-git-repo-check',
      '-s',
      'danger-full-access',
      '-m',
      session.model ?? CODEX_MODEL,
      ...config.flatMap((value) => ['-c', value]),
      session.prompt,
    ],
    {
      cwd: project,
      env: {
        PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
        HOME: home,
        CODEX_HOME: join(home, '.codex'),
        CONFORMANCE_API_KEY: 'sk-conformance-not-a-key',
        ...session.env,
      },
    },
    150_000,
  );
}

function spawnBounded(bin, args, options, timeoutMs) {
  // Its own process group: Codex's npm wrapper starts a native binary, and both must go on a timeout.
  const child = spawn(bin, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const kill = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const timer = setTimeout(kill, timeoutMs);
  return new Promise((resolve) => {
    child.on('error', (error) => {
      output += String(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      kill(); // anything it left behind (a tool's shell) must not outlive the session
      resolve({ code, output });
    });
  });
}
