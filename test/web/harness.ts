import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { openUsageStore, type UsageStore } from '../../src/storage/index.js';
import type { UsageSummary } from '../../src/storage/summary.js';
import { createDashboard, type Dashboard, type DashboardOptions } from '../../src/web/index.js';

export interface TestDashboard {
  dashboard: Dashboard;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A dashboard on an ephemeral loopback port (or `port`, to bring one back on the same address). */
export async function startTestDashboard(
  options: Omit<DashboardOptions, 'port'> & { port?: number },
): Promise<TestDashboard> {
  const dashboard = createDashboard({ port: 0, ...options });
  const address = await dashboard.listen();
  return {
    dashboard,
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    close: () => dashboard.close(),
  };
}

/** A fresh in-memory usage store with a dashboard over it. */
export async function startWithStore(
  options: Partial<DashboardOptions> = {},
): Promise<TestDashboard & { store: UsageStore }> {
  const store = await openUsageStore(':memory:');
  const started = await startTestDashboard({
    reader: store.reader,
    subscribe: (listener) => store.writer.onRecord(listener),
    ...options,
  });
  return {
    ...started,
    store,
    close: async () => {
      await started.close();
      await store.close();
    },
  };
}

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** node:http GET, for what fetch cannot send (a foreign Host header) or must not follow (redirects). */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

/** The parts of a summary that do not depend on the instant it was computed. */
export function comparable(summary: UsageSummary) {
  return {
    totals: summary.totals,
    by_provider: summary.by_provider,
    by_model: summary.by_model,
    recent: summary.recent,
    bucket: summary.bucket,
    buckets: summary.by_time.length,
    by_time_sums: summary.by_time.reduce(
      (sums, bucket) => ({
        requests: sums.requests + bucket.requests,
        input_tokens: sums.input_tokens + bucket.input_tokens,
        output_tokens: sums.output_tokens + bucket.output_tokens,
      }),
      { requests: 0, input_tokens: 0, output_tokens: 0 },
    ),
  };
}
