/**
 * Chat and Messages upstream streams → the Responses stream Codex reads. Each upstream fixture is
 * translated and compared with the expected Responses SSE, fed whole, split at every position and
 * byte by byte, checked for well-formedness, and read by the real openai SDK both ways
 * (`responses.stream().finalResponse()` and `responses.create({stream: true})`).
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ResponseContext } from '../../../src/formats/translation.js';
import { streamProblems } from './stream-invariants.js';
import {
  expectedText,
  FIXED_NOW,
  OWN,
  readFixture,
  responseContext,
  sdkEvents,
  sdkFinalResponse,
  toolCallsOf,
  translateBytewise,
  translateStream,
  type Upstream,
} from './support.js';

// The streams are translated while the tests are collected: the clock is fixed from the start.
vi.useFakeTimers({ toFake: ['Date'] });
vi.setSystemTime(FIXED_NOW);
afterAll(() => {
  vi.useRealTimers();
});

interface Expected {
  status: 'completed' | 'incomplete';
  text: string;
  reasoning?: string;
  calls?: object[];
  /** input_tokens (cache included), cached_tokens, output_tokens, reasoning_tokens. */
  usage: [number, number, number, number?];
}

interface StreamCase {
  /** The expected Responses stream: `translation/responses-client/expected-streams/<name>.txt`. */
  name: string;
  upstream: Upstream;
  /** The upstream stream, under test/fixtures. */
  input: string;
  context?: Partial<ResponseContext>;
  expected: Expected;
}

const FAKE = 'fake-provider';
const MESSAGES_CLIENT = 'translation/messages-client/streams';
const CHAT_CLIENT = 'translation/chat-client/streams';
const PARIS = '{"city":"Paris","unit":"celsius"}';
const TOKYO = '{"city":"Tokyo","unit":"fahrenheit"}';
const THOUGHT = 'Let me think about what the user asked.';
const PATCH = '*** Begin Patch\n*** Add File: hello.txt\n+Hello, wörld ✓\n*** End Patch\n';
const LONG_NAME = 'mcp__a_very_long_server_name__and_an_even_longer_tool_name_that_exceeds_the_limit';
const call = (call_id: string, name: string, args: string) => ({
  type: 'function_call',
  call_id,
  name,
  arguments: args,
});

const CASES: StreamCase[] = [
  {
    name: 'chat-text',
    upstream: 'chat',
    input: `${FAKE}/chat-text.stream.txt`,
    expected: { status: 'completed', text: 'Hello from openai! You said: Say hi', usage: [13, 0, 7, 0] },
  },
  {
    name: 'chat-tool-call',
    upstream: 'chat',
    input: `${FAKE}/chat-tool-call.stream.txt`,
    expected: {
      status: 'completed',
      text: '',
      calls: [call('<call_1>', 'get_weather', PARIS)],
      usage: [17, 0, 4, 0],
    },
  },
  {
    name: 'chat-parallel-tools',
    upstream: 'chat',
    input: `${FAKE}/chat-parallel-tools.stream.txt`,
    expected: {
      status: 'completed',
      text: '',
      calls: [call('<call_1>', 'get_weather', PARIS), call('<call_2>', 'get_time', TOKYO)],
      usage: [20, 0, 8, 0],
    },
  },
  {
    name: 'chat-interleaved-tools',
    upstream: 'chat',
    input: `${MESSAGES_CLIENT}/chat-interleaved-tools.stream.txt`,
    expected: {
      status: 'completed',
      text: '',
      calls: [
        call('call_a', 'get_weather', '{"city":"Paris"}'),
        call('call_b', 'get_time', '{"city":"Tokyo"}'),
      ],
      usage: [20, 0, 8],
    },
  },
  {
    name: 'chat-text-then-tools-one-chunk',
    upstream: 'chat',
    input: `${MESSAGES_CLIENT}/chat-text-then-tools-one-chunk.stream.txt`,
    expected: {
      status: 'completed',
      text: 'Let me check.',
      calls: [
        call('call_a', 'get_weather', '{"city":"Paris"}'),
        call('call_b', 'get_time', '{"city":"Tokyo"}'),
      ],
      usage: [20, 0, 12],
    },
  },
  {
    name: 'chat-tools-same-id',
    upstream: 'chat',
    input: `${MESSAGES_CLIENT}/chat-tools-same-id.stream.txt`,
    expected: {
      status: 'completed',
      text: '',
      // The client answers each call under its own call_id: a repeated id is replaced.
      calls: [
        call('call_same', 'get_weather', '{"city":"Paris"}'),
        call('<generated_call_3>', 'get_time', '{"city":"Tokyo"}'),
      ],
      usage: [20, 0, 6],
    },
  },
  {
    name: 'chat-tools-without-index',
    upstream: 'chat',
    input: `${MESSAGES_CLIENT}/chat-tools-without-index.stream.txt`,
    expected: {
      status: 'completed',
      text: '',
      // A call without arguments gets `{}`, as OpenAI sends it.
      calls: [call('call_a', 'get_weather', '{"city":"Paris"}'), call('call_b', 'get_time', '{}')],
      usage: [20, 0, 6],
    },
  },
  {
    name: 'chat-long-tool-name',
    upstream: 'chat',
    input: `${MESSAGES_CLIENT}/chat-long-tool-name.stream.txt`,
    context: {
      toolNames: new Map([['mcp__a_very_long_server_name__and_an_even_longer_tool_n_21168bcf', LONG_NAME]]),
    },
    expected: {
      status: 'completed',
      text: '',
      calls: [call('call_a', LONG_NAME, '{"q":1}')],
      usage: [20, 0, 3],
    },
  },
  {
    name: 'chat-thinking-xai',
    upstream: 'chat',
    input: `${FAKE}/chat-thinking.xai.stream.txt`,
    expected: {
      status: 'completed',
      text: 'Hello from xai! You said: [thinking] Why is the sky blue?',
      reasoning: THOUGHT,
      usage: [19, 0, 15, 4],
    },
  },
  {
    name: 'chat-thinking-openrouter',
    upstream: 'chat',
    input: `${MESSAGES_CLIENT}/chat-thinking.openrouter.stream.txt`,
    expected: {
      status: 'completed',
      text: 'Hello from openrouter! You said: [thinking] Why is the sky blue?',
      reasoning: THOUGHT,
      usage: [19, 0, 15, 4],
    },
  },
  {
    name: 'chat-thinking-tool-xai',
    upstream: 'chat',
    input: `${MESSAGES_CLIENT}/chat-thinking-tool.xai.stream.txt`,
    expected: {
      status: 'completed',
      text: '',
      reasoning: THOUGHT,
      calls: [call('<call_1>', 'get_weather', PARIS)],
      usage: [20, 0, 8, 4],
    },
  },
  {
    name: 'chat-reasoning-alternates',
    upstream: 'chat',
    input: `${MESSAGES_CLIENT}/chat-reasoning-alternates.stream.txt`,
    // Blank deltas open nothing: the leading "\n" and the final blank reasoning are left out.
    expected: {
      status: 'completed',
      text: 'Answer  part one.Part two.',
      reasoning: 'First thought.Second thought.',
      usage: [30, 0, 20],
    },
  },
  {
    name: 'chat-cache-openrouter',
    upstream: 'chat',
    input: `${FAKE}/chat-cache.openrouter.stream.txt`,
    expected: {
      status: 'completed',
      text: 'Hello from openrouter! You said: [cache] Summarise the doc',
      usage: [1525, 1200, 9],
    },
  },
  {
    name: 'chat-custom-tool',
    upstream: 'chat',
    input: `${OWN}/streams/chat-custom-tool.stream.txt`,
    context: { customTools: ['apply_patch'] },
    expected: {
      status: 'completed',
      text: "I'll add the file.",
      calls: [
        { type: 'custom_tool_call', call_id: 'call_patch1', name: 'apply_patch', input: PATCH },
        call('call_shell1', 'shell', '{"command":["ls"]}'),
      ],
      usage: [1200, 1024, 40, 12],
    },
  },
  {
    name: 'chat-length',
    upstream: 'chat',
    input: `${OWN}/streams/chat-length.stream.txt`,
    expected: { status: 'incomplete', text: 'A long answer', usage: [12, 0, 2] },
  },
  {
    name: 'chat-text-no-usage',
    upstream: 'chat',
    input: `${FAKE}/chat-text-no-usage.stream.txt`,
    expected: { status: 'completed', text: 'Hello from openai! You said: Say hi', usage: [0, 0, 0] },
  },
  {
    name: 'chat-usage-on-finish',
    upstream: 'chat',
    input: `${MESSAGES_CLIENT}/chat-usage-on-finish.stream.txt`,
    // OpenRouter-style usage on the finish chunk, with the cache inside prompt_tokens.
    expected: { status: 'completed', text: 'Hi there', usage: [1525, 1200, 2] },
  },
  {
    name: 'chat-usage-choices-null',
    upstream: 'chat',
    input: `${MESSAGES_CLIENT}/chat-usage-choices-null.stream.txt`,
    expected: { status: 'completed', text: 'Hi', usage: [10, 0, 1] },
  },
  {
    name: 'chat-truncated',
    upstream: 'chat',
    input: `${MESSAGES_CLIENT}/chat-truncated.stream.txt`,
    expected: { status: 'completed', text: 'Hello from openai!', usage: [0, 0, 0] },
  },
  {
    name: 'chat-finish-without-done',
    upstream: 'chat',
    input: `${MESSAGES_CLIENT}/chat-finish-no-done.stream.txt`,
    expected: { status: 'incomplete', text: 'Cut', usage: [0, 0, 0] },
  },
  {
    name: 'chat-invalid-json-frame',
    upstream: 'chat',
    input: `${MESSAGES_CLIENT}/chat-invalid-json.stream.txt`,
    expected: { status: 'completed', text: 'Hello from openai! You said: Say hi', usage: [13, 0, 7, 0] },
  },
  {
    name: 'messages-text',
    upstream: 'messages',
    input: `${FAKE}/messages-text.stream.txt`,
    context: { model: 'claude-sonnet-4-5' },
    expected: { status: 'completed', text: 'Hello from anthropic! You said: Say hi', usage: [13, 0, 7] },
  },
  {
    name: 'messages-text-zai',
    upstream: 'messages',
    input: `${FAKE}/messages-text.zai.stream.txt`,
    context: { model: 'glm-4.6' },
    expected: { status: 'completed', text: 'Hello from zai! You said: Say hi', usage: [13, 0, 7] },
  },
  {
    name: 'messages-tool-use',
    upstream: 'messages',
    input: `${FAKE}/messages-tool-use.stream.txt`,
    context: { model: 'claude-sonnet-4-5' },
    expected: {
      status: 'completed',
      text: '',
      calls: [call('<toolu_1>', 'get_weather', PARIS)],
      usage: [17, 0, 4],
    },
  },
  {
    name: 'messages-parallel-tools',
    upstream: 'messages',
    input: `${FAKE}/messages-parallel-tools.stream.txt`,
    context: { model: 'claude-sonnet-4-5' },
    expected: {
      status: 'completed',
      text: '',
      calls: [call('<toolu_1>', 'get_weather', PARIS), call('<toolu_2>', 'get_time', TOKYO)],
      usage: [20, 0, 8],
    },
  },
  {
    name: 'messages-text-then-tools',
    upstream: 'messages',
    input: `${CHAT_CLIENT}/messages-text-then-tools.stream.txt`,
    context: { model: 'claude-sonnet-4-5' },
    expected: {
      status: 'completed',
      text: 'Je vérifie la météo ✓ — two calls.',
      calls: [
        call('toolu_01Paris', 'get_weather', '{"city": "Paris", "note": "é✓"}'),
        call('toolu_02Tokyo', 'get_time', '{"city": "Tokyo"}'),
      ],
      usage: [412, 0, 96],
    },
  },
  {
    name: 'messages-thinking',
    upstream: 'messages',
    input: `${FAKE}/messages-thinking.stream.txt`,
    context: { model: 'claude-sonnet-4-5' },
    expected: {
      status: 'completed',
      text: 'Hello from anthropic! You said: [thinking] Why is the sky blue?',
      reasoning: THOUGHT,
      usage: [19, 0, 15],
    },
  },
  {
    name: 'messages-cache',
    upstream: 'messages',
    input: `${FAKE}/messages-cache.stream.txt`,
    context: { model: 'claude-sonnet-4-5' },
    // input 25 + cache write 300 + cache read 1200: Responses counts the whole prompt (bug 6).
    expected: {
      status: 'completed',
      text: 'Hello from anthropic! You said: [cache] Summarise the doc',
      usage: [1525, 1200, 9],
    },
  },
  {
    name: 'messages-custom-tool',
    upstream: 'messages',
    input: `${OWN}/streams/messages-custom-tool.stream.txt`,
    context: { model: 'claude-sonnet-4-5', customTools: ['apply_patch'] },
    expected: {
      status: 'completed',
      text: 'Adding it ✓',
      reasoning: 'The user wants a file.',
      calls: [
        { type: 'custom_tool_call', call_id: 'toolu_01Patch', name: 'apply_patch', input: PATCH },
        call('toolu_02Shell', 'shell', '{"command":["ls","-la"]}'),
      ],
      usage: [2040, 2000, 64],
    },
  },
  {
    name: 'messages-json-tool',
    upstream: 'messages',
    input: `${CHAT_CLIENT}/messages-json-tool.stream.txt`,
    context: { model: 'claude-sonnet-4-5', jsonTool: 'weather_report' },
    expected: { status: 'completed', text: '{"city":"Paris","celsius":21}', usage: [55, 0, 18] },
  },
  {
    name: 'messages-max-tokens',
    upstream: 'messages',
    input: `${CHAT_CLIENT}/messages-max-tokens.stream.txt`,
    context: { model: 'claude-sonnet-4-5' },
    expected: { status: 'incomplete', text: 'A long answer', usage: [1525, 1200, 8] },
  },
  {
    name: 'messages-no-message-stop',
    upstream: 'messages',
    input: `${CHAT_CLIENT}/messages-no-message-stop.stream.txt`,
    context: { model: 'claude-sonnet-4-5' },
    expected: { status: 'completed', text: 'Partial answer', usage: [12, 0, 1] },
  },
  {
    name: 'messages-invalid-frame',
    upstream: 'messages',
    input: `${CHAT_CLIENT}/messages-invalid-frame.stream.txt`,
    context: { model: 'claude-sonnet-4-5' },
    expected: { status: 'completed', text: 'Before after', usage: [12, 0, 3] },
  },
];

function expectedPath(name: string): string {
  return `${OWN}/expected-streams/${name}.txt`;
}

function reasoningOf(response: { output: Array<{ type: string; summary?: Array<{ text: string }> }> }) {
  const texts = response.output.flatMap((item) =>
    item.type === 'reasoning' ? (item.summary ?? []).map((part) => part.text) : [],
  );
  return texts.length === 0 ? undefined : texts.join('');
}

describe.each(CASES)('stream $name', ({ name, upstream, input, context: overrides, expected }) => {
  const source = readFixture(input);
  const context = () => responseContext(overrides);
  const whole = translateStream(upstream, [source], context());

  it('gives the expected Responses stream', () => {
    expect(whole).toBe(expectedText(expectedPath(name), whole));
  });

  it('is a well-formed Responses stream: numbered events, items one at a time, deltas adding up', () => {
    expect(streamProblems(whole)).toEqual([]);
  });

  it('gives the same stream when the upstream is split at any position, or byte by byte (bug 10)', () => {
    for (let cut = 1; cut < source.length; cut++) {
      const split = translateStream(upstream, [source.slice(0, cut), source.slice(cut)], context());
      if (split !== whole) expect.fail(`split at ${cut} differs`);
    }
    expect(translateBytewise(upstream, source, context())).toBe(whole);
  });

  it('is assembled by the openai SDK into the expected response', async () => {
    const response = await sdkFinalResponse(whole);
    const [input, cached, output, reasoningTokens = 0] = expected.usage;
    expect(response.status).toBe(expected.status);
    expect(response.output_text).toBe(expected.text);
    expect(reasoningOf(response)).toBe(expected.reasoning);
    expect(toolCallsOf(response)).toEqual(expected.calls ?? []);
    expect(response.usage).toEqual({
      input_tokens: input,
      input_tokens_details: { cached_tokens: cached },
      output_tokens: output,
      output_tokens_details: { reasoning_tokens: reasoningTokens },
      total_tokens: input + output,
    });
  });

  it('is read event by event by the openai SDK (responses.create with stream: true)', async () => {
    const events = await sdkEvents(whole);
    const deltas = events.flatMap((event) =>
      event.type === 'response.output_text.delta' ? [event.delta] : [],
    );
    expect(deltas.join('')).toBe(expected.text);
    expect(events.at(-1)?.type).toBe(`response.${expected.status}`);
  });
});

describe.each([
  {
    name: 'chat-error',
    upstream: 'chat' as const,
    input: `${MESSAGES_CLIENT}/chat-error.stream.txt`,
    message: 'upstream overloaded',
    code: 'server_error',
  },
  {
    name: 'messages-error',
    upstream: 'messages' as const,
    input: `${CHAT_CLIENT}/messages-error-mid-stream.stream.txt`,
    message: 'Overloaded',
    code: 'server_error',
  },
])('stream $name: an upstream error mid-stream', ({ name, upstream, input, message, code }) => {
  const whole = translateStream(upstream, [readFixture(input)], responseContext());

  it('ends with response.failed, then an error event, and nothing after them', () => {
    expect(whole).toBe(expectedText(expectedPath(name), whole));
    expect(streamProblems(whole)).toEqual([]);
    const frames = whole.trimEnd().split('\n\n');
    expect(frames.at(-2)).toMatch(/^event: response\.failed\n/);
    expect(JSON.parse(frames.at(-2)!.split('data: ')[1]!).response).toMatchObject({
      status: 'failed',
      error: { code, message },
    });
    expect(frames.at(-1)).toMatch(/^event: error\n/);
  });

  it('makes the openai SDK throw the upstream message, both ways', async () => {
    await expect(sdkFinalResponse(whole)).rejects.toThrow(message);
    await expect(sdkEvents(whole)).rejects.toThrow(message);
  });
});

describe('a rate limit mid-stream', () => {
  it('keeps rate_limit_exceeded, the code Codex reads its retry delay with', () => {
    const sse =
      'data: {"error":{"message":"Rate limit reached. Please try again in 20s.","type":"rate_limit_error","code":null}}\n\n';
    expect(translateStream('chat', [sse], responseContext())).toContain(
      '"error":{"code":"rate_limit_exceeded"',
    );
    const messages =
      'event: error\ndata: {"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}\n\n';
    expect(translateStream('messages', [messages], responseContext())).toContain(
      '"code":"rate_limit_exceeded"',
    );
  });
});

/** A small seeded generator, so that a failing variation can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('streams the upstream garbled (frames dropped, repeated, swapped, cut short)', () => {
  const inputs = [...new Map(CASES.map((testCase) => [testCase.input, testCase])).values()];

  it.each(inputs)('$input: still a well-formed Responses stream', ({ upstream, input, context }) => {
    const frames = readFixture(input).split(/(?<=\n\n)/);
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed);
      const garbled: string[] = [];
      for (const item of frames) {
        const roll = next();
        if (roll < 0.15) continue;
        if (roll < 0.25) garbled.push(item, item);
        else if (roll < 0.35 && garbled.length > 0) garbled.splice(garbled.length - 1, 0, item);
        else garbled.push(item);
      }
      const cut = garbled.slice(0, Math.ceil(garbled.length * (0.5 + next() / 2)));
      const problems = streamProblems(translateStream(upstream, cut, responseContext(context)));
      if (problems.length > 0) expect.fail(`seed ${seed}: ${problems.join('; ')}`);
    }
  });
});
