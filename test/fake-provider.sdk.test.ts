/**
 * The real SDKs accept the fake's output: if these parse it, streamed and not, the fake is a
 * credible upstream (and a credible stand-in when these SDKs are the gateway's clients).
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_KEYS, type FakeProvider, startFakeProvider } from './support/fake-provider/index.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
});

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  },
};

function openai(provider: 'openai' | 'xai' | 'openrouter' = 'openai'): OpenAI {
  return new OpenAI({ baseURL: `${fake.baseUrl(provider)}/v1`, apiKey: FAKE_KEYS[provider], maxRetries: 0 });
}

function anthropic(provider: 'anthropic' | 'xai' | 'zai' = 'anthropic'): Anthropic {
  return new Anthropic({ baseURL: fake.baseUrl(provider), apiKey: FAKE_KEYS[provider], maxRetries: 0 });
}

describe('openai SDK: chat completions', () => {
  it('parses a completion', async () => {
    const completion = await openai().chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Hello from openai! You said: Hi');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  });

  it.each(['openai', 'xai', 'openrouter'] as const)('assembles a streamed %s tool call', async (provider) => {
    const stream = openai(provider).chat.completions.stream({
      model: 'some-model',
      messages: [{ role: 'user', content: '[tool] weather in Paris' }],
      tools: [weatherTool],
      stream_options: { include_usage: true },
    });
    const final = await stream.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({
      city: 'Paris',
      unit: 'celsius',
    });
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(final.usage?.completion_tokens).toBe(4);
  });

  it('assembles parallel streamed tool calls', async () => {
    const stream = openai().chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: '[parallel-tools] both' }],
      tools: [weatherTool],
    });
    const calls = (await stream.finalChatCompletion()).choices[0]?.message.tool_calls ?? [];
    expect(calls.map((c) => (c.type === 'function' ? JSON.parse(c.function.arguments).city : null))).toEqual([
      'Paris',
      'Tokyo',
    ]);
  });

  it('surfaces injected errors as typed exceptions', async () => {
    fake.inject({ status: 429, headers: { 'retry-after': '1' } });
    await expect(
      openai().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }),
    ).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    fake.inject({ midStreamError: { afterChunks: 2 } });
    const stream = await openai().chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    await expect(async () => {
      for await (const _chunk of stream) {
        // drain
      }
    }).rejects.toBeInstanceOf(OpenAI.APIError);
  });
});

describe('openai SDK: responses', () => {
  it('parses a response', async () => {
    const response = await openai().responses.create({ model: 'gpt-5', input: 'Hi' });
    expect(response.output_text).toBe('Hello from openai! You said: Hi');
    expect(response.usage?.input_tokens).toBeGreaterThan(0);
  });

  it('follows a streamed reasoning + text response', async () => {
    const stream = openai().responses.stream({ model: 'gpt-5', input: '[thinking] why?' });
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
    const final = await stream.finalResponse();
    expect(deltas.join('')).toBe('Hello from openai! You said: [thinking] why?');
    expect(final.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
    expect(final.usage?.output_tokens_details.reasoning_tokens).toBe(4);
  });

  it('follows a streamed function call', async () => {
    const stream = openai().responses.stream({
      model: 'gpt-5',
      input: '[tool] weather',
      tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object' }, strict: false }],
    });
    const final = await stream.finalResponse();
    const call = final.output[0];
    expect(call?.type).toBe('function_call');
    if (call?.type === 'function_call')
      expect(JSON.parse(call.arguments)).toEqual({ city: 'Paris', unit: 'celsius' });
  });
});

describe('@anthropic-ai/sdk: messages', () => {
  it('parses a message and counts tokens', async () => {
    const client = anthropic();
    const params = {
      model: 'claude-opus-5-5',
      max_tokens: 256,
      messages: [{ role: 'user' as const, content: 'Hi' }],
    };
    const message = await client.messages.create(params);
    expect(message.content).toEqual([{ type: 'text', text: 'Hello from anthropic! You said: Hi' }]);
    const { max_tokens: _unused, ...countParams } = params;
    const counted = await client.messages.countTokens(countParams);
    expect(counted.input_tokens).toBe(message.usage.input_tokens);
  });

  it.each(['anthropic', 'xai', 'zai'] as const)(
    'assembles a streamed %s thinking + tool_use message',
    async (provider) => {
      const stream = anthropic(provider).messages.stream({
        model: 'some-model',
        max_tokens: 2048,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
        messages: [{ role: 'user', content: '[thinking] [tool] [cache] weather' }],
      });
      const message = await stream.finalMessage();
      expect(message.content.map((block) => block.type)).toEqual(['thinking', 'tool_use']);
      const [thinking, toolUse] = message.content;
      expect(thinking?.type === 'thinking' && thinking.signature).toMatch(/\S{20,}/);
      expect(toolUse?.type === 'tool_use' && toolUse.input).toEqual({ city: 'Paris', unit: 'celsius' });
      expect(message.stop_reason).toBe('tool_use');
      expect(message.usage).toMatchObject({
        input_tokens: 25,
        cache_read_input_tokens: 1200,
        output_tokens: 8,
      });
    },
  );

  it('surfaces overloaded errors, before and during the stream', async () => {
    fake.inject({ status: 529 });
    await expect(
      anthropic().messages.create({
        model: 'm',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    ).rejects.toMatchObject({ status: 529 });
    fake.inject({ midStreamError: { afterChunks: 3 } });
    const stream = anthropic().messages.stream({
      model: 'm',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    await expect(stream.finalMessage()).rejects.toThrow(/Overloaded/);
  });
});
