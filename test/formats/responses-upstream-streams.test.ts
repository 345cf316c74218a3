/**
 * Responses as the UPSTREAM format (issue 17: current GPT models take tools with reasoning only on
 * /v1/responses): a Responses stream through TranslatedStream becomes a valid Chat chunk stream and a
 * valid Messages event stream. Upstream streams: the strict fake provider's Responses renderer
 * (test/fixtures/fake-provider/responses-*.stream.txt, event and field order of recorded gpt-5.x
 * streams) and hand-written ones in the documented shapes,
 * https://platform.openai.com/docs/api-reference/responses-streaming. Expected client events by hand
 * from https://docs.anthropic.com/en/docs/build-with-claude/streaming and
 * https://platform.openai.com/docs/api-reference/chat-streaming.
 */
import { describe, expect, it } from 'vitest';
import { TranslatedStream } from '../../src/formats/stream-translation.js';
import type { ResponseContext } from '../../src/formats/translation.js';
import type { WireFormat } from '../../src/wire.js';
import { sseEventsOf } from '../support/sse-events.js';
import { chatChunksOf, readFixture, sdkFinalCompletion } from './chat-client/support.js';
import { streamProblems } from './messages-client/stream-invariants.js';
import { sdkFinalMessage } from './messages-client/support.js';

const FUNCTION_CALL = readFixture('fake-provider/responses-function-call.stream.txt');
const REASONING = readFixture('fake-provider/responses-reasoning.stream.txt');

const frame = (type: string, fields: object) =>
  `event: ${type}\ndata: ${JSON.stringify({ type, ...fields })}\n\n`;

/** Text, then a function call, with cached input tokens: `input_tokens` 1525 includes 1200 cached. */
const TEXT_THEN_CALL = [
  frame('response.created', {
    response: { id: 'resp_1', status: 'in_progress', model: 'gpt-5', usage: null },
  }),
  frame('response.output_item.added', {
    output_index: 0,
    item: { id: 'msg_1', type: 'message', status: 'in_progress', role: 'assistant', content: [] },
  }),
  frame('response.output_text.delta', {
    item_id: 'msg_1',
    output_index: 0,
    content_index: 0,
    delta: 'Checking.',
  }),
  frame('response.output_item.done', {
    output_index: 0,
    item: { id: 'msg_1', type: 'message', status: 'completed', role: 'assistant', content: [] },
  }),
  frame('response.output_item.added', {
    output_index: 1,
    item: {
      id: 'fc_1',
      type: 'function_call',
      status: 'in_progress',
      call_id: 'call_abc',
      name: 'ls',
      arguments: '',
    },
  }),
  frame('response.function_call_arguments.delta', { item_id: 'fc_1', output_index: 1, delta: '{"path":' }),
  frame('response.function_call_arguments.delta', { item_id: 'fc_1', output_index: 1, delta: '"/tmp"}' }),
  frame('response.output_item.done', {
    output_index: 1,
    item: {
      id: 'fc_1',
      type: 'function_call',
      status: 'completed',
      call_id: 'call_abc',
      name: 'ls',
      arguments: '{"path":"/tmp"}',
    },
  }),
  frame('response.completed', {
    response: {
      id: 'resp_1',
      status: 'completed',
      incomplete_details: null,
      usage: {
        input_tokens: 1525,
        input_tokens_details: { cached_tokens: 1200 },
        output_tokens: 11,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 1536,
      },
    },
  }),
].join('');

function context(client: WireFormat): ResponseContext {
  return { model: 'gpt-5', toolNames: new Map(), ...(client === 'chat' && { includeUsage: true }) };
}

function translate(upstream: string, client: 'chat' | 'messages'): { out: string; complete: boolean } {
  const translator = new TranslatedStream('responses', client, context(client));
  let out = '';
  for (const event of sseEventsOf(upstream)) out += translator.push(event);
  return { out: out + translator.finish(), complete: translator.tap.complete };
}

/** A parsed client event: its shape is what the assertions check. */
// biome-ignore lint/suspicious/noExplicitAny: parsed JSON of the client's stream, checked field by field
type Json = Record<string, any>;

/** The Messages events of a translated stream, as parsed objects. */
function messagesEvents(sse: string): Json[] {
  return sseEventsOf(sse).map((event) => JSON.parse(event.data));
}

describe('a Responses upstream to a Messages client', () => {
  it('a function call: message_start, tool_use with name and call id, input_json_delta, tool_use stop, usage', async () => {
    const { out, complete } = translate(FUNCTION_CALL, 'messages');
    expect(complete).toBe(true);
    expect(streamProblems(out)).toEqual([]);
    const events = messagesEvents(out);
    expect(events[0]).toMatchObject({
      type: 'message_start',
      message: { role: 'assistant', model: 'gpt-5', content: [] },
    });
    expect(events[1]).toEqual({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'tool_use', id: '<call_1>', name: 'get_weather', input: {} },
    });
    const json = events
      .filter((event) => event.delta?.type === 'input_json_delta')
      .map((event) => event.delta.partial_json)
      .join('');
    expect(json).toBe('{"city":"Paris","unit":"celsius"}');
    expect(events.at(-2)).toMatchObject({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use' },
      usage: { input_tokens: 51, output_tokens: 4 },
    });
    expect(events.at(-1)).toEqual({ type: 'message_stop' });
    const message = await sdkFinalMessage(out);
    expect(message.content).toEqual([
      { type: 'tool_use', id: '<call_1>', name: 'get_weather', input: { city: 'Paris', unit: 'celsius' } },
    ]);
    expect(message.stop_reason).toBe('tool_use');
  });

  it('reasoning summary and text: a thinking block, a text block, end_turn with the usage', async () => {
    const { out } = translate(REASONING, 'messages');
    expect(streamProblems(out)).toEqual([]);
    const message = await sdkFinalMessage(out);
    expect(message.content).toMatchObject([
      { type: 'thinking', thinking: 'Let me think about what the user asked.' },
      { type: 'text', text: 'Hello from openai! You said: [thinking] Why is the sky blue?' },
    ]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toMatchObject({ input_tokens: 53, output_tokens: 15 });
  });

  it('text then a call: cached input tokens apart, as Messages counts them', async () => {
    const { out } = translate(TEXT_THEN_CALL, 'messages');
    expect(streamProblems(out)).toEqual([]);
    const starts = messagesEvents(out).filter((event) => event.type === 'content_block_start');
    expect(starts.map((event) => event.content_block)).toEqual([
      { type: 'text', text: '' },
      { type: 'tool_use', id: 'call_abc', name: 'ls', input: {} },
    ]);
    const message = await sdkFinalMessage(out);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage).toMatchObject({
      input_tokens: 325,
      cache_read_input_tokens: 1200,
      output_tokens: 11,
    });
  });

  it('a truncated answer (response.incomplete, max_output_tokens) stops with max_tokens', async () => {
    const truncated = REASONING.replace(/event: response\.completed\ndata: .*\n\n$/, '').concat(
      frame('response.incomplete', {
        response: { id: 'resp_1', status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
      }),
    );
    expect((await sdkFinalMessage(translate(truncated, 'messages').out)).stop_reason).toBe('max_tokens');
  });

  it('an upstream error event becomes a Messages error event, and nothing after it', () => {
    const cut = FUNCTION_CALL.slice(0, FUNCTION_CALL.indexOf('event: response.function_call_arguments.done'));
    const { out } = translate(
      `${cut}${frame('error', { code: 'server_error', message: 'boom', param: null })}`,
      'messages',
    );
    expect(messagesEvents(out).at(-1)).toEqual({
      type: 'error',
      error: { type: 'api_error', message: 'boom' },
    });
  });

  it('a stream cut before response.completed is not complete (the relay ends it with an error)', () => {
    const cut = FUNCTION_CALL.slice(0, FUNCTION_CALL.indexOf('event: response.completed'));
    expect(translate(cut, 'messages').complete).toBe(false);
  });
});

describe('a Responses upstream to a Chat client', () => {
  it('a function call: tool_calls with id, name and arguments, finish_reason tool_calls, the usage chunk', async () => {
    const { out } = translate(FUNCTION_CALL, 'chat');
    expect(out.endsWith('data: [DONE]\n\n')).toBe(true);
    const chunks = chatChunksOf(out) as Json[];
    const deltas = chunks.map((chunk) => chunk.choices?.[0]?.delta ?? {});
    expect(deltas[0]).toMatchObject({ role: 'assistant' });
    const calls = deltas.flatMap((delta) => delta.tool_calls ?? []);
    expect(calls[0]).toEqual({
      index: 0,
      id: '<call_1>',
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    expect(calls.map((call) => call.function.arguments).join('')).toBe('{"city":"Paris","unit":"celsius"}');
    expect(chunks.map((chunk) => chunk.choices?.[0]?.finish_reason).filter(Boolean)).toEqual(['tool_calls']);
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 51, completion_tokens: 4, total_tokens: 55 },
    });
    const completion = await sdkFinalCompletion(out);
    expect(completion.choices[0]?.message.tool_calls).toEqual([
      {
        id: '<call_1>',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
      },
    ]);
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('reasoning summary and text: reasoning_content and content deltas, finish_reason stop', () => {
    const chunks = chatChunksOf(translate(REASONING, 'chat').out) as Json[];
    const deltas = chunks.map((chunk) => chunk.choices?.[0]?.delta ?? {});
    const joined = (field: string) => deltas.map((delta) => delta[field] ?? '').join('');
    expect(joined('reasoning_content')).toBe('Let me think about what the user asked.');
    expect(joined('content')).toBe('Hello from openai! You said: [thinking] Why is the sky blue?');
    expect(chunks.map((chunk) => chunk.choices?.[0]?.finish_reason).filter(Boolean)).toEqual(['stop']);
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 53, completion_tokens: 15 });
  });

  it('text then a call: content, then the call; prompt_tokens include the cached tokens', async () => {
    const completion = await sdkFinalCompletion(translate(TEXT_THEN_CALL, 'chat').out);
    expect(completion.choices[0]?.message).toMatchObject({
      content: 'Checking.',
      tool_calls: [
        { id: 'call_abc', type: 'function', function: { name: 'ls', arguments: '{"path":"/tmp"}' } },
      ],
    });
    expect(completion.usage).toMatchObject({
      prompt_tokens: 1525,
      completion_tokens: 11,
      prompt_tokens_details: { cached_tokens: 1200 },
    });
  });

  it('response.failed becomes an error chunk and [DONE]', () => {
    const cut = FUNCTION_CALL.slice(0, FUNCTION_CALL.indexOf('event: response.completed'));
    const failed = frame('response.failed', {
      response: {
        id: '<resp_1>',
        status: 'failed',
        error: { code: 'server_error', message: 'failed' },
        usage: null,
      },
    });
    const { out } = translate(cut + failed, 'chat');
    expect(chatChunksOf(out).at(-1)).toMatchObject({ error: { message: 'failed' } });
    expect(out.endsWith('data: [DONE]\n\n')).toBe(true);
  });
});
