/** The fake's own API: recording, waiting, queues, connection bookkeeping and shutdown. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FAKE_KEYS,
  type FakeProvider,
  postJson,
  rawRequest,
  scenarioFromText,
  startFakeProvider,
} from './support/fake-provider/index.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
});

const chatBody = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] };

/** Lets pending socket 'close' events run, a bounded number of event-loop turns. */
async function settleSockets(target: () => boolean): Promise<boolean> {
  for (let i = 0; i < 1000 && !target(); i += 1) await new Promise((resolve) => setImmediate(resolve));
  return target();
}

describe('recorded requests', () => {
  it('keep method, path, query, lowercased headers, raw and parsed body, status and response', async () => {
    const response = await postJson(fake, 'openai', 'chat', chatBody, {
      headers: { 'X-Custom-Header': 'Yes' },
      query: 'trace=1',
    });
    const text = await response.text();
    const record = fake.lastRequest();
    expect(record).toMatchObject({
      id: expect.any(Number),
      provider: 'openai',
      dialect: 'chat',
      method: 'POST',
      path: '/openai/v1/chat/completions',
      query: 'trace=1',
      body: chatBody,
      rawBody: JSON.stringify(chatBody),
      status: 200,
      responseText: text,
    });
    expect(record?.headers).toMatchObject({
      authorization: `Bearer ${FAKE_KEYS.openai}`,
      'x-custom-header': 'Yes',
      'content-type': 'application/json',
    });
    await record?.finished;
    expect(record).toMatchObject({ outcome: 'completed', aborted: false });
  });

  it('record malformed bodies as raw text with body undefined, and unknown routes with null fields', async () => {
    await (await postJson(fake, 'anthropic', 'messages', '{oops')).text();
    expect(fake.lastRequest()).toMatchObject({ rawBody: '{oops', body: undefined, status: 400 });
    await (await fetch(`${fake.url}/elsewhere`)).text();
    expect(fake.lastRequest()).toMatchObject({ provider: null, dialect: null, method: 'GET', status: 404 });
    await (await fetch(`${fake.baseUrl('zai')}/v2/thing`, { method: 'POST' })).text();
    expect(fake.lastRequest()).toMatchObject({ provider: 'zai', dialect: null, status: 404 });
  });

  it('waitForRequests resolves on arrival, reset clears requests and queues', async () => {
    const waiting = fake.waitForRequests(2);
    await (await postJson(fake, 'openai', 'chat', chatBody)).text();
    await (await postJson(fake, 'openai', 'responses', { model: 'gpt-5', input: 'x' })).text();
    const requests = await waiting;
    expect(requests.map((r) => r.dialect)).toEqual(['chat', 'responses']);

    fake.inject({ status: 500 }, { count: Number.POSITIVE_INFINITY });
    fake.script({ text: 'scripted' }, { count: Number.POSITIVE_INFINITY });
    fake.reset();
    expect(fake.requests).toHaveLength(0);
    const response = await postJson(fake, 'openai', 'chat', chatBody);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      choices: [{ message: { content: 'Hello from openai! You said: hello' } }],
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('count: Infinity keeps matching until reset', async () => {
    fake.inject({ status: 503 }, { provider: 'openrouter', count: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 3; i += 1) {
      const response = await postJson(fake, 'openrouter', 'chat', chatBody);
      expect(response.status).toBe(503);
      await response.body?.cancel();
    }
    expect(() => fake.inject({ status: 500 }, { count: 0 })).toThrow(RangeError);
  });
});

describe('markers', () => {
  it('parse into scenarios', () => {
    expect(scenarioFromText('[tool] [thinking] [cache] [long 12] [error 429]')).toEqual({
      tool: true,
      thinking: true,
      cache: true,
      long: 12,
      error: 429,
    });
    expect(scenarioFromText('[parallel-tools] [error]')).toEqual({ parallelTools: true, error: 500 });
    expect(scenarioFromText('nothing special')).toEqual({});
  });
});

describe('connections', () => {
  it('count open sockets and drop to zero once clients close them', async () => {
    const own = await startFakeProvider(); // the shared fake holds fetch's keep-alive sockets
    try {
      const response = await rawRequest(`${own.baseUrl('openai')}/v1/chat/completions`, {
        headers: { authorization: `Bearer ${FAKE_KEYS.openai}`, connection: 'close' },
        body: JSON.stringify(chatBody),
      });
      expect(response.status).toBe(200);
      await own.lastRequest()?.finished;
      expect(own.activeRequests()).toBe(0);
      expect(await settleSockets(() => own.openConnections() === 0)).toBe(true);
    } finally {
      await own.close();
    }
  });

  it('close() destroys open keep-alive sockets and is idempotent', async () => {
    const own = await startFakeProvider();
    const response = await postJson(own, 'openai', 'chat', chatBody); // fetch keeps the socket alive
    await response.text();
    await own.close();
    await own.close();
    expect(own.openConnections()).toBe(0);
    await expect(fetch(`${own.url}/openai/v1/models`)).rejects.toThrow();
  });

  it('waitForRequests rejects when the fake closes first', async () => {
    const own = await startFakeProvider();
    const waiting = own.waitForRequests(1);
    await own.close();
    await expect(waiting).rejects.toThrow(/closed/);
  });
});
