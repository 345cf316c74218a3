#!/usr/bin/env node
// `npm run bench:soak`: ekai (usage database on) under 60 s of mixed traffic — both dialects,
// streaming and not, translated both ways, some slow streams — with random client aborts. RSS and
// open file descriptors are sampled every 2 s, and every 6 s a full garbage collection is forced
// through the inspector (ekai runs with --inspect on loopback) before the live heap and RSS are
// read: their trend after warm-up says whether memory grows. (Without the forced collection V8 lets
// the old space fill for tens of seconds before collecting, which looks like growth but is not.)
// Then: do descriptors and upstream streams go back to idle, is every request recorded once, and
// 1,000 concurrent slow streams for peak memory. Results: bench/results/soak.json.
//
// Settings (environment): SOAK_SECONDS (60), SOAK_WORKERS (24), SOAK_ABORT (0.2, share of requests
// the client abandons), BENCH_SLOW_STREAMS (1000, 0 skips).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Pool } from 'undici';
import { connectInspector } from './lib/inspector.mjs';
import { CLAUDE, clientRequest, concurrentStreams, GPT, looksComplete } from './lib/load.mjs';
import { sampleProcess, sleep, stopAll, stopProcess, watchdog, watchProcesses } from './lib/processes.mjs';
import { fixed, machine, saveJson, slope } from './lib/report.mjs';
import { startEkai, startUpstream } from './lib/servers.mjs';

const number = (name, fallback) => (process.env[name] === undefined ? fallback : Number(process.env[name]));
const SECONDS = number('SOAK_SECONDS', 60);
const WORKERS = number('SOAK_WORKERS', 24);
const ABORT_SHARE = number('SOAK_ABORT', 0.2);
const SLOW_STREAMS = number('BENCH_SLOW_STREAMS', 1000);
const SAMPLE_MS = 2000;
const WARM_UP_SECONDS = Math.min(15, SECONDS / 4);
watchdog((SECONDS + 240) * 1000, 'npm run bench:soak');

const say = (line) => process.stdout.write(`${line}\n`);
const workDir = mkdtempSync(join(tmpdir(), 'ekai-soak-'));
const logDir = join(workDir, 'logs');
mkdirSync(logDir);

/** The traffic mix: weight, what the client sends, and how long before an abort may come. */
const MIX = [
  { weight: 30, dialect: 'chat', stream: false, abortWithinMs: 5 },
  { weight: 15, dialect: 'chat', stream: true, abortWithinMs: 5 },
  { weight: 15, dialect: 'messages', stream: true, abortWithinMs: 5 },
  { weight: 10, dialect: 'messages', stream: true, model: GPT, abortWithinMs: 5 },
  { weight: 10, dialect: 'chat', stream: true, model: CLAUDE, abortWithinMs: 5 },
  { weight: 10, dialect: 'chat', stream: true, markers: '[chunks 20] [delay 20]', abortWithinMs: 400 },
  {
    weight: 10,
    dialect: 'messages',
    stream: true,
    model: GPT,
    markers: '[chunks 20] [delay 20]',
    abortWithinMs: 400,
  },
].map((kind) => ({ ...kind, request: clientRequest(kind.dialect, kind) }));
const TOTAL_WEIGHT = MIX.reduce((sum, kind) => sum + kind.weight, 0);

function pick() {
  let roll = Math.random() * TOTAL_WEIGHT;
  for (const kind of MIX) {
    roll -= kind.weight;
    if (roll < 0) return kind;
  }
  return MIX[0];
}

let exitCode = 0;
try {
  const upstream = await startUpstream({ logDir });
  const ekai = await startEkai({ upstream, logDir, workDir, nodeFlags: ['--inspect=127.0.0.1:0'] });
  const inspector = await connectInspector(ekai.logPath);
  const idleHeapMb = await inspector.liveHeapMb();
  const idle = sampleProcess(ekai.pid);
  say(
    `soak: ${SECONDS} s of mixed traffic through ekai, ${WORKERS} workers, ${ABORT_SHARE * 100}% aborted …`,
  );

  const counts = { sent: 0, ok: 0, aborted: 0, failed: 0 };
  const failures = new Map();
  const pool = new Pool(`http://127.0.0.1:${ekai.port}`, { connections: WORKERS * 2 });
  const started = performance.now();
  const until = started + SECONDS * 1000;
  const samples = [];
  let sampling = true;
  const sampler = (async () => {
    for (let tick = 1; sampling; tick++) {
      await sleep(SAMPLE_MS);
      const stats = await (await fetch(`${upstream.url}/__stats`)).json();
      const liveHeapMb = tick % 3 === 0 ? await inspector.liveHeapMb() : undefined;
      const sample = sampleProcess(ekai.pid);
      if (sample) {
        samples.push({
          t: (performance.now() - started) / 1000,
          ...sample,
          liveHeapMb,
          upstreamActive: stats.active,
        });
      }
    }
  })();

  const worker = async () => {
    while (performance.now() < until) {
      const kind = pick();
      const abort = Math.random() < ABORT_SHARE ? new AbortController() : undefined;
      const timer = abort && setTimeout(() => abort.abort(), Math.random() * kind.abortWithinMs);
      counts.sent++;
      try {
        const response = await pool.request({
          path: kind.request.path,
          method: 'POST',
          headers: kind.request.headers,
          body: kind.request.body,
          ...(abort && { signal: abort.signal }),
        });
        const text = await response.body.text();
        if (looksComplete(kind.dialect, kind.stream, { status: response.statusCode, text })) counts.ok++;
        else {
          counts.failed++;
          failures.set(`${response.statusCode} ${text.slice(0, 120)}`, true);
        }
      } catch (error) {
        if (abort?.signal.aborted) counts.aborted++;
        else {
          counts.failed++;
          failures.set(String(error.message ?? error), true);
        }
      } finally {
        clearTimeout(timer);
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  sampling = false;
  await sampler;
  await pool.close();
  await sleep(3000);
  const after = sampleProcess(ekai.pid);
  const upstreamAfter = await (await fetch(`${upstream.url}/__stats`)).json();

  const afterHeapMb = await inspector.liveHeapMb();
  const steady = samples.filter((sample) => sample.t >= WARM_UP_SECONDS);
  const collected = steady.filter((sample) => sample.liveHeapMb !== undefined);
  const trend = slope(collected.map((sample) => [sample.t / 60, sample.rssMb]));
  const heapTrend = slope(collected.map((sample) => [sample.t / 60, sample.liveHeapMb]));
  const fdTrend = slope(steady.map((sample) => [sample.t / 60, sample.fds]));
  const first = collected[0] ?? samples[0];
  const last = collected.at(-1) ?? samples.at(-1);
  // Growth: the live heap (after a full collection) rising steadily, or RSS after collections
  // rising by more than allocator noise over the run.
  const growing =
    (heapTrend > 1 && last.liveHeapMb > first.liveHeapMb + 2) || (trend > 5 && last.rssMb > first.rssMb + 10);

  let slow;
  if (SLOW_STREAMS > 0) {
    say(`soak: ${SLOW_STREAMS} concurrent slow streams through ekai …`);
    await fetch(`${upstream.url}/__stats/reset`, { method: 'POST' });
    const watch = watchProcesses([ekai], 100);
    const request = clientRequest('chat', { stream: true, markers: '[chunks 20] [delay 100]' });
    const result = await concurrentStreams(ekai.port, request, SLOW_STREAMS, { dialect: 'chat' });
    const usage = watch.stop().ekai;
    const stats = await (await fetch(`${upstream.url}/__stats`)).json();
    slow = {
      streams: SLOW_STREAMS,
      ...result,
      peakRssMb: usage?.peakRssMb,
      upstreamMaxConcurrent: stats.maxActive,
    };
  }

  inspector.close();
  const exit = await stopProcess(ekai, 15_000);
  const handle = new Database(ekai.db, { readonly: true });
  const rows = handle.prepare('SELECT outcome, count(*) AS n FROM requests GROUP BY outcome').all();
  handle.close();
  const recorded = Object.fromEntries(rows.map((row) => [row.outcome, row.n]));

  const report = {
    bench: 'soak',
    date: new Date().toISOString(),
    machine: machine(),
    settings: {
      seconds: SECONDS,
      workers: WORKERS,
      abortShare: ABORT_SHARE,
      mix: MIX.map(({ request, ...kind }) => kind),
    },
    counts,
    failures: [...failures.keys()].slice(0, 10),
    rssIdleMb: idle?.rssMb,
    rssTrendMbPerMinute: trend,
    fdTrendPerMinute: fdTrend,
    growing,
    liveHeapIdleMb: idleHeapMb,
    liveHeapAfterTrafficMb: afterHeapMb,
    liveHeapTrendMbPerMinute: heapTrend,
    rssFirstAfterGcMb: first.rssMb,
    rssLastAfterGcMb: last.rssMb,
    rssMaxMb: Math.max(...samples.map((sample) => sample.rssMb)),
    fds: { idle: idle?.fds, max: Math.max(...samples.map((sample) => sample.fds)), afterTraffic: after?.fds },
    upstreamActiveAfterTraffic: upstreamAfter.active,
    recorded,
    ekaiExit: exit,
    samples: samples.map((sample) => ({
      t: Number(sample.t.toFixed(1)),
      rssMb: Number(sample.rssMb.toFixed(1)),
      liveHeapMb: sample.liveHeapMb === undefined ? undefined : Number(sample.liveHeapMb.toFixed(1)),
      fds: sample.fds,
      upstreamActive: sample.upstreamActive,
    })),
    slowStreams: slow,
  };
  saveJson('soak', report);

  say('');
  say(
    `soak: ${counts.sent} requests: ${counts.ok} complete, ${counts.aborted} aborted by the client, ${counts.failed} failed`,
  );
  for (const failure of report.failures) say(`  failure: ${failure}`);
  say(
    `live heap after a full GC: idle ${fixed(idleHeapMb, 1)} MB; during traffic ${collected.map((sample) => fixed(sample.liveHeapMb, 1)).join(' ')}; after ${fixed(afterHeapMb, 1)} MB; trend ${fixed(heapTrend, 2)} MB/min`,
  );
  say(
    `RSS after a full GC: ${collected.map((sample) => fixed(sample.rssMb)).join(' ')} MB; trend ${fixed(trend, 2)} MB/min; idle ${fixed(idle?.rssMb)} MB, max ${fixed(report.rssMaxMb)} MB → ${growing ? 'GROWING' : 'no growth'}`,
  );
  say(
    `open fds: idle ${report.fds.idle}, max ${report.fds.max}, 3 s after traffic ${report.fds.afterTraffic} (trend ${fixed(fdTrend, 1)}/min); upstream streams still open: ${upstreamAfter.active}`,
  );
  const total = rows.reduce((sum, row) => sum + row.n, 0);
  say(
    `usage records: ${total} (${rows.map((row) => `${row.n} ${row.outcome}`).join(', ')}) for ${counts.sent} requests sent (+ ${SLOW_STREAMS} slow streams)`,
  );
  if (slow) {
    say(
      `${slow.streams} slow streams: ${slow.completed} complete, peak RSS ${fixed(slow.peakRssMb)} MB, upstream concurrency ${slow.upstreamMaxConcurrent}, first byte max ${fixed(slow.firstByteMaxMs)} ms, all done ${fixed(slow.allDoneMs / 1000, 1)} s`,
    );
  }
  say('results: bench/results/soak.json');
} catch (error) {
  exitCode = 1;
  process.stderr.write(`soak: failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.stderr.write(`soak: server logs are in ${logDir}\n`);
} finally {
  await stopAll();
  if (exitCode === 0) rmSync(workDir, { recursive: true, force: true });
}
process.exit(exitCode);
