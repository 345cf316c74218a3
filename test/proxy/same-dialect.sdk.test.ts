import { request as httpRequest } from 'node:http';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FAKE_KEYS,
  type FakeProvider,
  type ProviderName,
  startFakeProvider,
} from '../support/fake-provider/index.js';

const JSON_BODY = { 'content-type': 'application/json' };

import { startGateway, type TestGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway(fake);
  // The clients' own keys are not provider keys: the gateway must not forward them.
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client-key-not-forwarded', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'client-key-not-forwarded', maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());

const CHAT_CASES: Array<{ model: string; provider: ProviderName; upstream: string; path: string }> = [
  { model: 'gpt-4o', provider: 'openai', upstream: 'gpt-4o', path: '/openai/v1/chat/completions' },
  { model: 'grok-4', provider: 'xai', upstream: 'grok-4', path: '/xai/v1/chat/completions' },
  {
    model: 'google/gemini-2.5-pro',
    provider: 'openrouter',
    upstream: 'google/gemini-2.5-pro',
    path: '/openrouter/api/v1/chat/completions',
  },
];

const MESSAGES_CASES: Array<{ model: string; provider: ProviderName; upstream: string; path: string }> = [
  {
    model: 'claude-sonnet-4',
    provider: 'anthropic',
    upstream: 'claude-sonnet-4-20250514',
    path: '/anthropic/v1/messages',
  },
  { model: 'glm-4.6', provider: 'zai', upstream: 'glm-4.6', path: '/zai/api/anthropic/v1/messages' },
  { model: 'grok-4-0709', provider: 'xai', upstream: 'grok-4-0709', path: '/xai/v1/messages' },
];

describe.each(CHAT_CASES)(
  'openai SDK → /v1/chat/completions → $provider ($model)',
  ({ model, provider, upstream, path }) => {
    it('non-streaming: the provider’s content, finish reason and usage; right auth, path and model upstream', async () => {
      const recorded = gateway.nextEvents();
      const { data, response } = await openai.chat.completions
        .create({ model, messages: [{ role: 'user', content: 'Say hello please' }] })
        .withResponse();
      expect(data.choices[0]?.message.content).toBe(`Hello from ${provider}! You said: Say hello please`);
      expect(data.choices[0]?.finish_reason).toBe('stop');
      const seen = fake.lastRequest()!;
      expect(seen.path).toBe(path);
      expect(seen.headers.authorization).toBe(`Bearer ${FAKE_KEYS[provider]}`);
      expect(seen.headers['x-api-key']).toBeUndefined();
      expect(seen.body).toMatchObject({
        model: upstream,
        messages: [{ role: 'user', content: 'Say hello please' }],
      });
      expect(JSON.parse(seen.responseText).usage).toEqual(data.usage);
      expect(response.headers.get('x-ekai-provider')).toBe(provider);
      expect(response.headers.get('x-ekai-model')).toBe(upstream);
      expect(response.headers.get('x-ekai-request-id')).toMatch(/^req_/);

      const [event] = await recorded;
      expect(event).toMatchObject({
        provider,
        upstreamModel: upstream,
        status: 200,
        outcome: 'ok',
        stream: false,
        inputTokens: data.usage!.prompt_tokens,
        outputTokens: data.usage!.completion_tokens,
      });
    });

    it('streaming: the same text and usage, the usage chunk hidden when the client did not ask for it', async () => {
      const recorded = gateway.nextEvents();
      const stream = await openai.chat.completions.create({
        model,
        stream: true,
        messages: [{ role: 'user', content: 'Say hello please' }],
      });
      let text = '';
      let finish: string | null | undefined;
      let usageChunks = 0;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        finish = chunk.choices[0]?.finish_reason ?? finish;
        if (chunk.usage) usageChunks++;
      }
      expect(text).toBe(`Hello from ${provider}! You said: Say hello please`);
      expect(finish).toBe('stop');
      const seen = fake.lastRequest()!;
      // ekai asked for usage upstream, and kept the bill…
      expect(seen.body).toMatchObject({
        model: upstream,
        stream: true,
        stream_options: { include_usage: true },
      });
      const event = (await recorded)[0]!;
      expect(event).toMatchObject({ provider, stream: true, outcome: 'ok' });
      expect(event.outputTokens).toBeGreaterThan(0);
      expect(event.inputTokens).toBeGreaterThan(0);
      // …but the client did not ask, so it sees no usage-only chunk (OpenRouter sends one unasked: also hidden).
      expect(usageChunks).toBe(0);
    });

    it('streaming with include_usage: the client gets the usage chunk, equal to what was recorded', async () => {
      const recorded = gateway.nextEvents();
      const stream = await openai.chat.completions.create({
        model,
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: '[cache] tell me' }],
      });
      let usage: OpenAI.CompletionUsage | undefined;
      for await (const chunk of stream) usage = chunk.usage ?? usage;
      expect(usage?.prompt_tokens).toBeGreaterThan(0);
      const event = (await recorded)[0]!;
      const details = usage?.prompt_tokens_details as { cached_tokens?: number; cache_write_tokens?: number };
      const cached = details?.cached_tokens ?? 0;
      // OpenRouter also reports cache writes inside prompt_tokens.
      const written = details?.cache_write_tokens ?? 0;
      expect(cached).toBeGreaterThan(0);
      expect(event.cacheReadTokens).toBe(cached);
      expect(event.cacheWriteTokens).toBe(written);
      expect(event.inputTokens).toBe(usage!.prompt_tokens - cached - written);
      expect(event.outputTokens).toBe(usage?.completion_tokens);
    });
  },
);

describe.each(MESSAGES_CASES)(
  'anthropic SDK → /v1/messages → $provider ($model)',
  ({ model, provider, upstream, path }) => {
    it('non-streaming: content, stop reason and usage; auth, path, model and beta headers upstream', async () => {
      const recorded = gateway.nextEvents();
      const { data, response } = await anthropic.messages
        .create(
          { model, max_tokens: 100, messages: [{ role: 'user', content: 'Say hello please' }] },
          {
            headers: {
              'anthropic-version': '2023-06-01',
              'anthropic-beta': 'interleaved-thinking-2025-05-14',
            },
          },
        )
        .withResponse();
      expect(data.content).toEqual([
        { type: 'text', text: `Hello from ${provider}! You said: Say hello please` },
      ]);
      expect(data.stop_reason).toBe('end_turn');
      const seen = fake.lastRequest()!;
      expect(seen.path).toBe(path);
      const key = FAKE_KEYS[provider];
      expect(seen.headers['x-api-key'] ?? seen.headers.authorization?.replace('Bearer ', '')).toBe(key);
      expect(JSON.stringify(seen.headers)).not.toContain('client-key-not-forwarded');
      expect(seen.headers['anthropic-version']).toBe('2023-06-01');
      expect(seen.headers['anthropic-beta']).toBe('interleaved-thinking-2025-05-14');
      expect(seen.body).toMatchObject({ model: upstream, max_tokens: 100 });
      expect(response.headers.get('x-ekai-provider')).toBe(provider);
      const event = (await recorded)[0]!;
      expect(event).toMatchObject({
        provider,
        clientDialect: 'messages',
        inputTokens: data.usage.input_tokens,
        outputTokens: data.usage.output_tokens,
        outcome: 'ok',
      });
    });

    it('streaming: text, stop reason and usage incl. cache tokens, ?beta=true passed on', async () => {
      const recorded = gateway.nextEvents();
      // Claude Code calls /v1/messages?beta=true.
      const stream = anthropic.messages.stream(
        { model, max_tokens: 100, messages: [{ role: 'user', content: '[cache] hello there' }] },
        { query: { beta: 'true' } },
      );
      const message = await stream.finalMessage();
      expect(message.stop_reason).toBe('end_turn');
      expect(message.content[0]).toMatchObject({ type: 'text' });
      const seen = fake.lastRequest()!;
      expect(seen.query).toBe('beta=true');
      const event = (await recorded)[0]!;
      expect(event).toMatchObject({
        provider,
        stream: true,
        inputTokens: message.usage.input_tokens,
        outputTokens: message.usage.output_tokens,
        cacheReadTokens: message.usage.cache_read_input_tokens,
        cacheWriteTokens: message.usage.cache_creation_input_tokens,
      });
      expect(event.cacheReadTokens).toBeGreaterThan(0);
    });
  },
);

describe('tool calls pass through untouched', () => {
  it('anthropic: fragmented tool arguments arrive whole', async () => {
    const message = await anthropic.messages
      .stream({
        model: 'claude-sonnet-4',
        max_tokens: 100,
        tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: {} } }],
        messages: [{ role: 'user', content: '[tool] weather?' }],
      })
      .finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content.find((block) => block.type === 'tool_use')).toMatchObject({
      name: 'get_weather',
      input: { city: 'Paris', unit: 'celsius' },
    });
  });

  it('openai: parallel tool calls keep their indexes', async () => {
    const stream = openai.chat.completions.stream({
      model: 'gpt-4o',
      tools: [
        { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
        { type: 'function', function: { name: 'get_time', parameters: { type: 'object' } } },
      ],
      messages: [{ role: 'user', content: '[parallel-tools] go' }],
    });
    const completion = await stream.finalChatCompletion();
    const calls = completion.choices[0]?.message.tool_calls ?? [];
    expect(calls.map((call) => (call.type === 'function' ? call.function.name : ''))).toEqual([
      'get_weather',
      'get_time',
    ]);
  });
});

describe('headers on the way up', () => {
  function rawPost(path: string, headers: Record<string, string>, body: unknown): Promise<number> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(`${gateway.url}${path}`, { method: 'POST', headers }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      request.on('error', reject);
      request.end(JSON.stringify(body));
    });
  }

  it('strips hop-by-hop and connection-listed headers, client credentials and ekai’s own; keeps the rest', async () => {
    const recorded = gateway.nextEvents();
    const status = await rawPost(
      '/v1/chat/completions',
      {
        'content-type': 'application/json',
        connection: 'keep-alive, x-per-hop',
        'x-per-hop': 'drop me',
        'keep-alive': 'timeout=5',
        authorization: 'Bearer client-secret',
        'x-api-key': 'client-secret',
        'x-ekai-tag': 'experiment-1',
        'anthropic-beta': 'not-for-openai',
        'x-stainless-lang': 'js',
        'user-agent': 'my-app/1.0',
      },
      { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] },
    );
    expect(status).toBe(200);
    const seen = fake.lastRequest()!.headers;
    for (const name of ['x-per-hop', 'keep-alive', 'x-api-key', 'x-ekai-tag', 'anthropic-beta']) {
      expect(seen[name], name).toBeUndefined();
    }
    expect(seen.authorization).toBe(`Bearer ${FAKE_KEYS.openai}`);
    expect(seen['x-stainless-lang']).toBe('js');
    expect(seen['user-agent']).toBe('my-app/1.0');
    expect((await recorded)[0]).toMatchObject({ tag: 'experiment-1', clientName: 'my-app' });
  });

  it('adds OpenRouter’s attribution headers, and anthropic-version when an Anthropic client omits it', async () => {
    await openai.chat.completions.create({
      model: 'deepseek-chat-v3.1',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(fake.lastRequest()!.headers).toMatchObject({
      'x-title': 'ekai',
      'http-referer': expect.any(String),
    });
    const status = await rawPost(
      '/v1/messages',
      { 'content-type': 'application/json' },
      { model: 'claude-sonnet-4', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] },
    );
    expect(status).toBe(200);
    expect(fake.lastRequest()!.headers['anthropic-version']).toBe('2023-06-01');
  });
});

describe('the body goes upstream as the client wrote it (only the model id and the usage request change)', () => {
  it('keeps every other byte of a large request', async () => {
    const history = Array.from({ length: 200 }, (_, index) => ({
      role: index % 2 ? 'assistant' : 'user',
      content: `turn ${index} — “quotes”, \\ backslashes, \u2028 and emoji 🎉`,
    }));
    const raw = JSON.stringify({
      temperature: 0.25,
      model: 'claude-sonnet-4',
      max_tokens: 64,
      messages: history,
    });
    const response = await fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: raw,
    });
    expect(response.status).toBe(200);
    expect(fake.lastRequest()!.rawBody).toBe(raw.replace('"claude-sonnet-4"', '"claude-sonnet-4-20250514"'));
  });

  it('adds the usage request to an OpenAI stream, and merges it into stream options the client sent', async () => {
    const plain = JSON.stringify({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    await (
      await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: JSON_BODY, body: plain })
    ).text();
    expect(fake.lastRequest()!.rawBody).toBe(`{"stream_options":{"include_usage":true},${plain.slice(1)}`);
    const withOptions = JSON.stringify({ model: 'gpt-4o', stream: true, stream_options: null, messages: [] });
    await (
      await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: JSON_BODY,
        body: withOptions,
      })
    ).text();
    expect(fake.lastRequest()!.body).toMatchObject({ stream_options: { include_usage: true } });
  });
});
