import { fileURLToPath } from 'node:url';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { Cooldowns } from '../../src/router/cooldown.js';
import { classifyStatus, retryAfterMs } from '../../src/router/retry-policy.js';
import { type FakeProvider, type Fault, startFakeProvider } from '../support/fake-provider/index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';

const CHEAPER_OPENROUTER = fileURLToPath(
  new URL('../fixtures/router/openrouter-cheaper.yaml', import.meta.url),
);

let fake: FakeProvider;
let gateway: TestGateway;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  fake = await startFakeProvider();
  // Short timeouts for the hang case; a high cooldown threshold so these tests do not trip it.
  gateway = await startGateway(fake, {
    config: {
      timeouts: { ...DEFAULT_CONFIG.timeouts, connectMs: 1000, firstByteMs: 300, idleMs: 1000 },
      routing: { fallback: true, cooldownAfter: 100, cooldownSeconds: 30 },
    },
  });
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'client', maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());

const hi = [{ role: 'user' as const, content: 'hi' }];
const lastEvent = () => gateway.recorder.events.at(-1)!;

describe('cheapest available provider', () => {
  it('goes to OpenRouter when a user catalog makes it cheaper for gpt-4o; to OpenAI when only OpenAI is configured', async () => {
    const both = await startGateway(fake, {
      userCatalog: CHEAPER_OPENROUTER,
      configured: ['openai', 'openrouter'],
    });
    const onlyOpenai = await startGateway(fake, { userCatalog: CHEAPER_OPENROUTER, configured: ['openai'] });
    try {
      const viaBoth = new OpenAI({ baseURL: `${both.url}/v1`, apiKey: 'client', maxRetries: 0 });
      const cheap = await viaBoth.chat.completions.create({ model: 'gpt-4o', messages: hi }).withResponse();
      expect(cheap.response.headers.get('x-ekai-provider')).toBe('openrouter');
      expect(fake.lastRequest()!.body).toMatchObject({ model: 'openai/gpt-4o' });
      const viaOne = new OpenAI({ baseURL: `${onlyOpenai.url}/v1`, apiKey: 'client', maxRetries: 0 });
      const only = await viaOne.chat.completions.create({ model: 'gpt-4o', messages: hi }).withResponse();
      expect(only.response.headers.get('x-ekai-provider')).toBe('openai');
    } finally {
      await both.close();
      await onlyOpenai.close();
    }
  });
});

describe('fallback to the next candidate before the first byte', () => {
  const FAULTS: Array<[string, Fault]> = [
    ['500', { status: 500 }],
    ['429 with retry-after', { status: 429, headers: { 'retry-after': '30' } }],
    ['529', { status: 529 }],
    ['a connection reset', { reset: 'before-response' }],
    ['a hang (first-byte timeout)', { hang: 'before-response' }],
  ];

  it.each(FAULTS)('%s from OpenAI → OpenRouter serves gpt-4o, non-streaming', async (_name, fault) => {
    fake.inject(fault, { provider: 'openai' });
    const { data, response } = await openai.chat.completions
      .create({ model: 'gpt-4o', messages: hi })
      .withResponse();
    expect(data.choices[0]?.message.content).toContain('Hello from openrouter!');
    expect(response.headers.get('x-ekai-provider')).toBe('openrouter');
    expect(lastEvent()).toMatchObject({ outcome: 'ok', status: 200, provider: 'openrouter' });
    expect(lastEvent().attempts.map((attempt) => attempt.provider)).toEqual(['openai', 'openrouter']);
    expect(lastEvent().attempts[0]?.status).toBe(typeof fault.status === 'number' ? fault.status : 0);
    expect(lastEvent().attempts[1]?.status).toBe(200);
  });

  it.each(FAULTS)('%s from OpenAI → OpenRouter serves gpt-4o, streaming', async (_name, fault) => {
    fake.inject(fault, { provider: 'openai' });
    const stream = await openai.chat.completions.create({ model: 'gpt-4o', stream: true, messages: hi });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toContain('Hello from openrouter!');
    expect(lastEvent().attempts.map((attempt) => attempt.provider)).toEqual(['openai', 'openrouter']);
  });

  it('a 400 from the first candidate reaches the client, untried elsewhere', async () => {
    fake.inject({ status: 400 }, { provider: 'openai' });
    const error = await openai.chat.completions.create({ model: 'gpt-4o', messages: hi }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(fake.requests.map((request) => request.provider)).toEqual(['openai']);
    expect(lastEvent().attempts).toHaveLength(1);
  });

  it('a failure after streaming began is not retried', async () => {
    fake.inject({ reset: 'mid-stream', afterChunks: 2 }, { provider: 'openai' });
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: '[long 10] go' }],
    });
    const error = await (async () => {
      for await (const _chunk of stream) {
        // until the in-stream error
      }
    })().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(fake.requests.map((request) => request.provider)).toEqual(['openai']);
    expect(lastEvent()).toMatchObject({ outcome: 'error', provider: 'openai' });
  });

  it('crosses wire formats: a Messages client whose Anthropic candidate fails is served by OpenRouter, translated', async () => {
    fake.inject({ status: 503 }, { provider: 'anthropic' });
    const message = await anthropic.messages
      .stream({
        model: 'claude-haiku-4-5',
        max_tokens: 100,
        messages: [{ role: 'user', content: '[tool] weather?' }],
        tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: {} } }],
      })
      .finalMessage();
    expect(message.content.find((block) => block.type === 'tool_use')).toMatchObject({
      input: { city: 'Paris', unit: 'celsius' },
    });
    expect(fake.requests.map((request) => `${request.provider}:${request.dialect}`)).toEqual([
      'anthropic:messages',
      'openrouter:chat',
    ]);
    expect(fake.lastRequest()!.body).toMatchObject({ model: 'anthropic/claude-haiku-4.5' });
    expect(lastEvent()).toMatchObject({ provider: 'openrouter', clientDialect: 'messages', outcome: 'ok' });
  });

  it('a short retry-after on the only candidate is waited out, then the same provider is asked again', async () => {
    fake.inject({ status: 429, headers: { 'retry-after': '1' } }, { provider: 'openai' });
    const completion = await openai.chat.completions.create({ model: 'gpt-4.1', messages: hi });
    expect(completion.choices[0]?.message.content).toContain('Hello from openai!');
    expect(lastEvent().attempts.map((attempt) => [attempt.provider, attempt.status])).toEqual([
      ['openai', 429],
      ['openai', 200],
    ]);
  });

  it('when every candidate fails, one error in the client’s wire format lists what each attempt got', async () => {
    fake.inject(
      { status: 500, body: { error: { message: 'openai broke', type: 'server_error' } } },
      { provider: 'openai' },
    );
    fake.inject(
      { status: 503, body: { error: { message: 'openrouter is down', code: 503 } } },
      { provider: 'openrouter' },
    );
    const error = (await openai.chat.completions.create({ model: 'gpt-4o', messages: hi }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    )) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(502);
    expect(error.message).toContain('all 2 attempts failed');
    expect(error.message).toContain('openai: 500 openai broke');
    expect(error.message).toContain('openrouter: 503 openrouter is down');
    expect(lastEvent()).toMatchObject({ outcome: 'error', status: 502 });

    fake.inject({ status: 503 }, { provider: 'anthropic' });
    fake.inject({ status: 429 }, { provider: 'openrouter' });
    const anthropicError = (await anthropic.messages
      .create({ model: 'claude-haiku-4-5', max_tokens: 10, messages: hi })
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      )) as InstanceType<typeof Anthropic.APIError>;
    // The last attempt got a client error (429), so that is the status.
    expect(anthropicError).toBeInstanceOf(Anthropic.RateLimitError);
    expect(anthropicError.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(anthropicError.message).toContain('all 2 attempts failed');
  });
});

describe('cooldown', () => {
  it('skips a provider that keeps failing, shows it in /health, and tries it again afterwards', async () => {
    const cooling = await startGateway(fake, {
      config: { routing: { fallback: true, cooldownAfter: 2, cooldownSeconds: 1 } },
    });
    try {
      const client = new OpenAI({ baseURL: `${cooling.url}/v1`, apiKey: 'client', maxRetries: 0 });
      fake.inject({ status: 500 }, { provider: 'openai', count: 2 });
      for (let turn = 0; turn < 2; turn++)
        await client.chat.completions.create({ model: 'gpt-4o', messages: hi });
      const health = (await (await fetch(`${cooling.url}/health`)).json()) as {
        providers: Record<string, { coolingDown: boolean; consecutiveFailures?: number }>;
      };
      expect(health.providers.openai).toMatchObject({ coolingDown: true, consecutiveFailures: 2 });

      fake.reset();
      await client.chat.completions.create({ model: 'gpt-4o', messages: hi });
      expect(fake.requests.map((request) => request.provider)).toEqual(['openrouter']);

      // Wait (bounded) until the cooldown is over: then OpenAI is tried again, and a success resets it.
      for (let poll = 0; poll < 50; poll++) {
        const state = (await (await fetch(`${cooling.url}/health`)).json()) as typeof health;
        if (!state.providers.openai?.coolingDown) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      fake.reset();
      const { response } = await client.chat.completions
        .create({ model: 'gpt-4o', messages: hi })
        .withResponse();
      expect(response.headers.get('x-ekai-provider')).toBe('openai');
      const after = (await (await fetch(`${cooling.url}/health`)).json()) as typeof health;
      expect(after.providers.openai).toEqual({ configured: true, coolingDown: false });
    } finally {
      await cooling.close();
    }
  });

  it('when every provider of a model is cooling down: 503 with retry-after, nothing sent upstream', async () => {
    const cooling = await startGateway(fake, {
      config: { routing: { fallback: true, cooldownAfter: 1, cooldownSeconds: 60 } },
    });
    try {
      const client = new OpenAI({ baseURL: `${cooling.url}/v1`, apiKey: 'client', maxRetries: 0 });
      fake.inject({ status: 500 }, { provider: 'openai' });
      await client.chat.completions.create({ model: 'gpt-4.1', messages: hi }).catch(() => undefined);
      const before = fake.requests.length;
      const error = (await client.chat.completions.create({ model: 'gpt-4.1', messages: hi }).then(
        () => undefined,
        (thrown: unknown) => thrown,
      )) as InstanceType<typeof OpenAI.APIError>;
      expect(error.status).toBe(503);
      expect(error.message).toContain('cooling down');
      expect(Number(error.headers?.get('retry-after'))).toBeGreaterThan(0);
      expect(fake.requests.length).toBe(before);
    } finally {
      await cooling.close();
    }
  });

  it('counts consecutive failures with a clock', () => {
    let now = 0;
    const cooldowns = new Cooldowns({ cooldownAfter: 3, cooldownSeconds: 30 }, () => now);
    cooldowns.recordFailure('a', 120_000);
    cooldowns.recordFailure('a');
    expect(cooldowns.isCooling('a')).toBe(false);
    cooldowns.recordFailure('a', 60_000);
    expect(cooldowns.isCooling('a')).toBe(true);
    now = 59_000;
    expect(cooldowns.isCooling('a')).toBe(true);
    now = 60_001;
    expect(cooldowns.isCooling('a')).toBe(false);
    cooldowns.recordSuccess('a');
    expect(cooldowns.snapshot()).toEqual({});
  });
});

describe('retry rules as data', () => {
  it('classifies statuses and reads retry-after', () => {
    expect([408, 429, 500, 502, 503, 504, 529, 401].map(classifyStatus)).toEqual(Array(8).fill('retryable'));
    expect([400, 404, 413, 422].map(classifyStatus)).toEqual(Array(4).fill('client-mistake'));
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
