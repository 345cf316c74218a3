#!/usr/bin/env node
// How long the summary behind /usage, `ekai stats` and the dashboard takes over one million
// records (issue 6): fills a temporary database with 1,000,000 rows spread over 30 days, then
// times the summary for each range. Run after `npm run build`: `node bench/usage-summary.mjs`.
// Through the store's public entry (openUsageStore), so that it follows the storage code; USAGE_DB
// names another database (a file, or a postgres:// URL when that backend exists) instead of a
// temporary SQLite file — it must be empty or expendable.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openUsageStore } from '../dist/storage/index.js';
import { parseRange } from '../dist/storage/range.js';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const RUNS = 5;
const folder = mkdtempSync(join(tmpdir(), 'ekai-bench-'));
// Through the real writer (batched transactions, hourly sums kept up to date), as the gateway does.
// `await`: the store and the summary are synchronous in some versions and asynchronous in others.
const store = await openUsageStore(process.env.USAGE_DB ?? join(folder, 'usage.db'), {
  maxBatch: 1000,
  flushIntervalMs: 60_000,
});
const { writer, reader } = store;

const providers = ['openai', 'anthropic', 'xai', 'openrouter', 'zai'];
const models = [
  'gpt-4o',
  'gpt-5',
  'claude-sonnet-4',
  'claude-opus-4.1',
  'grok-4',
  'glm-4.6',
  'gemini-2.5-pro',
  'gpt-4.1-mini',
];
const now = Date.now();
const started = performance.now();
for (let index = 0; index < ROWS; index++) {
  const model = models[index % models.length];
  const provider = providers[index % providers.length];
  const failed = index % 50 === 0;
  writer.record({
    id: `req_${index}`,
    ts: now - Math.floor((index / ROWS) * 30 * 86_400_000),
    latencyMs: 200 + (index % 900),
    ttfbMs: 50 + (index % 300),
    clientDialect: 'anthropic',
    endpoint: '/v1/messages',
    requestedModel: model,
    model,
    provider,
    upstreamModel: model,
    stream: true,
    status: failed ? 502 : 200,
    outcome: failed ? 'error' : 'ok',
    attempts: [{ provider, status: 200, durationMs: 100 }],
    inputTokens: 1000 + (index % 5000),
    outputTokens: 100 + (index % 700),
    cacheReadTokens: index % 3 === 0 ? 20_000 : 0,
    cacheWriteTokens: 0,
    reasoningTokens: null,
    costUsd: index % 97 === 0 ? null : 0.0001 * (1 + (index % 300)),
    errorMessage: null,
    warnings: [],
    clientName: 'claude-cli',
    tag: null,
  });
}
await writer.flush();
const fillSeconds = (performance.now() - started) / 1000;

const results = {};
for (const range of ['24h', '7d', '30d']) {
  const timings = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const summary = await reader.summary(parseRange(range));
    timings.push(performance.now() - start);
    if (run === 0) results[range] = { requests: summary.totals.requests };
  }
  timings.sort((a, b) => a - b);
  Object.assign(results[range], {
    medianMs: Math.round(timings[Math.floor(RUNS / 2)]),
    maxMs: Math.round(timings.at(-1)),
  });
}
await store.close();
rmSync(folder, { recursive: true, force: true });

const report = {
  bench: 'usage-summary',
  rows: ROWS,
  fillSeconds: Number(fillSeconds.toFixed(1)),
  writerRecordsPerSecond: Math.round(ROWS / fillSeconds),
  ranges: results,
  node: process.version,
  date: new Date().toISOString(),
};
console.log(`${ROWS} records written in ${fillSeconds.toFixed(1)} s (${report.writerRecordsPerSecond}/s)`);
console.table(Object.entries(results).map(([range, figures]) => ({ range, ...figures })));
writeFileSync(
  new URL('./results/usage-summary.json', import.meta.url),
  `${JSON.stringify(report, null, 2)}\n`,
);
