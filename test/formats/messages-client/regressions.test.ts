/**
 * One test per bug of TRANSLATION.md that concerns a Messages client on a Chat provider, named
 * after what broke in other gateways.
 */
import { describe, expect, it } from 'vitest';
import { messagesResponseFromChat } from '../../../src/formats/anthropic-messages/response-from-chat.js';
import type { MessagesRequest } from '../../../src/formats/anthropic-messages/wire.js';
import { chatRequestFromMessages } from '../../../src/formats/openai-chat/request-from-messages.js';
import type { ChatResponse } from '../../../src/formats/openai-chat/wire.js';
import { streamProblems } from './stream-invariants.js';
import {
  readFixture,
  responseContext,
  sdkEvents,
  sdkFinalMessage,
  translateBytewise,
  translateStream,
} from './support.js';

/** One Chat chunk frame holding `delta` (and `finish_reason`). */
function frame(delta: object, finishReason: string | null = null): string {
  const chunk = { id: 'chatcmpl-r', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o' };
  return `data: ${JSON.stringify({ ...chunk, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
}
function usageFrame(usage: object): string {
  return `data: ${JSON.stringify({ id: 'chatcmpl-r', object: 'chat.completion.chunk', choices: [], usage })}\n\n`;
}
const DONE = 'data: [DONE]\n\n';
const toolFragment = (index: number, fields: object) => ({ tool_calls: [{ index, ...fields }] });

function dataOf(sse: string, type: string): Record<string, unknown>[] {
  return sse
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice(6)))
    .filter((data) => data.type === type);
}

const request = (fields: Partial<MessagesRequest>): MessagesRequest => ({
  model: 'claude-sonnet-4-5',
  max_tokens: 1024,
  messages: [{ role: 'user', content: 'Hi' }],
  ...fields,
});

describe('regressions', () => {
  it('bug 1: tool arguments are not lost (Claude Code must not get input: {})', async () => {
    for (const input of [
      'fake-provider/chat-tool-call.stream.txt',
      'translation/messages-client/streams/chat-interleaved-tools.stream.txt',
    ]) {
      const message = await sdkFinalMessage(translateStream([readFixture(input)]));
      for (const block of message.content) {
        expect(block.type === 'tool_use' && Object.keys(block.input as object).length).toBeGreaterThan(0);
      }
    }
  });

  it('bug 2: the arguments of the first tool-call fragment are sent', async () => {
    const upstream =
      frame({
        role: 'assistant',
        ...toolFragment(0, {
          id: 'call_1',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
        }),
      }) +
      frame({}, 'tool_calls') +
      usageFrame({ prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 }) +
      DONE;
    const sse = translateStream([upstream]);
    expect(dataOf(sse, 'content_block_delta')).toEqual([
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: '{"city":"Paris"}' },
      },
    ]);
    const message = await sdkFinalMessage(sse);
    expect(message.content).toEqual([
      { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
    ]);
  });

  it('bug 3: parallel tool calls are not collapsed onto index 0 (keyed by index, not id)', async () => {
    const sse = translateStream([readFixture('fake-provider/chat-parallel-tools.stream.txt')]);
    expect(dataOf(sse, 'content_block_start').map((event) => event.index)).toEqual([0, 1]);
    const same = translateStream([
      readFixture('translation/messages-client/streams/chat-tools-same-id.stream.txt'),
    ]);
    const message = await sdkFinalMessage(same);
    expect(message.content.map((block) => block.type === 'tool_use' && block.name)).toEqual([
      'get_weather',
      'get_time',
    ]);
    expect(new Set(message.content.map((block) => block.type === 'tool_use' && block.id)).size).toBe(2);
  });

  it('bug 3: fragments of an earlier call arriving after a later call began still reach the right block', async () => {
    const upstream =
      frame(toolFragment(0, { id: 'a', function: { name: 'first', arguments: '{"n":' } })) +
      frame(toolFragment(1, { id: 'b', function: { name: 'second', arguments: '{"n":' } })) +
      frame(toolFragment(1, { function: { arguments: '2}' } })) +
      frame(toolFragment(0, { function: { arguments: '1}' } })) +
      frame(toolFragment(2, { id: 'c', function: { name: 'third', arguments: '{"n":3}' } })) +
      frame({}, 'tool_calls') +
      DONE;
    const sse = translateStream([upstream]);
    expect(streamProblems(sse)).toEqual([]);
    const message = await sdkFinalMessage(sse);
    expect(message.content.map((block) => block.type === 'tool_use' && [block.name, block.input])).toEqual([
      ['first', { n: 1 }],
      ['second', { n: 2 }],
      ['third', { n: 3 }],
    ]);
  });

  it('bug 4: thinking deltas never land in a text block; exactly one message_start', async () => {
    const sse = translateStream([
      readFixture('translation/messages-client/streams/chat-reasoning-alternates.stream.txt'),
    ]);
    expect(streamProblems(sse)).toEqual([]);
    const events = await sdkEvents(sse);
    expect(events.filter((event) => event.type === 'message_start')).toHaveLength(1);
    const openRouter = translateStream([
      readFixture('translation/messages-client/streams/chat-thinking.openrouter.stream.txt'),
    ]);
    // OpenRouter repeats `role` on every delta: still one message_start.
    expect(dataOf(openRouter, 'message_start')).toHaveLength(1);
  });

  it('bug 5: a streamed request asks for the usage chunk, and tool_use blocks get their content_block_start', () => {
    const { body } = chatRequestFromMessages(request({ stream: true }), { upstreamModel: 'gpt-4o' });
    expect(body.stream_options).toEqual({ include_usage: true });
    const sse = translateStream([readFixture('fake-provider/chat-tool-call.stream.txt')]);
    expect(dataOf(sse, 'content_block_start')).toEqual([
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: '<call_1>', name: 'get_weather', input: {} },
      },
    ]);
  });

  it('bug 6: cache tokens are neither zeroed nor counted twice in the stream', async () => {
    const sse = translateStream([readFixture('fake-provider/chat-cache.openrouter.stream.txt')]);
    const [start] = dataOf(sse, 'message_start') as { message: { usage: object } }[];
    expect(start?.message.usage).toEqual({
      input_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: 0,
    });
    const message = await sdkFinalMessage(sse);
    const { input_tokens, cache_read_input_tokens, cache_creation_input_tokens } = message.usage;
    expect({ input_tokens, cache_read_input_tokens, cache_creation_input_tokens }).toEqual({
      input_tokens: 25,
      cache_read_input_tokens: 1200,
      cache_creation_input_tokens: 300,
    });
    // The parts add up to the upstream's prompt_tokens (1525), as a bill must.
    expect(input_tokens + (cache_read_input_tokens ?? 0) + (cache_creation_input_tokens ?? 0)).toBe(1525);
  });

  it('bug 8: thinking from a Chat provider is marked unsigned, and thinking in the history is never replayed', () => {
    const chat = JSON.parse(readFixture('fake-provider/chat-thinking.xai.json')) as ChatResponse;
    expect(messagesResponseFromChat(chat, responseContext()).content[0]).toEqual({
      type: 'thinking',
      thinking: 'Let me think about what the user asked.',
      signature: '',
    });
    const { body, warnings } = chatRequestFromMessages(
      request({
        messages: [
          { role: 'user', content: 'Hi' },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'secret', signature: '' },
              { type: 'text', text: 'Hello' },
            ],
          },
          { role: 'user', content: 'More' },
        ],
      }),
      { upstreamModel: 'gpt-4o' },
    );
    expect(JSON.stringify(body)).not.toContain('secret');
    expect(warnings).toContain(
      'thinking blocks in the history dropped: a Chat provider cannot take them back',
    );
  });

  it('bug 9: empty and blank deltas never make a text block', () => {
    const upstream =
      frame({ role: 'assistant', content: '' }) +
      frame({ content: '\n' }) +
      frame({ content: ' ' }) +
      frame({}, 'stop') +
      DONE;
    const sse = translateStream([upstream]);
    expect(dataOf(sse, 'content_block_start')).toEqual([]);
    expect(streamProblems(sse)).toEqual([]);
  });

  it('bug 10: a JSON fragment split across reads, and an invalid frame, do not break the stream', async () => {
    const upstream = readFixture('fake-provider/chat-tool-call.stream.txt');
    const whole = translateStream([upstream]);
    expect(translateBytewise(upstream)).toBe(whole);
    const broken = translateStream([
      readFixture('translation/messages-client/streams/chat-invalid-json.stream.txt'),
    ]);
    expect((await sdkFinalMessage(broken)).content).toEqual([
      { type: 'text', text: 'Hello from openai! You said: Say hi' },
    ]);
  });

  it('bug 10: a huge max_tokens is clamped to the model maximum', () => {
    const { body, warnings } = chatRequestFromMessages(request({ max_tokens: 128000 }), {
      upstreamModel: 'gpt-4o',
      maxOutput: 16384,
    });
    expect(body.max_tokens).toBe(16384);
    expect(warnings).toEqual(["max_tokens 128000 clamped to the model's maximum output of 16384"]);
  });
});
