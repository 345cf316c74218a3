import { describe, expect, it } from 'vitest';
import { openUsageStore } from '../../src/storage/index.js';
import { type DashboardOptions, startDashboard } from '../../src/web/index.js';

describe('startDashboard (as ekai serve runs it)', () => {
  it('listens and names its URL', async () => {
    const store = await openUsageStore(':memory:');
    const warnings: string[] = [];
    const running = await startDashboard(
      { reader: store.reader, subscribe: (listener) => store.writer.onRecord(listener), port: 0 },
      (line) => warnings.push(line),
    );
    try {
      expect(running?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${running!.url}/api/info`)).status).toBe(200);
      expect(warnings).toEqual([]);
    } finally {
      await running?.close();
      await store.close();
    }
  });

  it('warns and gives up, without throwing, when its port is taken', async () => {
    const store = await openUsageStore(':memory:');
    const options: DashboardOptions = {
      reader: store.reader,
      subscribe: (listener) => store.writer.onRecord(listener),
      port: 0,
    };
    const first = await startDashboard(options, () => {});
    const port = Number(new URL(first!.url).port);
    const warnings: string[] = [];
    try {
      expect(await startDashboard({ ...options, port }, (line) => warnings.push(line))).toBeUndefined();
      expect(warnings).toEqual([
        expect.stringMatching(/^ekai: web dashboard not started: .*EADDRINUSE.*--no-dashboard\)\n$/),
      ]);
    } finally {
      await first?.close();
      await store.close();
    }
  });
});
