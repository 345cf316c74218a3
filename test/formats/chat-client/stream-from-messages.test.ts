/**
 * Messages SSE → Chat SSE, replayed from recorded-shape fixtures: the whole output is compared with
 * an expected Chat stream, the upstream is split at every byte, and the real openai SDK reads it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ResponseContext } from '../../../src/formats/translation.js';
import {
  CHAT_CLIENT_FIXTURES,
  FIXED_NOW,
  readFixture,
  responseContext,
  sdkAnsweringWith,
  sdkChunks,
  sdkFinalCompletion,
  translateSplitStream,
  translateStream,
} from './support.js';

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(FIXED_NOW);
});
afterAll(() => {
  vi.useRealTimers();
});

interface StreamCase {
  /** The expected Chat stream is streams/<name>.chat.txt. */
  name: string;
  upstream: string;
  context?: Partial<ResponseContext>;
}

const OURS = 'translation/chat-client/streams/';
const CASES: StreamCase[] = [
  { name: 'text', upstream: 'fake-provider/messages-text.stream.txt' },
  {
    name: 'text-without-usage',
    upstream: 'fake-provider/messages-text.stream.txt',
    context: { includeUsage: false },
  },
  { name: 'zai-text', upstream: 'fake-provider/messages-text.zai.stream.txt', context: { model: 'glm-4.6' } },
  { name: 'tool-use', upstream: 'fake-provider/messages-tool-use.stream.txt' },
  { name: 'parallel-tools', upstream: 'fake-provider/messages-parallel-tools.stream.txt' },
  { name: 'text-then-tools', upstream: `${OURS}messages-text-then-tools.stream.txt` },
  { name: 'thinking', upstream: 'fake-provider/messages-thinking.stream.txt' },
  { name: 'cache', upstream: 'fake-provider/messages-cache.stream.txt' },
  { name: 'max-tokens', upstream: `${OURS}messages-max-tokens.stream.txt` },
  { name: 'error-mid-stream', upstream: `${OURS}messages-error-mid-stream.stream.txt` },
  { name: 'no-message-stop', upstream: `${OURS}messages-no-message-stop.stream.txt` },
  { name: 'invalid-frame', upstream: `${OURS}messages-invalid-frame.stream.txt` },
  {
    name: 'json-tool',
    upstream: `${OURS}messages-json-tool.stream.txt`,
    context: { jsonTool: 'weather_report' },
  },
];

function run(streamCase: StreamCase): string {
  return translateStream(readFixture(streamCase.upstream), responseContext(streamCase.context));
}

describe('Messages stream → Chat stream, against the expected Chat fixtures', () => {
  it.each(CASES)('$name', async (streamCase) => {
    await expect(run(streamCase)).toMatchFileSnapshot(
      `${CHAT_CLIENT_FIXTURES}streams/${streamCase.name}.chat.txt`,
    );
  });
});

describe('the same output whatever the network reads (bug 10: JSON split across reads)', () => {
  it.each(CASES)('$name, split in two at every byte', (streamCase) => {
    const upstream = new TextEncoder().encode(readFixture(streamCase.upstream));
    const context = responseContext(streamCase.context);
    const whole = run(streamCase);
    for (let at = 1; at < upstream.length; at++) {
      const split = translateSplitStream(upstream, at, context);
      if (split !== whole) expect.fail(`output differs when the upstream is split at byte ${at}`);
    }
  });
});

describe('the openai SDK reads the translated stream', () => {
  it('assembles text, finish_reason and usage', async () => {
    const completion = await sdkFinalCompletion(run(CASES[0]!));
    expect(completion.choices[0]?.message.content).toBe('Hello from anthropic! You said: Say hi');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toEqual({
      prompt_tokens: 13,
      completion_tokens: 7,
      total_tokens: 20,
      prompt_tokens_details: { cached_tokens: 0 },
    });
  });

  it('assembles a tool call after text with its full arguments', async () => {
    const completion = await sdkFinalCompletion(run(caseNamed('text-then-tools')));
    const message = completion.choices[0]?.message;
    expect(message?.content).toBe('Je vérifie la météo ✓ — two calls.');
    expect(message?.tool_calls).toEqual([
      {
        id: 'toolu_01Paris',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city": "Paris", "note": "é✓"}' },
      },
      {
        id: 'toolu_02Tokyo',
        type: 'function',
        function: { name: 'get_time', arguments: '{"city": "Tokyo"}' },
      },
    ]);
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('assembles parallel tool calls', async () => {
    const completion = await sdkFinalCompletion(run(caseNamed('parallel-tools')));
    const calls = completion.choices[0]?.message.tool_calls ?? [];
    expect(
      calls.map((call) => (call.type === 'function' ? JSON.parse(call.function.arguments) : null)),
    ).toEqual([
      { city: 'Paris', unit: 'celsius' },
      { city: 'Tokyo', unit: 'fahrenheit' },
    ]);
    expect(completion.usage?.completion_tokens).toBe(8);
  });

  it('reports cached tokens inside prompt_tokens', async () => {
    const completion = await sdkFinalCompletion(run(caseNamed('cache')));
    expect(completion.usage).toEqual({
      prompt_tokens: 25 + 300 + 1200,
      completion_tokens: 9,
      total_tokens: 25 + 300 + 1200 + 9,
      prompt_tokens_details: { cached_tokens: 1200 },
    });
  });

  it('streams reasoning_content before the answer', async () => {
    const chunks = await sdkChunks(run(caseNamed('thinking')));
    const reasoning = chunks.map(
      (chunk) => (chunk.choices[0]?.delta as { reasoning_content?: string })?.reasoning_content ?? '',
    );
    expect(reasoning.join('')).toBe('Let me think about what the user asked.');
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      'Hello from anthropic! You said: [thinking] Why is the sky blue?',
    );
  });

  it('gives the JSON tool input as the message content with finish_reason stop', async () => {
    const completion = await sdkFinalCompletion(run(caseNamed('json-tool')));
    expect(JSON.parse(completion.choices[0]?.message.content ?? '')).toEqual({ city: 'Paris', celsius: 21 });
    expect(completion.choices[0]?.message.tool_calls).toBeUndefined();
    expect(completion.choices[0]?.finish_reason).toBe('stop');
  });

  it('completes a stream that ended without message_stop', async () => {
    const completion = await sdkFinalCompletion(run(caseNamed('no-message-stop')));
    expect(completion.choices[0]?.message.content).toBe('Partial answer');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
  });

  it('throws the upstream error mid-stream as an APIError, after the text that came before it', async () => {
    const seen: string[] = [];
    const reading = (async () => {
      const stream = await sdkAnsweringWith(run(caseNamed('error-mid-stream'))).chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Hi' }],
        stream: true,
      });
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
    })();
    await expect(reading).rejects.toMatchObject({ message: 'Overloaded', type: 'server_error' });
    expect(seen.join('')).toBe('Hello there');
  });
});

function caseNamed(name: string): StreamCase {
  const found = CASES.find((streamCase) => streamCase.name === name);
  if (!found) throw new Error(`no stream case ${name}`);
  return found;
}
