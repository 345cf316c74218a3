/** Regression tests named after the bugs other gateways shipped (TRANSLATION.md) that concern Chat clients on Messages providers. */
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { messagesRequestFromChat } from '../../../src/formats/anthropic-messages/request-from-chat.js';
import type { MessagesResponse } from '../../../src/formats/anthropic-messages/wire.js';
import { chatResponseFromMessages } from '../../../src/formats/openai-chat/response-from-messages.js';
import { SseParser } from '../../../src/formats/sse.js';
import { TranslatedStream } from '../../../src/formats/stream-translation.js';
import {
  chatChunksOf,
  messagesSse,
  readFixture,
  readJson,
  responseContext,
  sdkFinalCompletion,
  translateStream,
} from './support.js';

const START = {
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: {
      input_tokens: 25,
      cache_creation_input_tokens: 300,
      cache_read_input_tokens: 1200,
      output_tokens: 1,
    },
  },
};
const STOP = { type: 'message_stop' };

function toolCallDeltas(stream: string) {
  return chatChunksOf(stream).flatMap((chunk) => {
    const choices = chunk.choices as Array<{ delta: { tool_calls?: Array<Record<string, unknown>> } }>;
    return choices.flatMap((choice) => choice.delta.tool_calls ?? []);
  });
}

function usageChunk(stream: string) {
  return chatChunksOf(stream).find((chunk) => Array.isArray(chunk.choices) && chunk.choices.length === 0)
    ?.usage;
}

describe('bugs other gateways shipped', () => {
  it('bug 3: parallel tool calls are numbered 0, 1 (not collapsed onto index 0), even after a text block', () => {
    const stream = translateStream(
      readFixture('translation/chat-client/streams/messages-text-then-tools.stream.txt'),
      responseContext(),
    );
    const openers = toolCallDeltas(stream).filter((delta) => delta.id !== undefined);
    expect(openers.map(({ index, id }) => [index, id])).toEqual([
      [0, 'toolu_01Paris'],
      [1, 'toolu_02Tokyo'],
    ]);
    expect(new Set(toolCallDeltas(stream).map((delta) => delta.index))).toEqual(new Set([0, 1]));
  });

  it('bug 4: a second message_start does not start a second assistant message', () => {
    const stream = translateStream(
      messagesSse(
        START,
        START,
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
        STOP,
      ),
      responseContext(),
    );
    const roles = chatChunksOf(stream).filter((chunk) =>
      JSON.stringify(chunk).includes('"role":"assistant"'),
    );
    expect(roles).toHaveLength(1);
  });

  it('bug 6: cache tokens are neither zeroed nor double counted; prompt_tokens includes them', async () => {
    const delta = {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      // Anthropic repeats the cumulative input and cache counts here; another provider sends only output.
      usage: {
        input_tokens: 25,
        cache_creation_input_tokens: 300,
        cache_read_input_tokens: 1200,
        output_tokens: 40,
      },
    };
    const onlyOutput = { ...delta, usage: { output_tokens: 40 } };
    const expected = {
      prompt_tokens: 1525,
      completion_tokens: 40,
      total_tokens: 1565,
      prompt_tokens_details: { cached_tokens: 1200 },
    };
    expect(usageChunk(translateStream(messagesSse(START, delta, STOP), responseContext()))).toEqual(expected);
    expect(usageChunk(translateStream(messagesSse(START, onlyOutput, STOP), responseContext()))).toEqual(
      expected,
    );
    const completion = await sdkFinalCompletion(
      translateStream(messagesSse(START, delta, STOP), responseContext()),
    );
    expect(completion.usage).toEqual(expected);
    const body = { ...readJson<MessagesResponse>('fake-provider/messages-text.json'), usage: delta.usage };
    expect(chatResponseFromMessages(body, responseContext()).usage).toEqual(expected);
  });

  it('bug 7: the usage chunk of the stream has prompt_tokens (and only comes when the client asked)', () => {
    const upstream = readFixture('fake-provider/messages-tool-use.stream.txt');
    expect(usageChunk(translateStream(upstream, responseContext()))).toMatchObject({
      prompt_tokens: 17,
      completion_tokens: 4,
      total_tokens: 21,
    });
    const withoutUsage = translateStream(upstream, responseContext({ includeUsage: false }));
    expect(withoutUsage).not.toContain('"usage"');
  });

  it('bug 8: no invented signature on the way up; reasoning surfaced on the way down', () => {
    const { body, warnings } = messagesRequestFromChat(
      {
        model: 'o3',
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello', reasoning_content: 'Greet back.' },
          { role: 'user', content: 'Bye' },
        ],
      },
      { upstreamModel: 'claude-sonnet-4-5' },
    );
    expect(JSON.stringify(body)).not.toMatch(/thinking|signature|Greet back/);
    expect(warnings).toEqual([expect.stringContaining('reasoning_content dropped')]);

    const stream = translateStream(
      readFixture('fake-provider/messages-thinking.stream.txt'),
      responseContext(),
    );
    expect(stream).toContain('"reasoning_content":"Let me think"');
    expect(stream).not.toContain('<sig>');
  });

  it('bug 9: no empty text blocks; no trailing whitespace on the assistant prefill', () => {
    const { body } = messagesRequestFromChat(
      {
        model: 'gpt-4o',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: '' },
              { type: 'text', text: 'Hi' },
            ],
          },
          { role: 'assistant', content: '', tool_calls: [] },
          { role: 'user', content: 'Continue' },
          { role: 'assistant', content: 'The answer is ' },
        ],
      },
      { upstreamModel: 'claude-sonnet-4-5' },
    );
    const texts = body.messages.flatMap((message) =>
      typeof message.content === 'string'
        ? [message.content]
        : message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])),
    );
    expect(texts).toEqual(['Hi', 'Continue', 'The answer is']);
  });

  it('bug 10: a JSON fragment split across reads is reassembled; a huge max_tokens is clamped', () => {
    // Both translations stamp `created` when they start: one clock, or a second may tick between them.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(1_750_000_000_000));
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const upstream = readFixture('fake-provider/messages-tool-use.stream.txt');
    const whole = translateStream(upstream, responseContext());
    const translator = new TranslatedStream('messages', 'chat', responseContext());
    let output = '';
    const parser = new SseParser((event) => {
      output += translator.push(event);
    });
    // Cut inside the JSON of every frame, three characters at a time.
    for (let at = 0; at < upstream.length; at += 3) parser.push(upstream.slice(at, at + 3));
    parser.end();
    expect(output + translator.finish()).toBe(whole);

    const { body, warnings } = messagesRequestFromChat(
      { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], max_completion_tokens: 2 ** 31 },
      { upstreamModel: 'claude-opus-4-1', maxOutput: 32000 },
    );
    expect(body.max_tokens).toBe(32000);
    expect(warnings).toEqual([expect.stringContaining('clamped')]);
  });
});
