#!/usr/bin/env node
// Two ekai builds side by side, for checking a performance change on a noisy machine: both run
// (each in its own process, same fake upstream) and take turns under the same fixed request rate,
// so that their CPU time per request — read from /proc, not from wall-clock throughput — can be
// compared. `node bench/compare.mjs <other checkout> [<baseline checkout, default: this one>]`;
// each checkout needs bin/ekai.js and a built dist/ (copy bin, dist, catalog.yaml, package.json and
// link node_modules to compare a patched build).
//
// Settings (environment): COMPARE_SCENARIOS (chat,messages-to-chat), COMPARE_RATE (1000 req/s),
// COMPARE_SECONDS (5 per turn), COMPARE_ROUNDS (3), COMPARE_CANDIDATE_FLAGS (node flags for the
// candidate only: `node bench/compare.mjs . ` with COMPARE_CANDIDATE_FLAGS=--max-semi-space-size=32
// measures a V8 setting on the same build).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CLAUDE, clientRequest, GPT, runLoad } from './lib/load.mjs';
import { sampleProcess, sleep, stopAll, watchdog, watchProcesses } from './lib/processes.mjs';
import { fixed, table } from './lib/report.mjs';
import { ROOT, startEkai, startUpstream } from './lib/servers.mjs';

const [candidate, baseline = ROOT] = process.argv.slice(2).map((path) => resolve(path));
if (!candidate) {
  process.stderr.write('usage: node bench/compare.mjs <other checkout> [<baseline checkout>]\n');
  process.exit(2);
}
const RATE = Number(process.env.COMPARE_RATE ?? 1000);
const SECONDS = Number(process.env.COMPARE_SECONDS ?? 5);
const ROUNDS = Number(process.env.COMPARE_ROUNDS ?? 3);
const REQUESTS = {
  chat: clientRequest('chat'),
  'chat-stream': clientRequest('chat', { stream: true }),
  'messages-stream': clientRequest('messages', { stream: true }),
  'messages-to-chat': clientRequest('messages', { stream: true, model: GPT }),
  'chat-to-messages': clientRequest('chat', { stream: true, model: CLAUDE }),
};
const scenarios = (process.env.COMPARE_SCENARIOS ?? 'chat,messages-to-chat').split(',');
watchdog((scenarios.length * ROUNDS * 2 * (SECONDS + 4) + 120) * 1000, 'bench/compare.mjs');

const say = (line) => process.stdout.write(`${line}\n`);
const workDir = mkdtempSync(join(tmpdir(), 'ekai-compare-'));
const logDir = join(workDir, 'logs');
mkdirSync(logDir);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

let exitCode = 0;
try {
  const upstream = await startUpstream({ logDir });
  const builds = {
    baseline: await startEkai({ upstream, logDir, workDir, name: 'baseline', root: baseline }),
    candidate: await startEkai({
      upstream,
      logDir,
      workDir,
      name: 'candidate',
      root: candidate,
      nodeFlags: (process.env.COMPARE_CANDIDATE_FLAGS ?? '').split(' ').filter(Boolean),
    }),
  };
  const idle = Object.fromEntries(
    Object.entries(builds).map(([name, server]) => [name, sampleProcess(server.pid)]),
  );
  say(
    `compare: baseline ${baseline}\n         candidate ${candidate}\n         ${RATE} req/s, ${ROUNDS} turns × ${SECONDS} s each`,
  );
  const rows = [];
  for (const scenario of scenarios) {
    const request = REQUESTS[scenario];
    const turns = { baseline: [], candidate: [] };
    for (const server of Object.values(builds)) {
      await runLoad({ port: server.port, request, connections: 16, seconds: 2, overallRate: RATE });
    }
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? ['baseline', 'candidate'] : ['candidate', 'baseline'];
      for (const name of order) {
        const server = builds[name];
        await sleep(200);
        const watch = watchProcesses([server]);
        const load = await runLoad({
          port: server.port,
          request,
          connections: 16,
          seconds: SECONDS,
          overallRate: RATE,
        });
        const usage = watch.stop()[server.name];
        turns[name].push({
          microsPerRequest: (usage.cpuMs * 1000) / load.ok,
          p50: load.p50,
          p99: load.p99,
          rss: usage.peakRssMb,
          errors: load.errors + load.non2xx,
        });
      }
    }
    const summary = (name) => ({
      cpu: median(turns[name].map((turn) => turn.microsPerRequest)),
      p50: median(turns[name].map((turn) => turn.p50)),
      p99: median(turns[name].map((turn) => turn.p99)),
      rss: Math.max(...turns[name].map((turn) => turn.rss)),
      errors: turns[name].reduce((sum, turn) => sum + turn.errors, 0),
      spread: turns[name].map((turn) => Math.round(turn.microsPerRequest)).join(' '),
    });
    const a = summary('baseline');
    const b = summary('candidate');
    for (const [name, figures] of [
      ['baseline', a],
      ['candidate', b],
    ]) {
      rows.push({
        scenario,
        build: name,
        cpu: fixed(figures.cpu, 1),
        change: name === 'candidate' ? `${fixed(((b.cpu - a.cpu) / a.cpu) * 100, 1)}%` : '',
        p50: fixed(figures.p50, 2),
        p99: fixed(figures.p99, 2),
        rss: fixed(figures.rss),
        errors: figures.errors,
        spread: figures.spread,
      });
    }
  }
  say('');
  say(
    table(
      [
        ['SCENARIO', 'scenario', 'l'],
        ['BUILD', 'build', 'l'],
        ['CPU µs/REQ', 'cpu', 'r'],
        ['CHANGE', 'change', 'r'],
        ['P50 ms', 'p50', 'r'],
        ['P99 ms', 'p99', 'r'],
        ['PEAK RSS MB', 'rss', 'r'],
        ['ERR', 'errors', 'r'],
        ['TURNS µs/REQ', 'spread', 'l'],
      ],
      rows,
    ),
  );
  say(`idle RSS: baseline ${fixed(idle.baseline?.rssMb)} MB, candidate ${fixed(idle.candidate?.rssMb)} MB`);
} catch (error) {
  exitCode = 1;
  process.stderr.write(`compare: failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.stderr.write(`compare: server logs are in ${logDir}\n`);
} finally {
  await stopAll();
  if (exitCode === 0) rmSync(workDir, { recursive: true, force: true });
}
process.exit(exitCode);
