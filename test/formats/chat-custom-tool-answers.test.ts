/**
 * A Chat client's custom tools answered from Claude (Chat → Messages, the answer side): the tool went
 * upstream as a Messages tool taking `{"input": string}` (custom-tools-from-chat.ts), so Claude's
 * call carries the input in that object; the client gets it back as a custom tool call with the
 * string itself. Expected values written by hand from:
 * - the Chat completion's custom tool call `{id, type: "custom", custom: {name, input}}`:
 *   https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices and
 *   https://platform.openai.com/docs/guides/function-calling#custom-tools
 * - Chat streaming chunks: https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 *   (documented for function calls only; a custom call streams as `type: "custom"` with
 *   `custom: {name, input}` fragments, as reported in https://github.com/openai/openai-openapi/issues/576)
 * - a Messages `tool_use` answer and its stream (`input_json_delta`):
 *   https://docs.anthropic.com/en/api/messages and https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
import { describe, expect, it } from 'vitest';
import type { MessagesResponse } from '../../src/formats/anthropic-messages/wire.js';
import { chatResponseFromMessages } from '../../src/formats/openai-chat/response-from-messages.js';
import { ChatStreamWriter } from '../../src/formats/openai-chat/stream-writer.js';
import type { ChatChunk } from '../../src/formats/openai-chat/wire.js';
import { SseParser } from '../../src/formats/sse.js';
import { TranslatedStream } from '../../src/formats/stream-translation.js';
import type { ResponseContext } from '../../src/formats/translation.js';
import { sdkAnsweringWith } from './chat-client/support.js';

const CONTEXT: ResponseContext = {
  model: 'claude-sonnet-4-5',
  toolNames: new Map(),
  includeUsage: true,
  customTools: ['apply_patch'],
};

const PATCH = '*** Begin Patch\n*** Update File: a.txt\n-old "line"\n+new line\n*** End Patch';

/** The calls of ANSWER as a Chat client gets them (documented shapes, written out by hand). */
const EXPECTED_CALLS = [
  { id: 'toolu_01A09q90qw90lq917835lq9', type: 'custom', custom: { name: 'apply_patch', input: PATCH } },
  {
    id: 'toolu_01B19q90qw90lq917835lq8',
    type: 'function',
    function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
  },
];

/** A Messages answer: a short text, a call of the custom tool, a call of a function tool. */
const ANSWER: MessagesResponse = {
  id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5-20250929',
  content: [
    { type: 'text', text: 'Patching the file.' },
    { type: 'tool_use', id: 'toolu_01A09q90qw90lq917835lq9', name: 'apply_patch', input: { input: PATCH } },
    { type: 'tool_use', id: 'toolu_01B19q90qw90lq917835lq8', name: 'get_weather', input: { city: 'Paris' } },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 120, output_tokens: 60 },
};

interface StreamedFragment {
  index: number;
  id?: string;
  type?: string;
  custom?: { name?: string; input?: string };
  function?: { name?: string; arguments?: string };
}
interface StreamedCall {
  id?: string;
  type?: string;
  custom?: { name?: string; input: string };
  function?: { name?: string; arguments: string };
}

/** Puts a streamed fragment into its call, as a client accumulates them (by `index`). */
function addFragment(calls: StreamedCall[], fragment: StreamedFragment): void {
  const call = calls[fragment.index] ?? { id: fragment.id, type: fragment.type };
  calls[fragment.index] = call;
  if (fragment.custom) {
    call.custom ??= { name: fragment.custom.name, input: '' };
    call.custom.input += fragment.custom.input ?? '';
  }
  if (fragment.function) {
    call.function ??= { name: fragment.function.name, arguments: '' };
    call.function.arguments += fragment.function.arguments ?? '';
  }
}

describe('a custom tool call in a JSON answer', () => {
  it('is a custom tool call carrying the input string; a function call stays a function call', () => {
    const message = chatResponseFromMessages(ANSWER, CONTEXT).choices[0]!;
    expect(message.finish_reason).toBe('tool_calls');
    expect(message.message.content).toBe('Patching the file.');
    expect(message.message.tool_calls).toEqual(EXPECTED_CALLS);
  });

  it('without the tool declared custom, the same call stays a function call', () => {
    const message = chatResponseFromMessages(ANSWER, { ...CONTEXT, customTools: [] }).choices[0]!.message;
    expect(message.tool_calls?.[0]).toEqual({
      id: 'toolu_01A09q90qw90lq917835lq9',
      type: 'function',
      function: { name: 'apply_patch', arguments: JSON.stringify({ input: PATCH }) },
    });
  });

  it('an input not of the {input} shape reaches the client as its JSON text, for the client to report', () => {
    const odd: MessagesResponse = {
      ...ANSWER,
      content: [{ type: 'tool_use', id: 'toolu_01', name: 'apply_patch', input: { patch: 'x' } }],
    };
    expect(chatResponseFromMessages(odd, CONTEXT).choices[0]!.message.tool_calls).toEqual([
      { id: 'toolu_01', type: 'custom', custom: { name: 'apply_patch', input: '{"patch":"x"}' } },
    ]);
  });
});

/** The answer above as Claude streams it: the custom call's input JSON in fragments that split the string. */
function messagesStream(): string {
  const input = JSON.stringify({ input: PATCH });
  const fragments = ['', input.slice(0, 12), input.slice(12, 40), input.slice(40)];
  const events: Array<Record<string, unknown>> = [
    {
      type: 'message_start',
      message: {
        id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5-20250929',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 120, output_tokens: 1 },
      },
    },
    {
      type: 'content_block_start',
      index: 0,
      content_block: {
        type: 'tool_use',
        id: 'toolu_01A09q90qw90lq917835lq9',
        name: 'apply_patch',
        input: {},
      },
    },
    ...fragments.map((partial_json) => ({
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'input_json_delta', partial_json },
    })),
    { type: 'content_block_stop', index: 0 },
    {
      type: 'content_block_start',
      index: 1,
      content_block: {
        type: 'tool_use',
        id: 'toolu_01B19q90qw90lq917835lq8',
        name: 'get_weather',
        input: {},
      },
    },
    { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"city":' } },
    { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '"Paris"}' } },
    { type: 'content_block_stop', index: 1 },
    {
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens: 60 },
    },
    { type: 'message_stop' },
  ];
  return events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join('');
}

function translate(upstream: string, context: ResponseContext): string {
  const translator = new TranslatedStream('messages', 'chat', context);
  let output = '';
  const parser = new SseParser((event) => {
    output += translator.push(event);
  });
  parser.push(upstream);
  parser.end();
  return output + translator.finish();
}

/** The `tool_calls` fragments of every chunk, in order. */
function toolCallDeltas(sse: string): unknown[] {
  return sse
    .split('\n\n')
    .filter((frame) => frame.startsWith('data: {'))
    .flatMap((frame) => (JSON.parse(frame.slice(6)) as ChatChunk).choices ?? [])
    .flatMap((choice) => choice.delta.tool_calls ?? []);
}

describe('a custom tool call in a stream', () => {
  it('opens as type custom with its name and an empty input, then sends the whole input string once', () => {
    expect(toolCallDeltas(translate(messagesStream(), CONTEXT))).toEqual([
      {
        index: 0,
        id: 'toolu_01A09q90qw90lq917835lq9',
        type: 'custom',
        custom: { name: 'apply_patch', input: '' },
      },
      { index: 0, custom: { input: PATCH } },
      {
        index: 1,
        id: 'toolu_01B19q90qw90lq917835lq8',
        type: 'function',
        function: { name: 'get_weather', arguments: '' },
      },
      { index: 1, function: { arguments: '{"city":' } },
      { index: 1, function: { arguments: '"Paris"}' } },
    ]);
  });

  it('the openai SDK yields the chunks; put together they give the JSON answer’s calls', async () => {
    const stream = await sdkAnsweringWith(translate(messagesStream(), CONTEXT)).chat.completions.create({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'Patch a.txt' }],
      stream: true,
    });
    const calls: StreamedCall[] = [];
    let finish: string | null = null;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      finish = choice?.finish_reason ?? finish;
      // The SDK types stream fragments as function calls only: read the custom ones as sent.
      for (const fragment of (choice?.delta.tool_calls ?? []) as StreamedFragment[])
        addFragment(calls, fragment);
    }
    expect(finish).toBe('tool_calls');
    expect(calls).toEqual(EXPECTED_CALLS);
  });

  it('a custom call still open at the finish sends its input before the finish chunk', () => {
    const writer = new ChatStreamWriter(CONTEXT);
    const parts = [
      writer.write({ type: 'start', id: 'msg_1' }),
      writer.write({ type: 'tool-call-start', index: 0, id: 'call_1', name: 'apply_patch' }),
      writer.write({ type: 'tool-input', index: 0, json: '{"input":"a' }),
      writer.write({ type: 'tool-input', index: 0, json: 'b"}' }),
      writer.write({ type: 'finish', reason: 'tool-calls', raw: 'tool_calls' }),
      writer.write({ type: 'end' }),
    ].join('');
    const chunks = parts
      .split('\n\n')
      .filter((frame) => frame.startsWith('data: {'))
      .map((frame) => (JSON.parse(frame.slice(6)) as ChatChunk).choices?.[0]);
    const inputAt = chunks.findIndex((choice) => choice?.delta.tool_calls?.[0]?.custom?.input === 'ab');
    const finishAt = chunks.findIndex((choice) => choice?.finish_reason === 'tool_calls');
    expect(inputAt).toBeGreaterThan(-1);
    expect(finishAt).toBeGreaterThan(inputAt);
  });
});
