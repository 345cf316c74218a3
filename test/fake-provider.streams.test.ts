/**
 * Invariants of the fake's answers that the fixtures alone would not pin: how tool arguments are
 * fragmented, where usage appears, that streaming and non-streaming agree, and how scenarios are
 * chosen.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type Dialect,
  estimateInputTokens,
  type FakeProvider,
  type ParsedEvent,
  type ProviderName,
  parseSse,
  postJson,
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

async function stream(provider: ProviderName, dialect: Dialect, body: Json): Promise<ParsedEvent[]> {
  const response = await postJson(fake, provider, dialect, { ...body, stream: true });
  expect(response.status).toBe(200);
  return parseSse(await response.text());
}

async function complete(provider: ProviderName, dialect: Dialect, body: Json): Promise<Json> {
  const response = await postJson(fake, provider, dialect, body);
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

/** Throws instead of returning undefined, so tests can chain without optional chaining. */
function defined<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}

function json(event: ParsedEvent): Json {
  if (event.json === undefined) throw new Error(`not JSON: ${event.data}`);
  return event.json as Json;
}

/** `choices[0].delta` of every chat chunk that has one. */
function chatDeltas(events: ParsedEvent[]): Json[] {
  return events
    .filter((e) => e.data !== '[DONE]')
    .flatMap((e) => (json(e).choices as Json[]).map((choice) => choice.delta as Json));
}

interface ToolCallFragment {
  index: number;
  id?: string;
  function: { name?: string; arguments?: string };
}

function toolFragments(events: ParsedEvent[]): ToolCallFragment[] {
  return chatDeltas(events).flatMap((delta) => (delta.tool_calls as ToolCallFragment[] | undefined) ?? []);
}

const chatBody = (content: string, extra: Json = {}): Json => ({
  model: 'gpt-4o',
  messages: [{ role: 'user', content }],
  ...extra,
});
const messagesBody = (content: unknown, extra: Json = {}): Json => ({
  model: 'claude-sonnet-4-5',
  max_tokens: 512,
  messages: [{ role: 'user', content }],
  ...extra,
});
const weatherTool = {
  type: 'function',
  function: { name: 'lookup_weather', parameters: { type: 'object' } },
};

describe('chat streams', () => {
  it('stream tool arguments in several fragments, the first already holding some', async () => {
    const events = await stream('openai', 'chat', chatBody('[tool] go', { tools: [weatherTool] }));
    const fragments = toolFragments(events);
    expect(fragments.length).toBeGreaterThan(2);
    const [first, ...rest] = fragments;
    expect(first).toMatchObject({ index: 0, type: 'function', function: { name: 'lookup_weather' } });
    expect(first?.id).toMatch(/^call_/);
    expect(first?.function.arguments).not.toBe('');
    for (const fragment of rest) expect(Object.keys(fragment).sort()).toEqual(['function', 'index']);
    const args = fragments.map((f) => f.function.arguments ?? '').join('');
    expect(JSON.parse(args)).toEqual({ city: 'Paris', unit: 'celsius' });
    const last = json(events[events.length - 2] as ParsedEvent);
    expect((last.choices as Json[])[0]?.finish_reason).toBe('tool_calls');
  });

  it('key parallel calls by index 0 and 1 with distinct ids and arguments', async () => {
    const events = await stream('openai', 'chat', chatBody('[parallel-tools] go'));
    const fragments = toolFragments(events);
    const byIndex = new Map<number, string>();
    for (const f of fragments)
      byIndex.set(f.index, (byIndex.get(f.index) ?? '') + (f.function.arguments ?? ''));
    expect([...byIndex.keys()]).toEqual([0, 1]);
    expect(JSON.parse(byIndex.get(0) ?? '')).toEqual({ city: 'Paris', unit: 'celsius' });
    expect(JSON.parse(byIndex.get(1) ?? '')).toEqual({ city: 'Tokyo', unit: 'fahrenheit' });
    const ids = fragments.filter((f) => f.id !== undefined).map((f) => f.id);
    expect(new Set(ids).size).toBe(2);
    expect(fragments.filter((f) => f.function.name === 'get_weather')).toHaveLength(2);
  });

  it('with include_usage: usage null on every chunk, then one choices:[] usage chunk, then [DONE]', async () => {
    const events = await stream(
      'openai',
      'chat',
      chatBody('hi', { stream_options: { include_usage: true } }),
    );
    expect(events.at(-1)?.data).toBe('[DONE]');
    const chunks = events.slice(0, -1).map(json);
    const usageChunk = chunks.at(-1) as Json;
    expect(usageChunk.choices).toEqual([]);
    // "Hello from openai! You said: hi" is six words, one delta each.
    expect(usageChunk.usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: 6 });
    for (const chunk of chunks.slice(0, -1)) expect(chunk.usage).toBeNull();
    expect(chatDeltas(events)[0]).toEqual({ role: 'assistant', content: '', refusal: null });
  });

  it('without include_usage: no usage anywhere (OpenAI), but OpenRouter still reports it', async () => {
    const openai = (await stream('openai', 'chat', chatBody('hi'))).slice(0, -1).map(json);
    for (const chunk of openai) expect(chunk).not.toHaveProperty('usage');
    expect((defined(openai.at(-1)).choices as Json[])[0]?.finish_reason).toBe('stop');

    const response = await postJson(fake, 'openrouter', 'chat', { ...chatBody('hi'), stream: true });
    const text = await response.text();
    expect(text.startsWith(': OPENROUTER PROCESSING\n\n')).toBe(true);
    const chunks = parseSse(text).slice(0, -1).map(json);
    expect(chunks.at(-1)?.usage).toMatchObject({ completion_tokens: 6, cost: expect.any(Number) });
  });

  it('stream reasoning as reasoning_content on xAI and reasoning on OpenRouter; OpenAI only counts it', async () => {
    const xai = chatDeltas(await stream('xai', 'chat', chatBody('[thinking] q', { model: 'grok-3-mini' })));
    expect(xai.map((d) => d.reasoning_content ?? '').join('')).toBe(
      'Let me think about what the user asked.',
    );
    const router = chatDeltas(await stream('openrouter', 'chat', chatBody('[thinking] q')));
    expect(router.map((d) => d.reasoning ?? '').join('')).toBe('Let me think about what the user asked.');
    const openai = await complete('openai', 'chat', chatBody('[thinking] q'));
    expect(JSON.stringify(openai.choices)).not.toContain('Let me think');
    expect(openai.usage).toMatchObject({ completion_tokens_details: { reasoning_tokens: 4 } });
  });
});

describe('messages streams', () => {
  it('give every event both lines, named after its type, in the documented order', async () => {
    const response = await postJson(fake, 'anthropic', 'messages', {
      ...messagesBody('[thinking] [tool] q'),
      stream: true,
    });
    const text = await response.text();
    for (const frame of text.split('\n\n').filter(Boolean)) {
      expect(frame).toMatch(/^event: [a-z_]+\ndata: \{.*\}$/s);
    }
    const events = parseSse(text);
    for (const event of events) expect(json(event).type).toBe(event.event);
    expect(events.map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      ...Array(5).fill('content_block_delta'), // 4 thinking + signature
      'content_block_stop',
      'content_block_start',
      ...Array(5).fill('content_block_delta'), // empty first partial_json + 4 fragments
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const input = events
      .map(json)
      .filter((e) => e.type === 'content_block_delta' && (e.delta as Json).type === 'input_json_delta')
      .map((e) => (e.delta as Json).partial_json)
      .join('');
    expect(JSON.parse(input)).toEqual({ city: 'Paris', unit: 'celsius' });
  });

  it('report the same usage streamed and not, cumulative in message_delta', async () => {
    const body = messagesBody('[cache] [thinking] hello');
    const events = (await stream('anthropic', 'messages', body)).map(json);
    const start = (defined(events[0]).message as Json).usage as Json;
    expect(start).toMatchObject({
      input_tokens: 25,
      cache_read_input_tokens: 1200,
      cache_creation_input_tokens: 300,
      output_tokens: 1,
    });
    const delta = events.find((e) => e.type === 'message_delta')?.usage as Json;
    const message = await complete('anthropic', 'messages', body);
    expect(message.usage).toMatchObject(delta);
    expect(delta.output_tokens).toBe(4 + 8); // thinking deltas + text words
  });

  it('can send the older output-only message_delta usage', async () => {
    fake.script({ text: 'ok', messageDeltaUsage: 'output-only' });
    const events = (await stream('anthropic', 'messages', messagesBody('hi'))).map(json);
    expect(events.find((e) => e.type === 'message_delta')?.usage).toEqual({ output_tokens: 1 });
  });
});

describe('responses streams', () => {
  it('number every event from 0 and finish with the full response', async () => {
    const body = { model: 'gpt-5', input: '[tool] weather?', tools: [{ type: 'function', name: 'weather' }] };
    const events = await stream('openai', 'responses', body);
    events.forEach((event, i) => {
      expect(json(event).sequence_number).toBe(i);
      expect(json(event).type).toBe(event.event);
    });
    const completed = json(events.at(-1) as ParsedEvent).response as Json;
    expect(completed.status).toBe('completed');
    const nonStream = await complete('openai', 'responses', body);
    expect(nonStream.usage).toEqual(completed.usage);
    expect((nonStream.output as Json[])[0]).toMatchObject({ type: 'function_call', name: 'weather' });
  });

  it('report max_tokens as an incomplete response', async () => {
    fake.script({ text: 'cut short', stopReason: 'max_tokens' }, { count: 2 });
    const events = await stream('openai', 'responses', { model: 'gpt-5', input: 'hi' });
    expect(events.at(-1)?.event).toBe('response.incomplete');
    const response = await complete('openai', 'responses', { model: 'gpt-5', input: 'hi' });
    expect(response).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
    });
  });
});

describe('usage', () => {
  const cases: Array<[ProviderName, Dialect, Json, (body: Json) => number]> = [
    ['openai', 'chat', chatBody('count me'), (b) => ((b.usage as Json).prompt_tokens as number) ?? -1],
    [
      'anthropic',
      'messages',
      messagesBody('count me'),
      (b) => ((b.usage as Json).input_tokens as number) ?? -1,
    ],
    [
      'openai',
      'responses',
      { model: 'gpt-5', input: 'count me' },
      (b) => (b.usage as Json).input_tokens as number,
    ],
  ];

  it.each(cases)(
    '%s %s: input tokens are the documented estimate of the request',
    async (provider, dialect, body, read) => {
      expect(read(await complete(provider, dialect, body))).toBe(estimateInputTokens(dialect, body));
    },
  );

  it('count_tokens agrees with the input_tokens of the same message', async () => {
    const body = messagesBody('how many tokens?', { system: 'Be brief.' });
    const response = await postJson(fake, 'anthropic', 'count_tokens', body);
    const counted = (await response.json()) as Json;
    const message = await complete('anthropic', 'messages', body);
    expect(counted).toEqual({ input_tokens: (message.usage as Json).input_tokens });
  });

  it('[cache] reports the documented numbers in every dialect', async () => {
    const chat = await complete('openai', 'chat', chatBody('[cache] x'));
    expect(chat.usage).toMatchObject({ prompt_tokens: 1525, prompt_tokens_details: { cached_tokens: 1200 } });
    const responses = await complete('openai', 'responses', { model: 'gpt-5', input: '[cache] x' });
    expect(responses.usage).toMatchObject({
      input_tokens: 1525,
      input_tokens_details: { cached_tokens: 1200 },
    });
    const messages = await complete('zai', 'messages', messagesBody('[cache] x'));
    expect(messages.usage).toEqual({
      input_tokens: 25,
      cache_creation_input_tokens: 300,
      cache_read_input_tokens: 1200,
      output_tokens: 7,
    });
  });
});

describe('scenarios', () => {
  it('[long N] streams exactly N text deltas', async () => {
    const deltas = chatDeltas(await stream('openai', 'chat', chatBody('[long 50]')));
    expect(deltas.filter((d) => typeof d.content === 'string' && d.content !== '')).toHaveLength(50);
  });

  it('read the last user message, with text as a string or blocks', async () => {
    const body = {
      ...messagesBody('[tool] old'),
      messages: [
        { role: 'user', content: '[tool] old' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: [{ type: 'text', text: 'new question' }] },
      ],
    };
    const message = await complete('anthropic', 'messages', body);
    expect(message.content).toEqual([{ type: 'text', text: 'Hello from anthropic! You said: new question' }]);
  });

  it('end a tool loop: a tool result is answered with text even under a [tool] marker', async () => {
    const chat = await complete('openai', 'chat', {
      model: 'gpt-4o',
      messages: [
        { role: 'user', content: '[tool] weather?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'w', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      ],
    });
    expect((chat.choices as Json[])[0]).toMatchObject({
      finish_reason: 'stop',
      message: { content: 'Hello from openai! You said: [tool] weather?' },
    });

    const responses = await complete('openai', 'responses', {
      model: 'gpt-5',
      input: [
        { role: 'user', content: [{ type: 'input_text', text: '[tool] weather?' }] },
        { type: 'function_call', call_id: 'call_1', name: 'w', arguments: '{}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'sunny' },
      ],
    });
    expect((responses.output as Json[])[0]).toMatchObject({ type: 'message' });
  });

  it('let a script override the markers, per provider and count', async () => {
    fake.script(
      { toolCalls: [{ name: 'search', arguments: { q: 'x' } }] },
      { provider: 'anthropic', count: 2 },
    );
    const openai = await complete('openai', 'chat', chatBody('plain'));
    expect((openai.choices as Json[])[0]).toMatchObject({ finish_reason: 'stop' });
    for (let i = 0; i < 2; i += 1) {
      const message = await complete('anthropic', 'messages', messagesBody('plain'));
      expect(message.content).toMatchObject([{ type: 'tool_use', name: 'search', input: { q: 'x' } }]);
    }
    const third = await complete('anthropic', 'messages', messagesBody('plain'));
    expect(third.stop_reason).toBe('end_turn');
  });

  it('take explicit text deltas and usage from a script', async () => {
    fake.script({ textDeltas: ['Bon', 'jour'], usage: { inputTokens: 7, outputTokens: 2 } });
    const events = (await stream('openai', 'responses', { model: 'gpt-5', input: 'x' })).map(json);
    expect(events.filter((e) => e.type === 'response.output_text.delta').map((e) => e.delta)).toEqual([
      'Bon',
      'jour',
    ]);
    expect((defined(events.at(-1)).response as Json).usage).toMatchObject({
      input_tokens: 7,
      output_tokens: 2,
    });
  });

  it('echo the model, or the scripted one', async () => {
    fake.script({ model: 'gpt-4o-2024-08-06' });
    expect((await complete('openai', 'chat', chatBody('x'))).model).toBe('gpt-4o-2024-08-06');
    expect((await complete('openai', 'chat', chatBody('x'))).model).toBe('gpt-4o');
  });
});
