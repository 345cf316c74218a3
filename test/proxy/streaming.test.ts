import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import type { UsageEvent } from '../../src/usage/event.js';
import { FAKE_KEYS, type FakeProvider } from '../support/fake-provider/index.js';
import { startGateway, type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;

withFakeAndGateway((started) => ({ fake, gateway } = started));

const streamBody = (model: string, text: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    model,
    stream: true,
    max_tokens: 50,
    messages: [{ role: 'user', content: text }],
    ...extra,
  });

function post(path: string, body: string, init: RequestInit = {}) {
  return fetch(`${gateway.url}${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    ...init,
  });
}

describe('streaming is piped, not buffered', () => {
  it('the first chunk reaches the client while the upstream is still streaming; abort closes the upstream', async () => {
    // The upstream sends two frames, then stalls forever: anything the client reads was not buffered.
    fake.inject({ hang: 'mid-stream', afterChunks: 2 }, { provider: 'anthropic' });
    const controller = new AbortController();
    const recorded = gateway.nextEvents();
    const response = await post('/v1/messages', streamBody('claude-sonnet-4', '[long 10] hi'), {
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: message_start');
    const upstreamRequest = fake.lastRequest()!;
    expect(upstreamRequest.outcome).toBe('pending');

    controller.abort();
    await upstreamRequest.finished;
    expect(upstreamRequest.aborted).toBe(true);
    const [event] = await recorded;
    expect(event).toMatchObject({ outcome: 'aborted', provider: 'anthropic', stream: true });
  });

  it('the bytes the client gets are the bytes the provider sent (Messages)', async () => {
    const text = await (await post('/v1/messages', streamBody('claude-sonnet-4', '[thinking] hi'))).text();
    expect(text).toBe(fake.lastRequest()!.responseText);
  });

  it.each([
    ['anthropic', '/v1/messages', 'claude-sonnet-4'],
    ['openai', '/v1/chat/completions', 'gpt-4o'],
  ] as const)('%s: usage is read off frames split at every byte boundary', async (provider, path, model) => {
    const recorded = gateway.nextEvents(2);
    await (await post(path, streamBody(model, '[cache] [long 6] hi'))).text();
    fake.inject({ splitFrames: true }, { provider });
    await (await post(path, streamBody(model, '[cache] [long 6] hi'))).text();
    const [whole, split] = (await recorded) as [UsageEvent, UsageEvent];
    expect(split.outputTokens).toBeGreaterThan(0);
    expect(split.cacheReadTokens).toBe(1200);
    for (const key of ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens'] as const) {
      expect(split[key], key).toBe(whole[key]);
    }
  });

  it('a gzip-compressed JSON answer reaches the client decoded, with usage recorded', async () => {
    fake.inject({ compress: true }, { provider: 'openai' });
    const recorded = gateway.nextEvents();
    const response = await post(
      '/v1/chat/completions',
      JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'compress me' }] }),
      { headers: { 'content-type': 'application/json', 'accept-encoding': 'identity' } },
    );
    expect(response.headers.get('content-encoding')).toBeNull();
    const body = (await response.json()) as { usage: { completion_tokens: number } };
    const seen = fake.lastRequest()!;
    expect(seen.headers['accept-encoding']).toContain('gzip');
    // The fake gzips when asked to and the request accepts it: the client reads exactly the JSON it wrote.
    expect(body).toEqual(JSON.parse(seen.responseText));
    expect((await recorded)[0]?.outputTokens).toBe(body.usage.completion_tokens);
  });
});

describe('timeouts', () => {
  let strict: TestGateway;
  beforeAll(async () => {
    strict = await startGateway(fake, {
      config: { timeouts: { ...DEFAULT_CONFIG.timeouts, connectMs: 1000, firstByteMs: 300, idleMs: 300 } },
    });
  });
  afterAll(() => strict.close());

  it('no first byte in time → 504 in the client’s dialect, upstream request closed', async () => {
    fake.inject({ hang: 'before-response' }, { provider: 'openai' });
    const client = new OpenAI({ baseURL: `${strict.url}/v1`, apiKey: 'client', maxRetries: 0 });
    // gpt-4.1 has a single provider, so the timeout is the answer (no fallback).
    const error = await client.chat.completions
      .create({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'hi' }] })
      .then(
        () => undefined,
        (thrown: unknown) => thrown as InstanceType<typeof OpenAI.APIError>,
      );
    expect(error?.status).toBe(504);
    expect(error?.message).toContain('first-byte timeout');
    await fake.lastRequest()!.finished;
    expect(fake.lastRequest()!.aborted).toBe(true);
  });

  it('a stream silent longer than the idle timeout ends with an in-stream error', async () => {
    fake.inject({ hang: 'mid-stream', afterChunks: 3 }, { provider: 'anthropic' });
    const recorded = strict.nextEvents();
    const response = await fetch(`${strict.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: streamBody('claude-sonnet-4', '[long 10] hi'),
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toMatch(/event: error\ndata: .*"type":"timeout_error".*idle timeout/);
    expect((await recorded)[0]).toMatchObject({ outcome: 'error', status: 200 });
  });
});

describe('concurrency', () => {
  it('200 concurrent streams finish with correct, unmixed per-request usage', async () => {
    const count = 200;
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });
    const before = gateway.recorder.events.length;
    const results = await Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const deltas = 1 + (index % 17);
        const stream = await client.chat.completions.create(
          {
            model: index % 2 ? 'gpt-4o' : 'grok-4',
            stream: true,
            stream_options: { include_usage: true },
            messages: [{ role: 'user', content: `[long ${deltas}] request ${'x'.repeat(index)}` }],
          },
          { headers: { 'x-ekai-tag': String(index) } },
        );
        let usage: OpenAI.CompletionUsage | undefined;
        let pieces = 0;
        for await (const chunk of stream) {
          if (chunk.choices[0]?.delta.content) pieces++;
          usage = chunk.usage ?? usage;
        }
        return { index, deltas, pieces, usage };
      }),
    );
    const events = (await gateway.waitForEvents(before + count)).slice(before);
    expect(events).toHaveLength(count);
    const byTag = new Map(events.map((event) => [event.tag, event]));
    for (const { index, deltas, pieces, usage } of results) {
      expect(pieces).toBe(deltas);
      const event = byTag.get(String(index));
      expect(event, `request ${index}`).toMatchObject({
        outcome: 'ok',
        inputTokens: usage!.prompt_tokens,
        outputTokens: usage!.completion_tokens,
      });
    }
    // Distinct prompts give distinct input counts: a mix-up could not go unnoticed.
    expect(new Set(events.map((event) => event.inputTokens)).size).toBeGreaterThan(count / 4);
  });
});

describe('secrets', () => {
  it('no provider key appears in any response body or header', async () => {
    const responses = await Promise.all([
      post('/v1/chat/completions', streamBody('gpt-4o', 'hi')),
      post('/v1/messages', streamBody('claude-sonnet-4', 'hi')),
      post('/v1/messages', streamBody('glm-4.6', 'hi')),
      post(
        '/v1/chat/completions',
        JSON.stringify({ model: 'grok-4', messages: [{ role: 'user', content: 'x' }] }),
      ),
      fetch(`${gateway.url}/health`),
      fetch(`${gateway.url}/v1/models`),
    ]);
    fake.inject({ status: 401 }, { provider: 'openai' });
    responses.push(await post('/v1/chat/completions', JSON.stringify({ model: 'gpt-4o', messages: [] })));
    for (const response of responses) {
      const everything = JSON.stringify([...response.headers]) + (await response.text());
      for (const key of Object.values(FAKE_KEYS)) expect(everything).not.toContain(key);
    }
    expect(JSON.stringify(gateway.recorder.events)).not.toMatch(/fake-\w+-key/);
  });
});
