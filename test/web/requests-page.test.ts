import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openUsageStore, type UsageStore } from '../../src/storage/index.js';
import { requestsPage } from '../../src/web/requests-page.js';
import { usageEvent } from '../support/usage-event.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

let store: UsageStore;
beforeEach(async () => {
  store = await openUsageStore(':memory:');
});
afterEach(() => store.close());

async function insert(timestamps: number[]): Promise<string[]> {
  const ids = timestamps.map((ts, index) => {
    const id = `req_${String(index).padStart(4, '0')}`;
    store.writer.record(usageEvent({ id, ts }));
    return id;
  });
  await store.writer.flush();
  return ids;
}

/** Every page from the newest, following next_before; the ids in the order they came. */
async function pageThrough(since: number, limit: number) {
  const ids: string[] = [];
  const sizes: number[] = [];
  let before = NOW + 1;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await requestsPage(store.reader, { since, before, limit });
    ids.push(...page.requests.map((row) => row.id));
    sizes.push(page.requests.length);
    if (page.next_before === null) return { ids, sizes };
    before = Date.parse(page.next_before);
  }
  throw new Error('paging did not end');
}

describe('requestsPage', () => {
  it('pages newest first through a busy hour and a quiet month, each request exactly once', async () => {
    const timestamps = [
      ...Array.from({ length: 130 }, (_, index) => NOW - index * 20_000), // busy: every 20 s
      ...Array.from({ length: 12 }, (_, index) => NOW - 3 * DAY - index * DAY), // one a day, further back
    ];
    const ids = await insert(timestamps);
    const newestFirst = ids
      .map((id, index) => ({ id, ts: timestamps[index]! }))
      .sort((a, b) => b.ts - a.ts)
      .map((row) => row.id);
    const { ids: paged, sizes } = await pageThrough(NOW - 30 * DAY, 50);
    expect(paged).toEqual(newestFirst);
    expect(sizes).toEqual([50, 50, 42]);
  });

  it('never splits a millisecond: ties come together and the next page does not repeat them', async () => {
    const timestamps = [NOW - 1000, NOW - 1000, NOW - 1000, NOW - 2000, NOW - 3000];
    await insert(timestamps);
    const first = await requestsPage(store.reader, { since: NOW - DAY, before: NOW + 1, limit: 2 });
    expect(first.requests).toHaveLength(3);
    expect(first.next_before).toBe(new Date(NOW - 1000).toISOString());
    const { ids } = await pageThrough(NOW - DAY, 2);
    expect(new Set(ids).size).toBe(5);
    expect(ids).toHaveLength(5);
  });

  it('stays within the range and answers an empty page for an empty one', async () => {
    await insert([NOW - 2 * DAY, NOW - 10 * DAY]);
    expect((await pageThrough(NOW - 7 * DAY, 50)).ids).toEqual(['req_0000']);
    expect(await requestsPage(store.reader, { since: NOW - HOUR, before: NOW + 1, limit: 50 })).toEqual({
      requests: [],
      next_before: null,
    });
  });

  it('says there may be more only when the page is full', async () => {
    await insert([NOW - 1000, NOW - 2000]);
    expect(
      (await requestsPage(store.reader, { since: NOW - DAY, before: NOW + 1, limit: 2 })).next_before,
    ).toBe(new Date(NOW - 2000).toISOString());
    expect(
      (await requestsPage(store.reader, { since: NOW - DAY, before: NOW + 1, limit: 3 })).next_before,
    ).toBeNull();
  });
});
