import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UsageSummary } from '../../src/storage/summary.js';
import { type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';
import {
  dropTestDatabases,
  freshPostgresDatabase,
  notePostgresSkipped,
  POSTGRES_URL,
  withClient,
} from '../support/postgres.js';
import { sumOf } from '../support/prometheus-text.js';
import { drive, killLeftoverPrimaries, metricsOf, serveWorkers, until } from '../support/workers.js';

notePostgresSkipped('ekai serve --workers 2');

describe.skipIf(!POSTGRES_URL)('ekai serve --workers 2 on PostgreSQL', () => {
  let fake: FakeProvider;
  beforeAll(async () => {
    fake = await startFakeProvider();
  });
  afterEach(killLeftoverPrimaries);
  afterAll(async () => {
    await fake?.close();
    await dropTestDatabases();
  });

  it('both workers write into one new database: one row per request, and /metrics equals /usage', async () => {
    // A fresh database: the primary migrates it once before the workers start.
    const database = await freshPostgresDatabase();
    const served = await serveWorkers({ fake, count: 2, db: database });
    const rows = () =>
      withClient(database, async (client) =>
        Number((await client.query('SELECT count(*) FROM requests')).rows[0].count),
      );
    await drive(served.url, 200, 16);
    await until(async () => (await rows()) === 200);
    const usage = (await (await fetch(`${served.url}/usage`)).json()) as UsageSummary;
    const families = await metricsOf(served.url);
    expect(sumOf(families, 'ekai_worker_processes')).toBe(2);
    expect(sumOf(families, 'ekai_requests_total')).toBe(usage.totals.requests);
    expect(sumOf(families, 'ekai_tokens_total', { kind: 'output' })).toBe(usage.totals.output_tokens);
    served.child.kill('SIGTERM');
    expect(await served.exit).toBe(0);
    expect(await rows()).toBe(200);
  });
});
