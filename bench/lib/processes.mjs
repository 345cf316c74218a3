// Child processes for the benchmarks: each server runs in its own process, on loopback, with its
// output in a log file; all of them are killed when the bench ends, however it ends.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';

const children = new Set();
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** A free loopback port (asked of the OS, then released). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Start a server process; resolves once its port accepts connections. `log` collects its stdout
 * and stderr; `ready` (optional) is an extra check, e.g. an HTTP health request.
 */
export async function startProcess(
  name,
  command,
  args,
  { cwd, env, port, logDir, ready, timeoutMs = 30_000 },
) {
  const logPath = join(logDir, `${name}.log`);
  const logFd = openSync(logPath, 'a');
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  const entry = { name, child, pid: child.pid, port, logPath, exited: false };
  children.add(entry);
  child.once('exit', (code, signal) => {
    entry.exited = true;
    entry.exit = { code, signal };
    children.delete(entry);
  });
  const deadline = Date.now() + timeoutMs;
  while (true) {
    if (entry.exited)
      throw new Error(`${name} exited during start-up (${describeExit(entry)}):\n${tail(logPath)}`);
    if (Date.now() > deadline) {
      await stopProcess(entry);
      throw new Error(`${name} did not start within ${timeoutMs} ms:\n${tail(logPath)}`);
    }
    if ((await canConnect(port)) && (!ready || (await ready().catch(() => false)))) return entry;
    await sleep(100);
  }
}

function describeExit(entry) {
  return entry.exit?.signal ? `signal ${entry.exit.signal}` : `code ${entry.exit?.code}`;
}

export function tail(path, lines = 15) {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopProcess(entry, graceMs = 5000) {
  if (!entry || entry.exited) return entry?.exit;
  const exited = new Promise((resolve) => entry.child.once('exit', () => resolve()));
  entry.child.kill('SIGTERM');
  const timer = setTimeout(() => entry.child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  return entry.exit;
}

export async function stopAll() {
  await Promise.all([...children].map((entry) => stopProcess(entry, 3000)));
}

/** Last resort on any exit path: nothing started here outlives the bench. */
function killAllNow() {
  for (const entry of children) {
    try {
      entry.child.kill('SIGKILL');
    } catch {}
  }
}
process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    process.stderr.write(`\nbench: ${signal}, stopping servers\n`);
    killAllNow();
    process.exit(130);
  });
}

/** Kill everything and exit if the whole bench runs longer than `ms`. */
export function watchdog(ms, what) {
  setTimeout(() => {
    process.stderr.write(`\nbench: ${what} ran longer than ${Math.round(ms / 1000)} s, stopping\n`);
    killAllNow();
    process.exit(1);
  }, ms).unref();
}

/**
 * CPU time (ms, all threads), resident memory and its peak (MB), open file descriptors: of the
 * process and its children (the workers of `ekai serve --workers N`), added up.
 */
export function sampleProcess(pid) {
  const samples = withChildren(pid).map(sampleOne);
  if (!samples[0]) return undefined;
  const sum = (key) => samples.reduce((total, sample) => total + (sample?.[key] ?? 0), 0);
  return { cpuMs: sum('cpuMs'), rssMb: sum('rssMb'), peakMb: sum('peakMb'), fds: sum('fds') };
}

function withChildren(pid) {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return [pid, ...children.split(/\s+/).filter(Boolean).map(Number)];
  } catch {
    return [pid];
  }
}

function sampleOne(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: state is field 3, utime 14 and stime 15 (1-based) → 11 and 12 here.
    const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
    let fds = Number.NaN;
    try {
      fds = readdirSync(`/proc/${pid}/fd`).length;
    } catch {}
    return { cpuMs, rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024, fds };
  } catch {
    return undefined;
  }
}

/** Reset the kernel's peak-RSS mark (VmHWM) to the current RSS, so that a peak belongs to one run. */
export function resetPeak(pid) {
  try {
    for (const each of withChildren(pid)) writeFileSync(`/proc/${each}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Watch processes during one measured window: CPU used, peak RSS (the kernel's mark after a reset,
 * and the highest sample as a cross-check).
 */
export function watchProcesses(entries, intervalMs = 250) {
  const start = new Map();
  const peaks = new Map();
  const peakReset = new Map();
  for (const entry of entries) {
    peakReset.set(entry.name, resetPeak(entry.pid));
    const sample = sampleProcess(entry.pid);
    start.set(entry.name, sample);
    peaks.set(entry.name, sample?.rssMb ?? 0);
  }
  const startedAt = performance.now();
  const timer = setInterval(() => {
    for (const entry of entries) {
      const sample = sampleProcess(entry.pid);
      if (sample && sample.rssMb > (peaks.get(entry.name) ?? 0)) peaks.set(entry.name, sample.rssMb);
    }
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const seconds = (performance.now() - startedAt) / 1000;
      const out = {};
      for (const entry of entries) {
        const before = start.get(entry.name);
        const after = sampleProcess(entry.pid);
        if (!before || !after) continue;
        const sampled = Math.max(peaks.get(entry.name) ?? 0, after.rssMb);
        out[entry.name] = {
          cpuMs: after.cpuMs - before.cpuMs,
          cpuPercent: (after.cpuMs - before.cpuMs) / 10 / seconds,
          peakRssMb: peakReset.get(entry.name) ? Math.max(after.peakMb, sampled) : sampled,
          rssMb: after.rssMb,
          fds: after.fds,
        };
      }
      return out;
    },
  };
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
