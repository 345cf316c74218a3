/**
 * Chat upstream streams → the Messages stream Claude Code reads. Each upstream fixture is translated
 * and compared with the expected Messages SSE, fed whole, split at every position and byte by byte,
 * and parsed by the real `@anthropic-ai/sdk`.
 */
import { describe, expect, it } from 'vitest';
import { streamProblems } from './stream-invariants.js';
import {
  expectedText,
  readFixture,
  responseContext,
  sdkFinalMessage,
  translateBytewise,
  translateStream,
} from './support.js';

interface StreamCase {
  /** The expected Messages stream: `translation/messages-client/expected-streams/<name>.txt`. */
  name: string;
  /** The upstream Chat stream, under test/fixtures. */
  input: string;
  toolNames?: Record<string, string>;
  /** What the SDK must accumulate from the translated stream. */
  message: { content: object[]; stop_reason: string; usage: Record<string, number> };
}

const OWN = 'translation/messages-client/streams';
const FAKE = 'fake-provider';
const LONG_NAME = 'mcp__a_very_long_server_name__and_an_even_longer_tool_name_that_exceeds_the_limit';

function usage(input: number, output: number, cacheRead = 0, cacheWrite = 0) {
  return {
    input_tokens: input,
    output_tokens: output,
    cache_read_input_tokens: cacheRead,
    cache_creation_input_tokens: cacheWrite,
  };
}
const text = (value: string) => ({ type: 'text' as const, text: value });
const thinking = (value: string) => ({ type: 'thinking' as const, thinking: value, signature: '' });
const toolUse = (id: string, name: string, input: object) => ({ type: 'tool_use' as const, id, name, input });
const PARIS = { city: 'Paris', unit: 'celsius' };
const TOKYO = { city: 'Tokyo', unit: 'fahrenheit' };
const ECHO = 'Hello from openai! You said: Say hi';
const WHY = 'You said: [thinking] Why is the sky blue?';
const THOUGHT = 'Let me think about what the user asked.';

const CASES: StreamCase[] = [
  {
    name: 'text',
    input: `${FAKE}/chat-text.stream.txt`,
    message: { content: [text(ECHO)], stop_reason: 'end_turn', usage: usage(13, 7) },
  },
  {
    name: 'tool-call',
    input: `${FAKE}/chat-tool-call.stream.txt`,
    message: {
      content: [toolUse('<call_1>', 'get_weather', PARIS)],
      stop_reason: 'tool_use',
      usage: usage(17, 4),
    },
  },
  {
    name: 'parallel-tools',
    input: `${FAKE}/chat-parallel-tools.stream.txt`,
    message: {
      content: [toolUse('<call_1>', 'get_weather', PARIS), toolUse('<call_2>', 'get_time', TOKYO)],
      stop_reason: 'tool_use',
      usage: usage(20, 8),
    },
  },
  {
    name: 'parallel-tools-openrouter',
    input: `${OWN}/chat-parallel-tools.openrouter.stream.txt`,
    message: {
      content: [
        toolUse('<call_1>', 'get_weather', { city: 'Paris', unit: 'celsius' }),
        toolUse('<call_2>', 'get_time', { city: 'Tokyo', unit: 'fahrenheit' }),
      ],
      stop_reason: 'tool_use',
      usage: { output_tokens: 8 },
    },
  },
  {
    name: 'interleaved-tools',
    input: `${OWN}/chat-interleaved-tools.stream.txt`,
    message: {
      content: [
        toolUse('call_a', 'get_weather', { city: 'Paris' }),
        toolUse('call_b', 'get_time', { city: 'Tokyo' }),
      ],
      stop_reason: 'tool_use',
      usage: usage(20, 8),
    },
  },
  {
    name: 'text-then-tools-one-chunk',
    input: `${OWN}/chat-text-then-tools-one-chunk.stream.txt`,
    message: {
      content: [
        text('Let me check.'),
        toolUse('call_a', 'get_weather', { city: 'Paris' }),
        toolUse('call_b', 'get_time', { city: 'Tokyo' }),
      ],
      stop_reason: 'tool_use',
      usage: usage(20, 12),
    },
  },
  {
    name: 'tools-without-index',
    input: `${OWN}/chat-tools-without-index.stream.txt`,
    message: {
      content: [toolUse('call_a', 'get_weather', { city: 'Paris' }), toolUse('call_b', 'get_time', {})],
      stop_reason: 'tool_use',
      usage: usage(20, 6),
    },
  },
  {
    name: 'tools-same-id',
    input: `${OWN}/chat-tools-same-id.stream.txt`,
    message: {
      content: [
        toolUse('call_same', 'get_weather', { city: 'Paris' }),
        // The client answers each call under its own id: a repeated id is replaced.
        toolUse('<generated_toolu_1>', 'get_time', { city: 'Tokyo' }),
      ],
      // finish_reason "stop" after tool calls: the client's tool loop needs tool_use.
      stop_reason: 'tool_use',
      usage: usage(20, 6),
    },
  },
  {
    name: 'long-tool-name',
    input: `${OWN}/chat-long-tool-name.stream.txt`,
    toolNames: { mcp__a_very_long_server_name__and_an_even_longer_tool_n_21168bcf: LONG_NAME },
    message: {
      content: [toolUse('call_a', LONG_NAME, { q: 1 })],
      stop_reason: 'tool_use',
      usage: usage(20, 3),
    },
  },
  {
    name: 'thinking-xai',
    input: `${FAKE}/chat-thinking.xai.stream.txt`,
    message: {
      content: [thinking(THOUGHT), text(`Hello from xai! ${WHY}`)],
      stop_reason: 'end_turn',
      usage: usage(19, 15),
    },
  },
  {
    name: 'thinking-openrouter',
    input: `${OWN}/chat-thinking.openrouter.stream.txt`,
    message: {
      content: [thinking(THOUGHT), text(`Hello from openrouter! ${WHY}`)],
      stop_reason: 'end_turn',
      usage: usage(19, 15),
    },
  },
  {
    name: 'thinking-tool-xai',
    input: `${OWN}/chat-thinking-tool.xai.stream.txt`,
    message: {
      content: [thinking(THOUGHT), toolUse('<call_1>', 'get_weather', PARIS)],
      stop_reason: 'tool_use',
      usage: { output_tokens: 8 },
    },
  },
  {
    name: 'reasoning-alternates',
    input: `${OWN}/chat-reasoning-alternates.stream.txt`,
    message: {
      content: [
        thinking('First thought.'),
        text('Answer  part one.'),
        thinking('Second thought.'),
        text('Part two.'),
      ],
      stop_reason: 'end_turn',
      usage: usage(30, 20),
    },
  },
  {
    name: 'cache-openrouter',
    input: `${FAKE}/chat-cache.openrouter.stream.txt`,
    message: {
      content: [text('Hello from openrouter! You said: [cache] Summarise the doc')],
      stop_reason: 'end_turn',
      usage: usage(25, 9, 1200, 300),
    },
  },
  {
    name: 'usage-on-finish',
    input: `${OWN}/chat-usage-on-finish.stream.txt`,
    message: { content: [text('Hi there')], stop_reason: 'end_turn', usage: usage(325, 2, 1200) },
  },
  {
    name: 'usage-choices-null',
    input: `${OWN}/chat-usage-choices-null.stream.txt`,
    message: { content: [text('Hi')], stop_reason: 'end_turn', usage: usage(10, 1) },
  },
  {
    name: 'text-no-usage',
    input: `${FAKE}/chat-text-no-usage.stream.txt`,
    message: { content: [text(ECHO)], stop_reason: 'end_turn', usage: usage(0, 0) },
  },
  {
    name: 'unicode-refusal-no-usage',
    input: `${OWN}/chat-unicode-no-usage.stream.txt`,
    message: { content: [text('héllo wörld ✓ 🎉 — ünd mehr')], stop_reason: 'refusal', usage: usage(0, 0) },
  },
  {
    name: 'truncated',
    input: `${OWN}/chat-truncated.stream.txt`,
    message: { content: [text('Hello from openai!')], stop_reason: 'end_turn', usage: usage(0, 0) },
  },
  {
    name: 'finish-without-done',
    input: `${OWN}/chat-finish-no-done.stream.txt`,
    message: { content: [text('Cut')], stop_reason: 'max_tokens', usage: usage(0, 0) },
  },
  {
    name: 'invalid-json-frame',
    input: `${OWN}/chat-invalid-json.stream.txt`,
    message: { content: [text(ECHO)], stop_reason: 'end_turn', usage: usage(13, 7) },
  },
];

function expectedPath(name: string): string {
  return `translation/messages-client/expected-streams/${name}.txt`;
}

describe.each(CASES)('stream $name', ({ name, input, toolNames, message }) => {
  const upstream = readFixture(input);
  const context = () => responseContext(toolNames);
  const whole = translateStream([upstream], context());

  it('gives the expected Messages stream', () => {
    expect(whole).toBe(expectedText(expectedPath(name), whole));
  });

  it('is a well-formed Messages stream: one message_start, blocks one at a time, deltas of their kind', () => {
    expect(streamProblems(whole)).toEqual([]);
  });

  it('gives the same stream when the upstream is split at any position, or byte by byte (bug 10)', () => {
    for (let cut = 1; cut < upstream.length; cut++) {
      const split = translateStream([upstream.slice(0, cut), upstream.slice(cut)], context());
      if (split !== whole) expect.fail(`split at ${cut} differs`);
    }
    expect(translateStream([...upstream], context())).toBe(whole);
    expect(translateBytewise(upstream, context())).toBe(whole);
  });

  it('is accumulated by @anthropic-ai/sdk into the expected message', async () => {
    const final = await sdkFinalMessage(whole);
    expect(final).toMatchObject({ ...message, usage: expect.objectContaining(message.usage) });
    expect(final.content).toHaveLength(message.content.length);
  });
});

describe('stream with an upstream error chunk', () => {
  const whole = translateStream([readFixture(`${OWN}/chat-error.stream.txt`)]);

  it('ends with an `event: error` frame and nothing after it', () => {
    expect(whole).toBe(expectedText(expectedPath('error'), whole));
    expect(streamProblems(whole)).toEqual([]);
    expect(
      whole.endsWith(
        'event: error\ndata: {"type":"error","error":{"type":"api_error","message":"upstream overloaded"}}\n\n',
      ),
    ).toBe(true);
  });

  it('makes @anthropic-ai/sdk throw the upstream message', async () => {
    await expect(sdkFinalMessage(whole)).rejects.toThrow(/upstream overloaded/);
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
  const inputs = [...new Set(CASES.map((testCase) => testCase.input))];

  it.each(inputs)('%s: still a well-formed Messages stream', (input) => {
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
      const problems = streamProblems(translateStream(cut));
      if (problems.length > 0) expect.fail(`seed ${seed}: ${problems.join('; ')}`);
    }
  });
});
