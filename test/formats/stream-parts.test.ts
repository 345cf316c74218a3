/**
 * The neutral stream parts a reader makes of an upstream stream, written by hand from the
 * providers' documented event shapes: https://docs.anthropic.com/en/docs/build-with-claude/streaming
 * and https://platform.openai.com/docs/api-reference/chat-streaming.
 */
import { describe, expect, it } from 'vitest';
import { MessagesStreamReader } from '../../src/formats/anthropic-messages/stream-reader.js';
import { ChatStreamReader } from '../../src/formats/openai-chat/stream-reader.js';
import type { StreamPart } from '../../src/formats/stream-parts.js';
import { sseEventsOf } from '../support/sse-events.js';

const frame = (event: string, data: object) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

describe('the Messages stream reader', () => {
  const stream = [
    frame('message_start', {
      type: 'message_start',
      message: { id: 'msg_01', usage: { input_tokens: 12, cache_read_input_tokens: 100, output_tokens: 1 } },
    }),
    frame('content_block_start', {
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'thinking', thinking: '', signature: '' },
    }),
    frame('content_block_delta', {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'thinking_delta', thinking: 'Let me see.' },
    }),
    frame('content_block_delta', {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'signature_delta', signature: 'EqQBCkYIBxgCKkA' },
    }),
    frame('content_block_stop', { type: 'content_block_stop', index: 0 }),
    frame('content_block_start', {
      type: 'content_block_start',
      index: 1,
      content_block: { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va' },
    }),
    frame('content_block_stop', { type: 'content_block_stop', index: 1 }),
    frame('content_block_start', {
      type: 'content_block_start',
      index: 2,
      content_block: { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: {} },
    }),
    frame('content_block_delta', {
      type: 'content_block_delta',
      index: 2,
      delta: { type: 'input_json_delta', partial_json: '{"city":"Paris"}' },
    }),
    frame('content_block_stop', { type: 'content_block_stop', index: 2 }),
    frame('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens: 40 },
    }),
    frame('message_stop', { type: 'message_stop' }),
  ].join('');

  it('reads text, thinking, opaque signatures (tagged with who made them), tool calls, finish, usage, end', () => {
    const parts: StreamPart[] = [];
    const reader = new MessagesStreamReader((part) => parts.push(part), undefined, {
      provider: 'anthropic',
      model: 'claude-opus-4-7',
    });
    for (const event of sseEventsOf(stream)) reader.onEvent(event);
    const usage = {
      inputTokens: 12,
      outputTokens: 1,
      cacheReadTokens: 100,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
    };
    const opaque = {
      type: 'reasoning-opaque',
      format: 'messages',
      provider: 'anthropic',
      model: 'claude-opus-4-7',
    };
    expect(parts).toEqual([
      { type: 'usage', usage },
      { type: 'start', id: 'msg_01' },
      { type: 'reasoning', text: 'Let me see.' },
      { ...opaque, kind: 'signature', value: 'EqQBCkYIBxgCKkA' },
      { ...opaque, kind: 'redacted', value: 'EmwKAhgBEgy3va' },
      { type: 'tool-call-start', index: 2, id: 'toolu_01', name: 'get_weather' },
      { type: 'tool-input', index: 2, json: '{"city":"Paris"}' },
      { type: 'tool-call-end', index: 2 },
      { type: 'usage', usage: { ...usage, outputTokens: 40 } },
      { type: 'finish', reason: 'tool-calls', raw: 'tool_use' },
      { type: 'end' },
    ]);
    // The same reader is the stream's tap.
    expect(reader.complete).toBe(true);
    expect(reader.usage).toEqual({ ...usage, outputTokens: 40 });
  });
});

describe('the Chat stream reader', () => {
  const chunk = (choices: unknown[], extra: object = {}) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', choices, ...extra })}\n\n`;
  const stream = [
    chunk([{ index: 0, delta: { role: 'assistant', reasoning_content: 'Hmm.' } }]),
    chunk([{ index: 0, delta: { content: 'Checking.' } }]),
    chunk([
      {
        index: 0,
        delta: { tool_calls: [{ index: 0, id: 'call_1', function: { name: 'f', arguments: '{"a"' } }] },
      },
    ]),
    chunk([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: ':1}' } }] } }]),
    chunk([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]),
    chunk([], {
      usage: { prompt_tokens: 30, completion_tokens: 9, prompt_tokens_details: { cached_tokens: 10 } },
    }),
    'data: [DONE]\n\n',
  ].join('');

  it('reads reasoning, text, one tool call at a time, the finish, then ends at the usage after it', () => {
    const parts: StreamPart[] = [];
    const reader = new ChatStreamReader((part) => parts.push(part));
    const events = sseEventsOf(stream);
    // Everything up to the usage chunk: the answer is complete there, before [DONE].
    for (const event of events.slice(0, -1)) reader.onEvent(event);
    expect(parts.at(-1)).toEqual({ type: 'end' });
    expect(reader.complete).toBe(false);
    reader.onEvent(events.at(-1)!);
    const usage = {
      inputTokens: 20,
      outputTokens: 9,
      cacheReadTokens: 10,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
    };
    expect(parts).toEqual([
      { type: 'start', id: 'chatcmpl-1' },
      { type: 'reasoning', text: 'Hmm.' },
      { type: 'text', text: 'Checking.' },
      { type: 'tool-call-start', index: 0, id: 'call_1', name: 'f' },
      { type: 'tool-input', index: 0, json: '{"a"' },
      { type: 'tool-input', index: 0, json: ':1}' },
      { type: 'finish', reason: 'tool-calls', raw: 'tool_calls' },
      { type: 'usage', usage },
      { type: 'end' },
    ]);
    expect(reader.complete).toBe(true);
    expect(reader.usage).toEqual(usage);
  });
});
