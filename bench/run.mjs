#!/usr/bin/env node
// `npm run bench`: ekai against a bare Node pass-through proxy (the reference limit) and Portkey's
// gateway, all in their own processes in front of one fast fake upstream, on loopback. Bounded
// autocannon loads alternate between the servers; one table shows req/s, latency, added latency,
// CPU and peak RSS per server; then 1,000 concurrent slow streams for peak memory and the usage
// summary over one million records. Results: bench/results/loads.json, slow-streams.json,
// usage-summary.json and the summary latest.json. Run after `npm run build`.
//
// Settings (environment): BENCH_SECONDS (5, per round), BENCH_ROUNDS (2), BENCH_WARMUP (2 s),
// BENCH_CONNECTIONS (32), BENCH_RATE (500 req/s), BENCH_SLOW_STREAMS (1000, 0 skips),
// BENCH_ONLY (scenario ids, comma-separated), BENCH_PEERS=0 (no Portkey), BENCH_SUMMARY=0 (no
// million-row summary), ROWS (rows for the summary), BENCH_SAVE=0 (print only, keep the saved
// results), BENCH_EKAI_ROOT (another ekai checkout to run instead of this one), BENCH_BODY_KB
// (pad every prompt to about this size, e.g. 100 for agent-sized requests; default: small requests).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  CLAUDE,
  clientRequest,
  concurrentStreams,
  fetchText,
  GPT,
  looksComplete,
  portkeyHeaders,
  runLoad,
  runPaced,
} from './lib/load.mjs';
import { sleep, stopAll, stopProcess, watchdog, watchProcesses } from './lib/processes.mjs';
import { fixed, machine, readJson, saveJson, signed, table } from './lib/report.mjs';
import { portkeyVersion, ROOT, startBare, startEkai, startPortkey, startUpstream } from './lib/servers.mjs';

const number = (name, fallback) => (process.env[name] === undefined ? fallback : Number(process.env[name]));
const settings = {
  seconds: number('BENCH_SECONDS', 5),
  rounds: number('BENCH_ROUNDS', 2),
  warmup: number('BENCH_WARMUP', 2),
  connections: number('BENCH_CONNECTIONS', 32),
  rate: number('BENCH_RATE', 500),
  slowStreams: number('BENCH_SLOW_STREAMS', 1000),
  only: process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : undefined,
  peers: process.env.BENCH_PEERS !== '0',
  summary: process.env.BENCH_SUMMARY !== '0',
  save: process.env.BENCH_SAVE !== '0',
  bodyKb: number('BENCH_BODY_KB', 0),
};
watchdog(20 * 60_000, 'npm run bench');

const say = (line) => process.stdout.write(`${line}\n`);
const workDir = mkdtempSync(join(tmpdir(), 'ekai-bench-'));
const logDir = join(workDir, 'logs');
mkdirSync(logDir);
const startedAt = new Date();
const machineBefore = machine();
const build = checkout();

/** One target of a scenario: which server, and what the client sends it. */
const send = (dialect, options = {}) => ({ dialect, stream: options.stream ?? false, options });
const chat = send('chat');
const chatStream = send('chat', { stream: true });
const messagesStream = send('messages', { stream: true });

const SCENARIOS = [
  {
    id: 'chat',
    title: 'Chat non-stream',
    note: 'ekai-w2: ekai serve --workers 2',
    targets: { direct: chat, bare: chat, ekai: chat, 'ekai-w2': chat, portkey: chat },
  },
  {
    id: 'chat-stream',
    title: 'Chat stream',
    targets: { direct: chatStream, bare: chatStream, ekai: chatStream },
  },
  {
    id: 'messages-stream',
    title: 'Messages stream',
    targets: { direct: messagesStream, bare: messagesStream, ekai: messagesStream },
  },
  {
    id: 'messages-to-chat',
    title: 'Messages→Chat stream',
    note: 'ekai: Messages client, GPT model, Chat upstream; bare: Messages stream',
    directFrom: 'messages-stream',
    targets: { bare: messagesStream, ekai: send('messages', { stream: true, model: GPT }) },
  },
  {
    id: 'chat-to-messages',
    title: 'Chat→Messages stream',
    note: 'ekai: Chat client, Claude model, Messages upstream; bare: Chat stream',
    directFrom: 'chat-stream',
    targets: { bare: chatStream, ekai: send('chat', { stream: true, model: CLAUDE }) },
  },
  {
    id: 'rate',
    title: `Chat at ${settings.rate} req/s`,
    rate: settings.rate,
    targets: { direct: chat, bare: chat, ekai: chat, portkey: chat },
  },
  {
    id: 'single',
    title: 'Chat, 1 connection',
    connections: 1,
    targets: { direct: chat, bare: chat, ekai: chat, portkey: chat },
  },
].filter((scenario) => !settings.only || settings.only.includes(scenario.id));

const servers = {};
const problems = {};
/** Pre-load checks by target and request: true, or what went wrong. */
const checks = {};
const requestFor = (target, spec) => {
  const request = clientRequest(spec.dialect, spec.options);
  if (target === 'portkey') request.headers = { ...request.headers, ...portkeyHeaders(servers.upstream.url) };
  return request;
};
const portOf = (target) => (target === 'direct' ? servers.upstream.port : servers[target]?.port);
const checkKey = (target, spec) => `${target}:${spec.dialect}:${spec.stream}:${spec.options.model ?? ''}`;
let exitCode = 0;
try {
  say(`bench: servers in ${workDir}`);
  servers.upstream = await startUpstream({ logDir });
  servers.bare = await startBare({ upstream: servers.upstream, logDir });
  servers.ekai = await startEkai({ upstream: servers.upstream, logDir, workDir });
  if (SCENARIOS.some((scenario) => scenario.targets['ekai-w2'])) {
    servers['ekai-w2'] = await startEkai({
      upstream: servers.upstream,
      logDir,
      workDir,
      name: 'ekai-w2',
      workers: 2,
    });
  }
  if (settings.peers) {
    try {
      servers.portkey = await startPortkey({ logDir });
    } catch (error) {
      problems.portkey = `not run: ${firstLine(error)}`;
      say(`bench: Portkey ${problems.portkey}`);
    }
  } else problems.portkey = 'not run (BENCH_PEERS=0)';

  // Every server must answer every request of the run correctly before it is loaded.
  for (const scenario of SCENARIOS) {
    for (const [target, spec] of Object.entries(scenario.targets)) {
      if (target === 'portkey' && !servers.portkey) continue;
      const key = checkKey(target, spec);
      if (checks[key] !== undefined) continue;
      checks[key] = await check(portOf(target), requestFor(target, spec), spec);
      if (checks[key] !== true) say(`bench: ${target} fails ${scenario.title}: ${checks[key]}`);
    }
  }
  const portkeyStreaming = servers.portkey ? await checkPortkeyStreaming() : undefined;

  const loads = {};
  for (const scenario of SCENARIOS) {
    say(`bench: ${scenario.title} …`);
    loads[scenario.id] = await runScenario(scenario);
  }

  const slow = settings.slowStreams > 0 ? await runSlowStreams() : undefined;

  // Shut ekai down the way a user does (SIGTERM: finish, flush the usage queue) and count its records.
  const ekaiExit = await stopProcess(servers.ekai, 15_000);
  const usageRows = countRows(servers.ekai.db);
  const workers = servers['ekai-w2'] ? await stopWorkers(servers['ekai-w2']) : undefined;
  await stopAll();

  const summary = settings.summary && settings.save ? await runUsageSummary() : readJson('usage-summary');
  const rows = tableRows(loads);
  const targets = evaluateTargets(loads, slow, summary, workers);
  const finishedAt = new Date();
  const report = {
    bench: 'loads',
    startedAt: startedAt.toISOString(),
    seconds: Math.round((finishedAt - startedAt) / 1000),
    machine: { ...machineBefore, loadAverageAfter: machine().loadAverage },
    build,
    settings,
    portkey: { version: portkeyVersion(), problem: problems.portkey, streaming: portkeyStreaming },
    checks,
    ekai: { exit: ekaiExit, usageRows, workers },
    scenarios: SCENARIOS.map(({ id, title, note }) => ({ id, title, note, results: loads[id] })),
  };
  const save = settings.save ? saveJson : () => {};
  save('loads', report);
  if (slow) save('slow-streams', { bench: 'slow-streams', date: finishedAt.toISOString(), ...slow });
  save('latest', {
    date: finishedAt.toISOString(),
    machine: report.machine,
    build,
    settings,
    table: rows,
    targets,
    slowStreams: slow,
    usageSummary: summary && { rows: summary.rows, ranges: summary.ranges, date: summary.date },
    portkey: report.portkey,
    ekaiUsageRows: usageRows,
  });
  printReport(rows, targets, slow, summary, report);
} catch (error) {
  exitCode = 1;
  process.stderr.write(`bench: failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.stderr.write(`bench: server logs are in ${logDir}\n`);
} finally {
  await stopAll();
  if (exitCode === 0) rmSync(workDir, { recursive: true, force: true });
}
process.exit(exitCode);

/** Which ekai was measured: the commit, and how many files under src/ differed from it. */
function checkout() {
  const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  try {
    const changed = git('status', '--porcelain', '--', 'src').split('\n').filter(Boolean).length;
    return {
      commit: git('rev-parse', '--short', 'HEAD'),
      changedSrcFiles: changed,
      root: process.env.BENCH_EKAI_ROOT,
    };
  } catch {
    return { commit: 'unknown' };
  }
}

/**
 * `ekai serve --workers 2`: what its /metrics counted (every worker's requests), then a SIGTERM
 * and the rows in its database — equal when no row was lost.
 */
async function stopWorkers(server) {
  const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
  const served = [...text.matchAll(/^ekai_requests_total\{[^}]*\} (\d+)$/gm)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  );
  await stopProcess(server, 20_000);
  // From the child itself: startEkai's entry is a copy of the one whose exit stopProcess records.
  const exit = { code: server.child.exitCode, signal: server.child.signalCode };
  return { exit, requestsServed: served, usageRows: countRows(server.db) };
}

function firstLine(error) {
  return String(error instanceof Error ? error.message : error).split('\n')[0];
}

async function check(port, request, spec) {
  try {
    const answer = await fetchText(port, request, { signal: AbortSignal.timeout(10_000) });
    return (
      looksComplete(spec.dialect, spec.stream, answer) ||
      `HTTP ${answer.status}: ${answer.text.slice(0, 200)}`
    );
  } catch (error) {
    return firstLine(error);
  }
}

/** Portkey and streaming on Node 20: a few stream requests, and what came back. */
async function checkPortkeyStreaming() {
  const request = clientRequest('chat', { stream: true });
  request.headers = { ...request.headers, ...portkeyHeaders(servers.upstream.url) };
  let ok = 0;
  let failure;
  for (let index = 0; index < 5; index++) {
    const answer = await fetchText(servers.portkey.port, request, {
      signal: AbortSignal.timeout(10_000),
    }).catch((error) => ({ status: 0, text: firstLine(error) }));
    if (looksComplete('chat', true, answer)) ok++;
    else failure ??= `HTTP ${answer.status} ${answer.text.slice(0, 120)}`;
  }
  const log = readFileSync(servers.portkey.logPath, 'utf8');
  const logged = /(TypeError|Error): [^\n]*/.exec(log)?.[0];
  return { requests: 5, ok, failure, logged };
}

/** Rounds alternate the order of the targets; each target is warmed up once per scenario. */
async function runScenario(scenario) {
  const names = Object.keys(scenario.targets).filter((target) => portOf(target) !== undefined);
  const runs = Object.fromEntries(names.map((name) => [name, []]));
  const connections = scenario.rate ? undefined : (scenario.connections ?? settings.connections);
  for (let round = 0; round < settings.rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const target of order) {
      const spec = scenario.targets[target];
      const key = checkKey(target, spec);
      if (checks[key] !== true) continue;
      const load = { port: portOf(target), request: requestFor(target, spec), connections };
      // The rate run is paced (open loop); the others are autocannon's closed loops.
      const run = scenario.rate ? (options) => runPaced({ ...options, rate: scenario.rate }) : runLoad;
      if (round === 0 && settings.warmup > 0) await run({ ...load, seconds: settings.warmup });
      await sleep(200);
      const watched = [servers.upstream, ...(target === 'direct' ? [] : [servers[target]])];
      const watch = watchProcesses(watched);
      const cpuBefore = process.cpuUsage();
      const result = await run({ ...load, seconds: settings.seconds });
      const usage = watch.stop();
      const loadCpu = process.cpuUsage(cpuBefore);
      runs[target].push({
        round,
        ...result,
        server: target === 'direct' ? usage.upstream : usage[target],
        upstream: usage.upstream,
        loadGeneratorCpuPercent: Math.round((loadCpu.user + loadCpu.system) / 1e4 / result.seconds),
      });
    }
  }
  const out = {};
  for (const name of names) {
    const list = runs[name];
    if (list.length === 0) {
      const spec = scenario.targets[name];
      out[name] = { skipped: checks[checkKey(name, spec)] };
      continue;
    }
    const seconds = list.reduce((sum, run) => sum + run.seconds, 0);
    const ok = list.reduce((sum, run) => sum + run.ok, 0);
    const cpuMs = list.reduce((sum, run) => sum + (run.server?.cpuMs ?? 0), 0);
    const median = (key) => {
      const values = list.map((run) => run[key]).sort((a, b) => a - b);
      return values.length % 2
        ? values[(values.length - 1) / 2]
        : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    };
    out[name] = {
      requestsPerSecond: ok / seconds,
      p50: median('p50'),
      p99: median('p99'),
      errors: list.reduce((sum, run) => sum + run.errors + run.timeouts + run.non2xx, 0),
      cpuPercent: cpuMs / 10 / seconds,
      cpuMsPerRequest: cpuMs / ok,
      peakRssMb: Math.max(...list.map((run) => run.server?.peakRssMb ?? 0)),
      upstreamCpuPercent: Math.max(...list.map((run) => run.upstream?.cpuPercent ?? 0)),
      rounds: list,
    };
  }
  return out;
}

/** 1,000 concurrent slow Chat streams (20 chunks, 100 ms apart) through ekai, then the bare proxy. */
async function runSlowStreams() {
  const out = { streams: settings.slowStreams, perStream: '20 chunks, 100 ms apart (~2.1 s)' };
  for (const target of ['ekai', 'bare']) {
    say(`bench: ${settings.slowStreams} concurrent slow streams through ${target} …`);
    await fetch(`${servers.upstream.url}/__stats/reset`, { method: 'POST' });
    const request = clientRequest('chat', { stream: true, markers: '[chunks 20] [delay 100]' });
    const watch = watchProcesses([servers[target]], 100);
    const result = await concurrentStreams(servers[target].port, request, settings.slowStreams, {
      dialect: 'chat',
    });
    const usage = watch.stop()[target];
    const stats = await (await fetch(`${servers.upstream.url}/__stats`)).json();
    out[target] = {
      ...result,
      peakRssMb: usage?.peakRssMb,
      cpuMs: usage?.cpuMs,
      upstreamMaxConcurrent: stats.maxActive,
    };
  }
  return out;
}

function countRows(db) {
  try {
    const handle = new Database(db, { readonly: true });
    const row = handle.prepare("SELECT count(*) AS n, sum(outcome = 'ok') AS ok FROM requests").get();
    handle.close();
    return { total: row.n, ok: row.ok };
  } catch (error) {
    return { error: firstLine(error) };
  }
}

/** bench/usage-summary.mjs in its own process; its JSON result. */
async function runUsageSummary() {
  say('bench: usage summary over one million records …');
  const child = spawn(process.execPath, [join(ROOT, 'bench/usage-summary.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) {
    say(`bench: usage-summary exited with ${code}:\n${output}`);
    return undefined;
  }
  return readJson('usage-summary');
}

function tableRows(loads) {
  const rows = [];
  for (const scenario of SCENARIOS) {
    const results = loads[scenario.id];
    const bare = results.bare;
    const direct = scenario.directFrom ? loads[scenario.directFrom]?.direct : results.direct;
    for (const [target, result] of Object.entries(results)) {
      if (result.skipped !== undefined) {
        rows.push({ scenario: scenario.title, server: target, note: `check failed: ${result.skipped}` });
        continue;
      }
      const vsDirect = target !== 'direct' && direct?.p50 !== undefined;
      rows.push({
        scenario: scenario.title,
        server: target,
        rps: fixed(result.requestsPerSecond),
        ratio: bare?.requestsPerSecond ? fixed(result.requestsPerSecond / bare.requestsPerSecond, 2) : '',
        p50: fixed(result.p50, 2),
        p99: fixed(result.p99, 2),
        addedP50: vsDirect ? signed(result.p50 - direct.p50) : '',
        addedP99: vsDirect ? signed(result.p99 - direct.p99) : '',
        cpu: fixed(result.cpuPercent),
        cpuPerRequest: fixed(result.cpuMsPerRequest, 3),
        rss: fixed(result.peakRssMb),
        errors: result.errors,
        raw: {
          requestsPerSecond: result.requestsPerSecond,
          p50: result.p50,
          p99: result.p99,
          cpuPercent: result.cpuPercent,
          peakRssMb: result.peakRssMb,
        },
      });
    }
  }
  return rows;
}

function evaluateTargets(loads, slow, summary, w2) {
  const ratio = (id, a, b) => {
    const x = loads[id]?.[a]?.requestsPerSecond;
    const y = loads[id]?.[b]?.requestsPerSecond;
    return x && y ? x / y : undefined;
  };
  const targets = [];
  const add = (name, value, goal, pass, unit = '') =>
    targets.push({
      target: name,
      measured: value === undefined ? 'not measured' : `${value}${unit}`,
      goal,
      pass: value === undefined ? null : pass,
    });
  for (const id of ['chat', 'chat-stream', 'messages-stream']) {
    const value = ratio(id, 'ekai', 'bare');
    add(`${id}: ekai / bare req/s`, value && Number(value.toFixed(2)), '≥ 0.85', value >= 0.85, '×');
  }
  for (const id of ['messages-to-chat', 'chat-to-messages']) {
    const value = ratio(id, 'ekai', 'bare');
    add(`${id}: ekai / bare req/s`, value && Number(value.toFixed(2)), '≥ 0.70', value >= 0.7, '×');
  }
  const workers = ratio('chat', 'ekai-w2', 'ekai');
  add('chat: ekai --workers 2 / ekai req/s', workers && Number(workers.toFixed(2)), '> 1', workers > 1, '×');
  add(
    'ekai --workers 2: usage rows / requests served',
    w2?.usageRows?.total === undefined ? undefined : `${w2.usageRows.total} / ${w2.requestsServed}`,
    'equal, exit 0',
    w2?.usageRows?.total === w2?.requestsServed && w2?.exit?.code === 0,
  );
  const portkey = ratio('chat', 'ekai', 'portkey');
  add('chat: ekai / Portkey req/s', portkey && Number(portkey.toFixed(1)), '≥ 5', portkey >= 5, '×');
  const single = loads.single;
  const singleAdded = single?.ekai && single?.bare ? single.ekai.p50 - single.bare.p50 : undefined;
  add(
    'single connection: ekai p50 − bare p50',
    singleAdded === undefined ? undefined : Number(singleAdded.toFixed(3)),
    '≤ 0.3 ms',
    singleAdded <= 0.3,
    ' ms',
  );
  const rate = loads.rate;
  const rateAdded = rate?.ekai && rate?.direct ? rate.ekai.p99 - rate.direct.p99 : undefined;
  add(
    `${settings.rate} req/s: ekai p99 − direct p99`,
    rateAdded === undefined ? undefined : Number(rateAdded.toFixed(2)),
    '≤ 5 ms',
    rateAdded <= 5,
    ' ms',
  );
  const peak = slow?.ekai?.peakRssMb;
  add(
    `${settings.slowStreams} concurrent streams: ekai peak RSS`,
    peak === undefined ? undefined : Math.round(peak),
    '≤ 150 MB',
    peak <= 150 && slow.ekai.completed === slow.streams,
    ' MB',
  );
  const soak = readJson('soak');
  const heapTrend = soak?.liveHeapTrendMbPerMinute;
  add(
    'soak: ekai live heap after GC (bench:soak)',
    heapTrend === undefined ? undefined : Number(heapTrend.toFixed(2)),
    'no growth',
    soak?.growing === false,
    ` MB/min (RSS ${soak?.rssTrendMbPerMinute?.toFixed(1)} MB/min; ${soak?.date?.slice(0, 10) ?? ''})`,
  );
  const month = summary?.ranges?.['30d']?.medianMs;
  add('usage summary, 30 days over 1M records', month, '< 100 ms', month < 100, ' ms');
  return targets;
}

function printReport(rows, targets, slow, summary, report) {
  const { machine: host } = report;
  say('');
  say(
    `ekai ${report.build.commit}${report.build.changedSrcFiles ? ` + ${report.build.changedSrcFiles} changed src files` : ''} · ${host.cpu} · ${host.cores} cores · ${host.node} · load average ${host.loadAverage.join(' ')} → ${host.loadAverageAfter.join(' ')}`,
  );
  say(
    `${settings.connections} connections (rate run: paced, open loop; single: 1), ${settings.rounds} × ${settings.seconds} s per server, alternating; latency in ms; CPU and RSS of the server process (and its workers)`,
  );
  say('');
  say(
    table(
      [
        ['SCENARIO', 'scenario', 'l'],
        ['SERVER', 'server', 'l'],
        ['REQ/S', 'rps', 'r'],
        ['×BARE', 'ratio', 'r'],
        ['P50', 'p50', 'r'],
        ['P99', 'p99', 'r'],
        ['+P50', 'addedP50', 'r'],
        ['+P99', 'addedP99', 'r'],
        ['CPU%', 'cpu', 'r'],
        ['CPU MS/REQ', 'cpuPerRequest', 'r'],
        ['PEAK RSS MB', 'rss', 'r'],
        ['ERR', 'errors', 'r'],
        ['', 'note', 'l'],
      ],
      rows,
    ),
  );
  say(
    '+P50/+P99: added over direct-to-upstream (translated rows: over the direct run of the client dialect).',
  );
  const portkey = report.portkey;
  if (portkey.streaming) {
    say(
      `Portkey ${portkey.version}: streaming ${portkey.streaming.ok}/${portkey.streaming.requests} ok${portkey.streaming.failure ? ` (${portkey.streaming.failure.trim()}; log: ${portkey.streaming.logged ?? '-'})` : ''}`,
    );
  } else if (portkey.problem) say(`Portkey: ${portkey.problem}`);
  if (slow) {
    for (const target of ['ekai', 'bare']) {
      const result = slow[target];
      say(
        `${slow.streams} slow streams via ${target}: ${result.completed} complete, peak RSS ${fixed(result.peakRssMb)} MB, upstream concurrency ${result.upstreamMaxConcurrent}, first byte p50 ${fixed(result.firstByteP50Ms)} ms / max ${fixed(result.firstByteMaxMs)} ms, all done ${fixed(result.allDoneMs / 1000, 1)} s`,
      );
    }
  }
  if (summary) {
    const ranges = Object.entries(summary.ranges)
      .map(([range, figures]) => `${range} ${figures.medianMs} ms`)
      .join(', ');
    say(`usage summary over ${summary.rows.toLocaleString('en')} records: ${ranges} (median of 5)`);
  }
  const usage = report.ekai.usageRows;
  say(
    `ekai usage database: ${usage.total ?? usage.error} records (${usage.ok ?? '?'} ok) written during the run`,
  );
  say('');
  say(
    table(
      [
        ['TARGET', 'target', 'l'],
        ['MEASURED', 'measured', 'r'],
        ['GOAL', 'goal', 'l'],
        ['', 'mark', 'l'],
      ],
      targets.map((target) => ({ ...target, mark: target.pass === null ? '–' : target.pass ? '✓' : '✗' })),
    ),
  );
  say('');
  if (settings.save) {
    say('results: bench/results/latest.json (summary), loads.json, slow-streams.json, usage-summary.json');
  }
}
