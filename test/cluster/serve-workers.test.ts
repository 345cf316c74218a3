import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UsageSummary } from '../../src/storage/summary.js';
import { type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';
import { sumOf } from '../support/prometheus-text.js';
import {
  chat,
  drive,
  freshConnections,
  killLeftoverPrimaries,
  metricsOf,
  serveWorkers as startWorkers,
  until,
} from '../support/workers.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());
afterEach(killLeftoverPrimaries);

function rowsIn(db: string): { rows: number; tags: number } {
  const handle = new Database(db, { readonly: true });
  try {
    return handle.prepare('SELECT count(*) AS rows, count(DISTINCT tag) AS tags FROM requests').get() as {
      rows: number;
      tags: number;
    };
  } finally {
    handle.close();
  }
}

/** `ekai serve --workers N` on a SQLite file in its folder. */
const serveWorkers = (count: number, args?: string[]) =>
  startWorkers({ fake, count, db: (folder) => join(folder, 'usage.db'), ...(args && { args }) });

describe('ekai serve --workers 2', () => {
  it('serves on one port, adds every worker up in /metrics, and on SIGTERM finishes a stream and writes exactly one row per request', async () => {
    const served = await serveWorkers(2);
    expect(served.workerPids).toHaveLength(2);
    expect(served.output().match(/listening on/g)).toHaveLength(1);
    await drive(served.url, 60, 8);
    // Every worker's counts, whichever worker answers the scrape, equal to /usage over the shared database.
    await until(() => rowsIn(served.db).rows === 60);
    const usage = (await (await fetch(`${served.url}/usage`)).json()) as UsageSummary;
    expect(usage.totals.requests).toBe(60);
    for (let scrape = 0; scrape < 4; scrape++) {
      const families = await metricsOf(served.url);
      expect(sumOf(families, 'ekai_worker_processes')).toBe(2);
      expect(sumOf(families, 'ekai_requests_total', { outcome: 'ok' })).toBe(60);
      expect(sumOf(families, 'ekai_tokens_total', { kind: 'input' })).toBe(usage.totals.input_tokens);
      expect(sumOf(families, 'ekai_tokens_total', { kind: 'output' })).toBe(usage.totals.output_tokens);
      expect(sumOf(families, 'ekai_cost_usd_total')).toBeCloseTo(usage.totals.cost_usd ?? 0, 12);
    }
    // A slow stream is still running when SIGTERM arrives; it must finish, and be recorded.
    fake.inject({ chunkDelayMs: 40 }, { provider: 'openai' });
    const stream = await chat(served.url, 60, {
      stream: true,
      messages: [{ role: 'user', content: '[long 10] hi' }],
    });
    const reader = stream.body!.getReader();
    let text = new TextDecoder().decode((await reader.read()).value);
    served.child.kill('SIGTERM');
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += new TextDecoder().decode(chunk.value);
    }
    expect(text).toContain('data: [DONE]');
    expect(await served.exit).toBe(0);
    expect(rowsIn(served.db)).toEqual({ rows: 61, tags: 61 });
    expect(served.output()).not.toMatch(/database is locked|could not be written/);
    expect(served.output().match(/ 200 chat openai\/gpt-4o /g)).toHaveLength(61);
  });

  it('two writers on one SQLite file: 400 requests, SIGTERM at once, exactly 400 rows and no lock errors', async () => {
    const served = await serveWorkers(2);
    await drive(served.url, 400, 16);
    served.child.kill('SIGTERM');
    expect(await served.exit).toBe(0);
    expect(rowsIn(served.db)).toEqual({ rows: 400, tags: 400 });
    expect(served.output()).not.toMatch(/database is locked|could not be written|ekai: usage database:/);
  });

  it('restarts a worker killed with SIGKILL and keeps answering', async () => {
    const served = await serveWorkers(2);
    await drive(served.url, 10, 2);
    // Written first: rows still queued in the killed worker's writer would die with it.
    await until(() => rowsIn(served.db).rows === 10);
    const [victim] = served.workerPids;
    process.kill(victim!, 'SIGKILL');
    await freshConnections();
    // Until the primary has seen the exit it may still hand a new connection to the dead worker,
    // which Node's cluster then loses (the client times out); a moment later it no longer does.
    const noticed = `ekai: worker ${victim} exited (signal SIGKILL); starting a new one`;
    await until(() => served.output().includes(noticed));
    // The survivor answers at once, the replacement soon after.
    await drive(served.url, 20, 2, 10);
    await until(() => served.output().includes('ekai: worker restarted'));
    expect(served.output()).toContain('ekai: worker restarted');
    await drive(served.url, 20, 4, 30);
    expect(sumOf(await metricsOf(served.url), 'ekai_worker_processes')).toBe(2);
    served.child.kill('SIGTERM');
    expect(await served.exit).toBe(0);
    expect(rowsIn(served.db).rows).toBe(50);
  });

  it('workers whose primary was killed stop by themselves, writing what they served', async () => {
    const served = await serveWorkers(2);
    await drive(served.url, 30, 4);
    served.child.kill('SIGKILL');
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await until(() => !served.workerPids.some(alive));
    expect(rowsIn(served.db).rows).toBe(30);
  });

  it('with the dashboard on, the primary runs it for all workers: live events and log lines from both, once each', async () => {
    const served = await serveWorkers(2, ['--dashboard-port', '0']);
    const dashboard = /dashboard: +(http:\/\/127\.0\.0\.1:\d+)/.exec(served.output())?.[1];
    expect(dashboard).toBeDefined();
    const events = await fetch(`${dashboard}/api/events`);
    const reader = events.body!.getReader();
    let stream = '';
    await drive(served.url, 12, 4);
    while ((stream.match(/event: request\n/g) ?? []).length < 12) {
      stream += new TextDecoder().decode((await reader.read()).value);
    }
    await reader.cancel();
    await until(() => rowsIn(served.db).rows === 12);
    const summary = (await (await fetch(`${dashboard}/api/summary`)).json()) as {
      totals: { requests: number };
    };
    expect(summary.totals.requests).toBe(12);
    served.child.kill('SIGTERM');
    expect(await served.exit).toBe(0);
    expect(served.output().match(/ 200 chat openai\/gpt-4o /g)).toHaveLength(12);
  });
});
