import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { openUsageStore, parseRange } from '../../src/storage/index.js';
import { StatsView } from '../../src/tui/stats/stats-view.js';
import { usageEvent } from '../support/usage-event.js';

describe('ekai stats over a real usage store', () => {
  it('renders what the SQLite reader returns within 80 columns', async () => {
    const store = await openUsageStore(join(mkdtempSync(join(tmpdir(), 'ekai-stats-')), 'usage.db'));
    const now = Date.now();
    store.writer.record(usageEvent({ ts: now - 3_600_000 }));
    store.writer.record(
      usageEvent({
        ts: now - 60_000,
        provider: 'openrouter',
        attempts: [
          { provider: 'openai', status: 500, durationMs: 5, error: 'boom' },
          { provider: 'openrouter', status: 200, durationMs: 9 },
        ],
      }),
    );
    store.writer.record(usageEvent({ ts: now - 30_000, model: 'mystery-model', costUsd: null }));
    store.writer.record(usageEvent({ ts: now - 10_000, status: 502, outcome: 'error', costUsd: 0 }));
    await store.writer.flush();
    const range = parseRange('24h');
    const summary = await store.reader.summary(range);
    await store.close();

    const output = stripVTControlCharacters(
      renderToString(<StatsView summary={summary} range={range} columns={80} live />, { columns: 80 }),
    );
    for (const line of output.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(output).toContain('Requests  4  1 error');
    expect(output).toContain('+1 unpriced');
    expect(output).toContain('…→openrouter');
    expect(output).toMatch(/mystery-model .* unknown +\?/);
    expect(output).toContain('SPEND PER HOUR');
  });
});
