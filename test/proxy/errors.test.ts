import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  fake = await startFakeProvider();
  // OpenAI and Anthropic configured; xAI, OpenRouter and Z.AI not. A small body limit for the 413.
  gateway = await startGateway(fake, {
    configured: ['openai', 'anthropic'],
    config: { maxBodyBytes: 64 * 1024 },
  });
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'client', maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${gateway.url}${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });

async function caught(promise: Promise<unknown>): Promise<Error & { status?: number; error?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { status?: number };
  }
  throw new Error('expected the call to fail');
}

describe('errors the gateway answers itself, in the client’s dialect', () => {
  it('malformed JSON → 400 in each dialect', async () => {
    const chat = await post('/v1/chat/completions', '{"model": "gpt-4o", ');
    expect(chat.status).toBe(400);
    expect(await chat.json()).toMatchObject({
      error: {
        type: 'invalid_request_error',
        message: expect.stringContaining('not valid JSON'),
        param: null,
        code: null,
      },
    });
    const messages = await post('/v1/messages', '[1, 2]');
    expect(messages.status).toBe(400);
    expect(await messages.json()).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'request body must be a JSON object' },
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('missing model / wrong messages → BadRequestError from the SDKs', async () => {
    const noModel = await caught(openai.chat.completions.create({ messages: [] } as never));
    expect(noModel).toBeInstanceOf(OpenAI.BadRequestError);
    expect(noModel.message).toContain('`model` is required');
    const badMessages = await caught(
      anthropic.messages.create({ model: 'claude-sonnet-4', max_tokens: 5, messages: 'hi' } as never),
    );
    expect(badMessages).toBeInstanceOf(Anthropic.BadRequestError);
    expect(badMessages.message).toContain('`messages` is required and must be an array');
  });

  it('unknown model → 404 NotFoundError naming close matches', async () => {
    const error = await caught(openai.chat.completions.create({ model: 'gpt4o', messages: [] }));
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error.message).toContain('did you mean gpt-4o');
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    const anthropicError = await caught(
      anthropic.messages.create({
        model: 'sonnet_4',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'x' }],
      }),
    );
    expect(anthropicError).toBeInstanceOf(Anthropic.NotFoundError);
    expect((anthropicError as InstanceType<typeof Anthropic.NotFoundError>).error).toMatchObject({
      type: 'error',
      error: { type: 'not_found_error' },
    });
  });

  it('a model no configured provider serves → 400 naming the env var', async () => {
    const error = await caught(
      anthropic.messages.create({
        model: 'glm-4.6',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'x' }],
      }),
    );
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error.message).toContain('set ZAI_API_KEY');
  });

  it('body over the limit → 413 before anything is sent upstream', async () => {
    const huge = 'x'.repeat(70 * 1024);
    const error = await caught(
      openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: huge }] }),
    );
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.status).toBe(413);
    expect(fake.requests).toHaveLength(0);
  });

  it('every failure is recorded once, with its status and message', async () => {
    const before = gateway.recorder.events.length;
    await post('/v1/chat/completions', 'nope');
    const [event] = await gateway.waitForEvents(before + 1).then((events) => events.slice(before));
    expect(event).toMatchObject({ status: 400, outcome: 'error', provider: null, clientDialect: 'chat' });
    expect(event?.errorMessage).toContain('not valid JSON');
  });
});

describe('upstream errors pass through with their status', () => {
  it.each([
    [429, OpenAI.RateLimitError],
    [500, OpenAI.InternalServerError],
    [400, OpenAI.BadRequestError],
  ] as const)('openai %i → the SDK raises the matching class', async (status, errorClass) => {
    fake.inject({ status, headers: { 'retry-after': '7' } }, { provider: 'openai' });
    const error = await caught(
      openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    );
    expect(error).toBeInstanceOf(errorClass);
    expect(error.status).toBe(status);
    expect((error as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after')).toBe('7');
    expect(gateway.recorder.events.at(-1)).toMatchObject({ status, outcome: 'error', provider: 'openai' });
  });

  it.each([
    [429, Anthropic.RateLimitError],
    [529, Anthropic.InternalServerError],
  ] as const)('anthropic %i → the SDK raises the matching class', async (status, errorClass) => {
    fake.inject({ status }, { provider: 'anthropic' });
    const error = await caught(
      anthropic.messages.create({
        model: 'claude-sonnet-4',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'x' }],
      }),
    );
    expect(error).toBeInstanceOf(errorClass);
    expect(error.status).toBe(status);
  });
});

describe('errors after the stream began arrive in the stream, in the client’s dialect', () => {
  it('anthropic: an upstream error event reaches the SDK as an APIError; recorded as error', async () => {
    fake.inject({ midStreamError: { afterChunks: 3 } }, { provider: 'anthropic' });
    const stream = anthropic.messages.stream({
      model: 'claude-sonnet-4',
      max_tokens: 50,
      messages: [{ role: 'user', content: '[long 10] go' }],
    });
    const error = await caught(stream.finalMessage());
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error.message).toContain('Overloaded');
    expect(gateway.recorder.events.at(-1)).toMatchObject({ outcome: 'error', status: 200, stream: true });
  });

  it('anthropic: a connection reset mid-stream becomes an `event: error` frame', async () => {
    fake.inject({ reset: 'mid-stream', afterChunks: 3 }, { provider: 'anthropic' });
    const response = await post(
      '/v1/messages',
      JSON.stringify({
        model: 'claude-sonnet-4',
        max_tokens: 5,
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    );
    const text = await response.text();
    expect(text).toMatch(
      /event: error\ndata: \{"type":"error","error":\{"type":"api_error","message":"anthropic: /,
    );
    expect(text.trimEnd().endsWith('}')).toBe(true);
    expect(gateway.recorder.events.at(-1)).toMatchObject({ outcome: 'error' });
  });

  it('openai: a truncated stream ends with an error chunk and [DONE]; the SDK raises', async () => {
    fake.inject({ truncate: { afterChunks: 2 } }, { provider: 'openai' });
    const response = await post(
      '/v1/chat/completions',
      JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: '[long 8] go' }] }),
    );
    const text = await response.text();
    expect(text).toMatch(
      /data: \{"error":\{"message":"upstream stream ended early".*\}\}\n\ndata: \[DONE\]\n\n$/s,
    );

    fake.inject({ truncate: { afterChunks: 2 } }, { provider: 'openai' });
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: '[long 8] go' }],
    });
    const error = await caught(
      (async () => {
        for await (const _chunk of stream) {
          // drain
        }
      })(),
    );
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.message).toContain('upstream stream ended early');
  });
});

describe('routes', () => {
  it('/health and /v1/models in both shapes; unknown routes 404', async () => {
    const health = await (await fetch(`${gateway.url}/health`)).json();
    expect(health).toMatchObject({
      status: 'ok',
      version: 'test',
      providers: { openai: { configured: true }, zai: { configured: false } },
    });
    const list = await openai.models.list();
    expect(list.data.map((model) => model.id)).toContain('gpt-4o');
    const anthropicList = await anthropic.models.list();
    expect(anthropicList.data.find((model) => model.id === 'claude-sonnet-4')).toMatchObject({
      type: 'model',
    });
    expect((await fetch(`${gateway.url}/v2/nothing`)).status).toBe(404);
    expect((await fetch(`${gateway.url}/v1/chat/completions`)).status).toBe(405);
  });
});
