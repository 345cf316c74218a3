import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';
import { startGateway } from '../support/gateway.js';
import {
  dropTestDatabases,
  freshPostgresDatabase,
  notePostgresSkipped,
  POSTGRES_URL,
} from '../support/postgres.js';

/**
 * Issue "Nothing lost", D1, end to end: an upstream that reports usage no database can store
 * (`1e308`, `1e19`, two `5e18` in one hour) and a model name holding NUL used to stop all usage
 * writing for good. Now the gateway keeps serving, and after 1,000 more requests every record is in
 * the database, the poisoned ones with their counts recorded as 0 and a warning.
 */
notePostgresSkipped('the poisoned-usage gateway test');

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(async () => {
  await fake.close();
  await dropTestDatabases();
});

const JSON_BODY = { 'content-type': 'application/json' };

async function chat(url: string, model: string): Promise<number> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: JSON_BODY,
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
  });
  await response.arrayBuffer();
  return response.status;
}

async function poisonedThenThousand(db: string) {
  const gateway = await startGateway(fake, { configured: ['openai'], db });
  try {
    fake.script({ usage: { inputTokens: 1e308 } }, { provider: 'openai' });
    fake.script({ usage: { outputTokens: 1e19 } }, { provider: 'openai' });
    fake.script({ usage: { inputTokens: 5e18 } }, { provider: 'openai', count: 2 });
    for (let n = 0; n < 4; n++) expect(await chat(gateway.url, 'gpt-4o')).toBe(200);
    expect(await chat(gateway.url, 'gpt-4o\u0000nul')).toBe(200);
    const statuses: number[] = [];
    for (let batch = 0; batch < 100; batch++) {
      statuses.push(...(await Promise.all(Array.from({ length: 10 }, () => chat(gateway.url, 'gpt-4o')))));
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(1000);
    const store = gateway.store!;
    await store.writer.flush();
    expect(store.writer.pending).toBe(0);
    const rows: Array<{ model: string; input_tokens: number; output_tokens: number; warnings: string }> = [];
    for await (const row of store.reader.records({ since: new Date(0), label: 'all' })) rows.push(row);
    expect(rows).toHaveLength(1005);
    const poisoned = rows.slice(0, 4);
    for (const row of poisoned) {
      expect(row.input_tokens + row.output_tokens).toBeLessThan(1e12);
      expect(JSON.parse(row.warnings).join(' ')).toMatch(
        /is not a token count; recorded as 0 with an unknown cost/,
      );
    }
    expect(rows[4]?.model).toBe('gpt-4onul');
    const { totals } = await store.reader.summary({ since: new Date(0), label: 'all' });
    expect(totals.requests).toBe(1005);
    expect(Number.isSafeInteger(totals.input_tokens)).toBe(true);
  } finally {
    await gateway.close();
  }
}

describe('usage the database cannot store never stops the recording', () => {
  it('SQLite: 1,000 requests after poisoned usage, every record in the database', async () => {
    await poisonedThenThousand(join(mkdtempSync(join(tmpdir(), 'ekai-poison-')), 'usage.db'));
  }, 60_000);

  it.skipIf(!POSTGRES_URL)(
    'PostgreSQL: the same, with the NUL that PostgreSQL refuses in text',
    async () => {
      await poisonedThenThousand(await freshPostgresDatabase());
    },
    60_000,
  );
});

describe('a model name that is not a valid header value (D3)', () => {
  it('is served, told back percent-encoded in x-ekai-model, and recorded with its tokens', async () => {
    const gateway = await startGateway(fake, { configured: ['openai'] });
    try {
      const before = gateway.recorder.events.length;
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: JSON_BODY,
        body: JSON.stringify({ model: 'gpt-4o-中文', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ekai-model')).toBe('gpt-4o-%E4%B8%AD%E6%96%87');
      expect(await response.json()).toMatchObject({ object: 'chat.completion' });
      const [event] = (await gateway.waitForEvents(before + 1)).slice(before);
      expect(event).toMatchObject({ status: 200, outcome: 'ok', model: 'gpt-4o-中文' });
      expect(event?.inputTokens).toBeGreaterThan(0);
    } finally {
      await gateway.close();
    }
  });
});
