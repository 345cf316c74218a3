/**
 * Every fault `fake.inject` offers, observed from the client side. No timing assertions: waits are
 * on events (request recorded, frames received, record finished).
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type Dialect,
  type FakeProvider,
  normalizeWire,
  type ProviderName,
  parseSse,
  postJson,
  type RecordedRequest,
  rawPost,
  startFakeProvider,
} from './support/fake-provider/index.js';

type Json = Record<string, unknown>;

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
});

const BODIES: Record<Dialect, Json> = {
  chat: { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi there' }] },
  messages: { model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'hi there' }] },
  count_tokens: { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'hi there' }] },
  responses: { model: 'gpt-5', input: 'hi there' },
};
const streaming = (dialect: Dialect): Json => ({ ...BODIES[dialect], stream: true });

function lastRecord(): RecordedRequest {
  const record = fake.lastRequest();
  if (!record) throw new Error('no request recorded');
  return record;
}

/** Reads a fetch body until `frames` SSE frames have arrived, then aborts the request. */
async function readFramesThenAbort(
  response: Response,
  controller: AbortController,
  frames: number,
): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no body');
  const decoder = new TextDecoder();
  let text = '';
  while (text.split('\n\n').length - 1 < frames) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended after ${text.split('\n\n').length - 1} frames`);
    text += decoder.decode(value, { stream: true });
  }
  controller.abort();
  await reader.read().catch(() => undefined);
  return text;
}

describe('HTTP error faults', () => {
  it('answer a 429 with retry-after in the OpenAI shape on chat', async () => {
    fake.inject({ status: 429, headers: { 'retry-after': '1' } });
    const response = await postJson(fake, 'openai', 'chat', BODIES.chat);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toEqual({
      error: {
        message: expect.any(String),
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
    });
    expect((await postJson(fake, 'openai', 'chat', BODIES.chat)).status).toBe(200);
  });

  it.each([
    [400, 'invalid_request_error'],
    [404, 'not_found_error'],
    [429, 'rate_limit_error'],
    [500, 'api_error'],
    [529, 'overloaded_error'],
  ])('answer %i as %s in the Anthropic shape, with a request-id', async (status, type) => {
    fake.inject({ status }, { provider: 'anthropic' });
    const response = await postJson(fake, 'anthropic', 'messages', streaming('messages'));
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/json');
    const requestId = response.headers.get('request-id');
    expect(requestId).toMatch(/^req_011C/);
    expect(await response.json()).toEqual({
      type: 'error',
      error: { type, message: expect.any(String) },
      request_id: requestId,
    });
  });

  it('answer 503 in the OpenAI shape on responses, and a custom body verbatim', async () => {
    fake.inject({ status: 503 });
    const first = await postJson(fake, 'openai', 'responses', BODIES.responses);
    expect(first.status).toBe(503);
    expect(await first.json()).toMatchObject({ error: { type: 'server_error' } });
    fake.inject({ status: 502, body: '<html>Bad gateway</html>' });
    const second = await postJson(fake, 'openai', 'responses', BODIES.responses);
    expect(second.status).toBe(502);
    expect(await second.text()).toBe('<html>Bad gateway</html>');
  });

  it('match by provider and dialect, count times, and leave count_tokens alone by default', async () => {
    fake.inject({ status: 500 }, { provider: 'xai', count: 2 });
    expect((await postJson(fake, 'openai', 'chat', BODIES.chat)).status).toBe(200);
    expect((await postJson(fake, 'xai', 'count_tokens', BODIES.count_tokens)).status).toBe(200);
    expect((await postJson(fake, 'xai', 'messages', BODIES.messages)).status).toBe(500);
    expect((await postJson(fake, 'xai', 'chat', BODIES.chat)).status).toBe(500);
    expect((await postJson(fake, 'xai', 'chat', BODIES.chat)).status).toBe(200);

    fake.inject({ status: 429 }, { dialect: 'count_tokens' });
    expect((await postJson(fake, 'zai', 'messages', BODIES.messages)).status).toBe(200);
    expect((await postJson(fake, 'zai', 'count_tokens', BODIES.count_tokens)).status).toBe(429);
  });

  it('answer [error] and [error 429] markers with API errors', async () => {
    const chat = await postJson(fake, 'openrouter', 'chat', {
      ...BODIES.chat,
      messages: [{ role: 'user', content: '[error] please' }],
    });
    expect(chat.status).toBe(500);
    expect(await chat.json()).toMatchObject({ error: { type: 'server_error' } });
    const messages = await postJson(fake, 'anthropic', 'messages', {
      ...BODIES.messages,
      messages: [{ role: 'user', content: '[error 529] please' }],
    });
    expect(messages.status).toBe(529);
    expect(await messages.json()).toMatchObject({
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
  });
});

describe('connection faults', () => {
  it('reset before-response: the client sees ECONNRESET and nothing else', async () => {
    fake.inject({ reset: 'before-response' });
    await expect(rawPost(fake, 'openai', 'chat', BODIES.chat)).rejects.toMatchObject({ code: 'ECONNRESET' });
    const record = lastRecord();
    await record.finished;
    expect(record).toMatchObject({ outcome: 'reset', aborted: false, status: null, responseText: '' });
  });

  it('reset mid-stream: n frames arrive, then the connection dies before the stream ends', async () => {
    fake.inject({ reset: 'mid-stream', afterChunks: 2 });
    const received: Buffer[] = [];
    const request = rawPost(fake, 'anthropic', 'messages', streaming('messages'), {
      onChunk: (chunk) => {
        received.push(chunk);
        return undefined;
      },
    });
    await expect(request).rejects.toMatchObject({ code: 'ECONNRESET' });
    const events = parseSse(Buffer.concat(received).toString('utf8'));
    expect(events.map((e) => e.event)).toEqual(['message_start', 'content_block_start']);
    await lastRecord().finished;
    expect(lastRecord().outcome).toBe('reset');
  });

  it('reset mid-stream through fetch: the body read fails', async () => {
    fake.inject({ reset: 'mid-stream', afterChunks: 1 });
    const response = await postJson(fake, 'openai', 'chat', streaming('chat'));
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it('hang before-response until the client aborts: the record says aborted', async () => {
    fake.inject({ hang: 'before-response' });
    const controller = new AbortController();
    const pending = postJson(fake, 'openai', 'responses', BODIES.responses, { signal: controller.signal });
    const [record] = await fake.waitForRequests(1);
    expect(fake.activeRequests()).toBe(1);
    expect(fake.openConnections()).toBeGreaterThanOrEqual(1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await record?.finished;
    expect(record).toMatchObject({ aborted: true, outcome: 'aborted', status: null });
    expect(fake.activeRequests()).toBe(0);
  });

  it('hang mid-stream: n frames, then silence until the client aborts', async () => {
    fake.inject({ hang: 'mid-stream', afterChunks: 3 });
    const controller = new AbortController();
    const response = await postJson(fake, 'openai', 'chat', streaming('chat'), { signal: controller.signal });
    const text = await readFramesThenAbort(response, controller, 3);
    expect(parseSse(text)).toHaveLength(3);
    const record = lastRecord();
    await record.finished;
    expect(record).toMatchObject({ aborted: true, outcome: 'aborted', status: 200 });
    expect(parseSse(record.responseText)).toHaveLength(3);
  });

  it('a hang ends when the fake closes, and close() still resolves', async () => {
    const own = await startFakeProvider();
    own.inject({ hang: 'before-response' });
    const pending = postJson(own, 'anthropic', 'messages', BODIES.messages).catch((error: unknown) => error);
    const [record] = await own.waitForRequests(1);
    await own.close();
    expect(await pending).toBeInstanceOf(Error);
    await record?.finished;
    expect(record).toMatchObject({ outcome: 'closed', aborted: false });
    expect(own.openConnections()).toBe(0);
  });

  it('close() clears the timers of delayed streams', async () => {
    const timers = (): number => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
    const before = timers();
    const own = await startFakeProvider();
    own.inject({ chunkDelayMs: 600_000 });
    const controller = new AbortController();
    const response = await postJson(own, 'openai', 'chat', streaming('chat'), { signal: controller.signal });
    const reader = response.body?.getReader();
    await reader?.read(); // the first frame; the next one waits ten minutes
    await own.close();
    await reader?.read().catch(() => undefined);
    await own.lastRequest()?.finished;
    expect(timers()).toBeLessThanOrEqual(before);
  });
});

describe('stream faults', () => {
  const terminal: Record<string, (text: string) => boolean> = {
    chat: (text) =>
      text.includes('[DONE]') || text.includes('"finish_reason":"stop"') || text.includes('"usage":{'),
    messages: (text) => text.includes('message_stop') || text.includes('message_delta'),
    responses: (text) => text.includes('response.completed'),
  };

  it.each([
    ['openai', 'chat'],
    ['anthropic', 'messages'],
    ['openai', 'responses'],
  ] as Array<[ProviderName, Dialect]>)(
    'truncate %s %s: n frames, then a clean end',
    async (provider, dialect) => {
      fake.inject({ truncate: { afterChunks: 3 } });
      const response = await postJson(fake, provider, dialect, {
        ...streaming(dialect),
        stream_options: { include_usage: true },
      });
      const text = await response.text(); // ends without a transport error
      expect(parseSse(text)).toHaveLength(3);
      expect(terminal[dialect]?.(text)).toBe(false);
      await lastRecord().finished;
      expect(lastRecord().outcome).toBe('completed');
    },
  );

  it('truncate beyond the stream drops only the terminal frames', async () => {
    fake.inject({ truncate: { afterChunks: 1000 } });
    const text = await (await postJson(fake, 'anthropic', 'messages', streaming('messages'))).text();
    const events = parseSse(text).map((e) => e.event);
    expect(events.at(-1)).toBe('content_block_stop');
  });

  it('midStreamError on messages: an `event: error` frame with overloaded_error, then the end', async () => {
    fake.inject({ midStreamError: { afterChunks: 2 } });
    const text = await (await postJson(fake, 'zai', 'messages', streaming('messages'))).text();
    expect(
      text.endsWith(
        'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
      ),
    ).toBe(true);
    expect(parseSse(text)).toHaveLength(3);
  });

  it('midStreamError on chat: a data error chunk, no [DONE]', async () => {
    fake.inject({ midStreamError: { afterChunks: 2, message: 'upstream exploded' } });
    const events = parseSse(await (await postJson(fake, 'xai', 'chat', streaming('chat'))).text());
    expect(events).toHaveLength(3);
    expect(events.at(-1)?.json).toEqual({
      error: { message: 'upstream exploded', type: 'server_error', param: null, code: null },
    });
  });

  it('midStreamError on responses: an error event with the next sequence number', async () => {
    fake.inject({ midStreamError: { afterChunks: 4 } });
    const events = parseSse(
      await (await postJson(fake, 'openai', 'responses', streaming('responses'))).text(),
    );
    expect(events.at(-1)).toMatchObject({
      event: 'error',
      json: { type: 'error', code: 'server_error', sequence_number: 4 },
    });
  });

  it('invalidJsonFrame: one unparsable frame in an otherwise complete stream', async () => {
    fake.inject({ invalidJsonFrame: { afterChunks: 2 } });
    const events = parseSse(await (await postJson(fake, 'openai', 'chat', streaming('chat'))).text());
    expect(events[2]).toMatchObject({ data: '{not json', json: undefined });
    expect(events.filter((e) => e.json === undefined && e.data !== '[DONE]')).toHaveLength(1);
    expect(events.at(-1)?.data).toBe('[DONE]');
  });

  it('splitFrames: the same bytes, delivered one byte per write (UTF-8 split too)', async () => {
    const scenario = { text: 'héllo 東京 🎉 done' };
    fake.script(scenario, { count: 2 });
    const whole = await rawPost(fake, 'anthropic', 'messages', streaming('messages'));
    fake.inject({ splitFrames: true });
    const split = await rawPost(fake, 'anthropic', 'messages', streaming('messages'));
    // Reads that end mid-frame only happen when the body was cut below frame granularity.
    expect(split.chunks.some((chunk) => !chunk.toString('latin1').endsWith('\n\n'))).toBe(true);
    expect(normalizeWire(split.body.toString('utf8'))).toBe(normalizeWire(whole.body.toString('utf8')));
    const text = parseSse(split.body.toString('utf8'))
      .map((e) => e.json as Json)
      .filter((e) => e.type === 'content_block_delta')
      .map((e) => (e.delta as Json).text)
      .join('');
    expect(text).toBe(scenario.text);
  });

  it('chunkDelayMs and firstByteDelayMs still deliver the whole stream', async () => {
    fake.inject({ chunkDelayMs: 1, firstByteDelayMs: 1 });
    const events = parseSse(
      await (await postJson(fake, 'openai', 'responses', streaming('responses'))).text(),
    );
    expect(events.at(-1)?.event).toBe('response.completed');
  });

  it('mid-stream faults on a non-streaming request cut the JSON body in half', async () => {
    fake.inject({ truncate: { afterChunks: 1 } });
    const response = await postJson(fake, 'openai', 'chat', BODIES.chat);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(text.startsWith('{"id":"chatcmpl-')).toBe(true);
  });
});

describe('compression', () => {
  const gzipHeaders = { 'accept-encoding': 'gzip, br, zstd' };

  it('gzips JSON when started with compress and the client accepts gzip', async () => {
    const own = await startFakeProvider({ compress: true });
    try {
      const response = await rawPost(own, 'anthropic', 'messages', BODIES.messages, { headers: gzipHeaders });
      expect(response.headers['content-encoding']).toBe('gzip');
      expect(JSON.parse(gunzipSync(response.body).toString('utf8'))).toMatchObject({ type: 'message' });
      expect(own.lastRequest()?.responseText).toContain('"type":"message"');
      const plain = await rawPost(own, 'anthropic', 'messages', BODIES.messages);
      expect(plain.headers['content-encoding']).toBeUndefined();
      const stream = await rawPost(own, 'anthropic', 'messages', streaming('messages'), {
        headers: gzipHeaders,
      });
      expect(stream.headers['content-encoding']).toBeUndefined();
    } finally {
      await own.close();
    }
  });

  it('gzips one response when a fault asks for it; fetch decodes it transparently', async () => {
    fake.inject({ compress: true });
    const response = await postJson(fake, 'openai', 'chat', BODIES.chat, { headers: gzipHeaders });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(await response.json()).toMatchObject({ object: 'chat.completion' });
  });
});
