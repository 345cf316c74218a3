#!/usr/bin/env node
// `npm run bench:profile`: where ekai's CPU goes under load, next to the bare proxy's. For each
// scenario, ekai and the bare proxy each run in a fresh process under `node --cpu-prof` while
// autocannon loads them (32 connections, PROFILE_SECONDS s after a warm-up); the profile, cut to
// the measured window, is summed by function (self and total time) and by area (ekai's own code per
// file, undici, node:http and streams, SQLite, GC). Reports: bench/results/profile-<scenario>.txt;
// the raw .cpuprofile files (open in Chrome DevTools) in bench/results/profiles/.
//
// Settings (environment): PROFILE_SCENARIOS (chat,messages-to-chat,messages-stream),
// PROFILE_SECONDS (8), PROFILE_TARGETS (ekai,bare), PROFILE_RATE (req/s; unset: as fast as they go —
// a fixed rate gives both servers the same work, which makes their CPU per request comparable),
// PROFILE_NODE_FLAGS (more node flags, e.g. --no-turbo-inlining to charge inlined callees to
// themselves instead of their caller). `node bench/profile.mjs --read F.cpuprofile …`
// prints the same sums for existing profiles (whole process).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLAUDE, clientRequest, GPT, runLoad } from './lib/load.mjs';
import { freePort, startProcess, stopAll, stopProcess, watchdog } from './lib/processes.mjs';
import { fixed, RESULTS, table } from './lib/report.mjs';
import { cleanEnv, ROOT, startEkai, startUpstream } from './lib/servers.mjs';

if (process.argv[2] === '--read') {
  for (const file of process.argv.slice(3)) {
    process.stdout.write(`${render(file, analyse(JSON.parse(readFileSync(file, 'utf8')), 0, 0), file)}\n\n`);
  }
  process.exit(0);
}

const SECONDS = Number(process.env.PROFILE_SECONDS ?? 8);
const SCENARIOS = {
  chat: { ekai: ['chat', {}], bare: ['chat', {}] },
  'chat-stream': { ekai: ['chat', { stream: true }], bare: ['chat', { stream: true }] },
  'messages-stream': { ekai: ['messages', { stream: true }], bare: ['messages', { stream: true }] },
  'messages-to-chat': {
    ekai: ['messages', { stream: true, model: GPT }],
    bare: ['messages', { stream: true }],
  },
  'chat-to-messages': { ekai: ['chat', { stream: true, model: CLAUDE }], bare: ['chat', { stream: true }] },
};
const chosen = (process.env.PROFILE_SCENARIOS ?? 'chat,messages-to-chat,messages-stream').split(',');
const targets = (process.env.PROFILE_TARGETS ?? 'ekai,bare').split(',');
const RATE = process.env.PROFILE_RATE ? Number(process.env.PROFILE_RATE) : undefined;
const EXTRA_FLAGS = (process.env.PROFILE_NODE_FLAGS ?? '').split(' ').filter(Boolean);
watchdog((chosen.length * targets.length * (SECONDS + 20) + 60) * 1000, 'npm run bench:profile');

const say = (line) => process.stdout.write(`${line}\n`);
const workDir = mkdtempSync(join(tmpdir(), 'ekai-profile-'));
const logDir = join(workDir, 'logs');
mkdirSync(logDir);
const profileDir = join(RESULTS, 'profiles');
mkdirSync(profileDir, { recursive: true });

let exitCode = 0;
try {
  const upstream = await startUpstream({ logDir });
  for (const scenario of chosen) {
    const sections = [];
    const perRequest = {};
    for (const target of targets) {
      const [dialect, options] = SCENARIOS[scenario][target];
      const name = `${target}-${scenario}`;
      const flags = [
        ...EXTRA_FLAGS,
        '--cpu-prof',
        '--cpu-prof-dir',
        profileDir,
        '--cpu-prof-name',
        `${name}.cpuprofile`,
      ];
      const server =
        target === 'ekai'
          ? await startEkai({ upstream, logDir, workDir, name, nodeFlags: flags })
          : await startBareProfiled(upstream, flags, name);
      const request = clientRequest(dialect, options);
      say(`profile: ${scenario} through ${target} …`);
      const shape = { port: server.port, request, connections: 32, ...(RATE && { overallRate: RATE }) };
      await runLoad({ ...shape, seconds: 2 });
      const from = process.hrtime.bigint() / 1000n;
      const load = await runLoad({ ...shape, seconds: SECONDS });
      const to = process.hrtime.bigint() / 1000n;
      await stopProcess(server, 15_000);
      const file = join(profileDir, `${name}.cpuprofile`);
      const analysis = analyse(JSON.parse(readFileSync(file, 'utf8')), Number(from), Number(to));
      sections.push(
        render(`${target} · ${scenario} · ${fixed(load.requestsPerSecond)} req/s`, analysis, file),
      );
      if (analysis.windowed) perRequest[target] = { analysis, requests: load.ok };
    }
    if (perRequest.ekai && perRequest.bare)
      sections.unshift(compare(scenario, perRequest.ekai, perRequest.bare));
    const text = `${sections.join('\n\n')}\n`;
    writeFileSync(join(RESULTS, `profile-${scenario}.txt`), text);
    say(text);
  }
} catch (error) {
  exitCode = 1;
  process.stderr.write(`profile: failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.stderr.write(`profile: server logs are in ${logDir}\n`);
} finally {
  await stopAll();
  if (exitCode === 0) rmSync(workDir, { recursive: true, force: true });
}
process.exit(exitCode);

async function startBareProfiled(upstream, flags, name) {
  const port = await freePort();
  return startProcess(
    name,
    process.execPath,
    [...flags, join(ROOT, 'bench/bare-proxy.mjs'), '--upstream', upstream.url, '--port', String(port)],
    { cwd: ROOT, env: cleanEnv(), port, logDir },
  );
}

/** Where a frame's code lives, for the per-area sums. */
function areaOf({ url, functionName }) {
  if (!url) {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(program)') return 'V8/native (program)';
    return `native: ${functionName || '(anonymous)'}`;
  }
  const distFile = /\/dist\/(.+)$/.exec(url);
  if (distFile && !url.includes('node_modules')) return `ekai dist/${distFile[1]}`;
  if (url.includes('/bench/')) return `bench ${url.slice(url.lastIndexOf('/bench/') + 1)}`;
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) return `npm ${module[1]}`;
  const internal = /^node:internal\/(deps\/)?([^/]+(?:\/[^/]+)?)/.exec(url);
  if (internal) return `node ${internal[1] ?? ''}${internal[2]}`;
  if (url.startsWith('node:')) return `node ${url.slice(5)}`;
  return url;
}

/**
 * Self and total time per function and self time per area, counting only the samples taken in
 * [from, to] (µs on the monotonic clock both processes share); all samples if none fall in it.
 */
function analyse(profile, from, to) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  let time = profile.startTime;
  const windowed = [];
  const all = [];
  for (let index = 0; index < profile.samples.length; index++) {
    const delta = profile.timeDeltas[index] ?? 0;
    time += delta;
    const next = profile.timeDeltas[index + 1] ?? delta;
    const sample = [profile.samples[index], next];
    all.push(sample);
    if (time >= from && time <= to) windowed.push(sample);
  }
  const samples = windowed.length > 100 ? windowed : all;
  const key = ({ callFrame }) =>
    `${callFrame.functionName || '(anonymous)'} ${callFrame.url ? `${shortUrl(callFrame.url)}:${callFrame.lineNumber + 1}` : ''}`;
  const self = new Map();
  const total = new Map();
  const areas = new Map();
  let sum = 0;
  let busy = 0;
  for (const [id, duration] of samples) {
    const node = nodes.get(id);
    if (!node) continue;
    sum += duration;
    const area = areaOf(node.callFrame);
    if (area !== 'idle') busy += duration;
    self.set(key(node), (self.get(key(node)) ?? 0) + duration);
    areas.set(area, (areas.get(area) ?? 0) + duration);
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = nodes.get(at);
      const name = key(frame);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + duration);
    }
  }
  const top = (map, count, filter = () => true) =>
    [...map.entries()]
      .filter(([name]) => filter(name))
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, micros]) => ({ name, ms: micros / 1000, share: (micros / busy) * 100 }));
  return {
    windowMs: sum / 1000,
    busyMs: busy / 1000,
    windowed: samples === windowed,
    self: top(self, 30, (name) => !name.startsWith('(idle)')),
    total: top(total, 20, (name) => !name.startsWith('(root)')),
    own: top(total, 30, (name) => / (dist|bench)\//.test(name)),
    areas: top(areas, 25, (name) => name !== 'idle'),
    allAreas: areas,
  };
}

function shortUrl(url) {
  const dist = url.lastIndexOf('/dist/');
  if (dist >= 0 && !url.includes('node_modules')) return url.slice(dist + 1);
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 13);
  const bench = url.lastIndexOf('/bench/');
  if (bench >= 0) return url.slice(bench + 1);
  return url.replace(/^file:\/\//, '');
}

/** CPU per request by area, ekai next to the bare proxy: where ekai's extra time goes. */
function compare(scenario, ekai, bare) {
  const micros = (side, area) => (side.analysis.allAreas.get(area) ?? 0) / side.requests;
  const names = new Set([...ekai.analysis.allAreas.keys(), ...bare.analysis.allAreas.keys()]);
  names.delete('idle');
  const rows = [...names]
    .map((name) => ({ name, ekai: micros(ekai, name), bare: micros(bare, name) }))
    .map((row) => ({ ...row, extra: row.ekai - row.bare }))
    .sort((a, b) => b.extra - a.extra);
  const busy = (side) => (side.analysis.busyMs * 1000) / side.requests;
  const extra = busy(ekai) - busy(bare);
  const shown = rows.filter((row) => Math.abs(row.extra) >= 0.5).slice(0, 30);
  return [
    `== ${scenario}: CPU per request, ekai ${fixed(busy(ekai), 1)} µs vs bare ${fixed(busy(bare), 1)} µs (+${fixed(extra, 1)} µs)`,
    '',
    table(
      [
        ['EKAI µs', 'ekai', 'r'],
        ['BARE µs', 'bare', 'r'],
        ['EXTRA µs', 'extra', 'r'],
        ['% OF EXTRA', 'share', 'r'],
        ['AREA (self time per request)', 'name', 'l'],
      ],
      shown.map((row) => ({
        name: row.name,
        ekai: fixed(row.ekai, 1),
        bare: fixed(row.bare, 1),
        extra: fixed(row.extra, 1),
        share: `${fixed((row.extra / extra) * 100)}%`,
      })),
    ),
  ].join('\n');
}

function render(title, analysis, file) {
  const rows = (list) =>
    list.map((entry) => ({ ...entry, ms: fixed(entry.ms), share: `${fixed(entry.share, 1)}%` }));
  const columns = (header) => [
    ['MS', 'ms', 'r'],
    ['% BUSY', 'share', 'r'],
    [header, 'name', 'l'],
  ];
  return [
    `== ${title}`,
    `CPU busy ${fixed(analysis.busyMs)} ms of ${fixed(analysis.windowMs)} ms sampled${analysis.windowed ? ' (measured window only)' : ' (whole process)'}; ${file}`,
    '',
    table(columns('AREA (self time)'), rows(analysis.areas)),
    '',
    table(columns('FUNCTION (self time)'), rows(analysis.self)),
    '',
    table(columns('FUNCTION (total time: self + callees)'), rows(analysis.total)),
    '',
    table(columns("OWN CODE (total time; ekai's dist/, the bare proxy's bench/)"), rows(analysis.own)),
  ].join('\n');
}
