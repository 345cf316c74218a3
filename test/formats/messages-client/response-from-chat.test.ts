/**
 * Chat completions → Messages responses: recorded-shape completions from the fake provider
 * (translation/messages-client/responses/*.json name the input and hold the whole expected
 * response), then the edge cases one by one.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messagesResponseFromChat } from '../../../src/formats/anthropic-messages/response-from-chat.js';
import type { ChatResponse } from '../../../src/formats/openai-chat/wire.js';
import { OWN_FIXTURES, readJsonFixture, responseContext, sdkMessage } from './support.js';

interface ResponseCase {
  input: string;
  toolNames: Record<string, string>;
  expected: object;
}

const FILES = readdirSync(join(OWN_FIXTURES, 'responses')).filter((file) => file.endsWith('.json'));

describe('messagesResponseFromChat: recorded completions', () => {
  it.each(FILES)('%s', (file) => {
    const { input, toolNames, expected } = readJsonFixture<ResponseCase>(
      `translation/messages-client/responses/${file}`,
    );
    const chat = readJsonFixture<ChatResponse>(input);
    const response = messagesResponseFromChat(chat, responseContext(toolNames));
    expect(response).toEqual(expected);
  });

  it.each(FILES)('%s is read by @anthropic-ai/sdk as it was written', async (file) => {
    const { input, toolNames } = readJsonFixture<ResponseCase>(
      `translation/messages-client/responses/${file}`,
    );
    const response = messagesResponseFromChat(
      readJsonFixture<ChatResponse>(input),
      responseContext(toolNames),
    );
    expect(await sdkMessage(response)).toEqual(response);
  });
});

function completion(message: object, finishReason: string | null = 'stop', extra: object = {}): ChatResponse {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4o',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: null, ...message },
        logprobs: null,
        finish_reason: finishReason,
      },
    ],
    ...extra,
  } as ChatResponse;
}

function call(id: string, name: string, args: string) {
  return { id, type: 'function', function: { name, arguments: args } };
}

describe('messagesResponseFromChat: edge cases', () => {
  it('tool arguments: parsed; empty → {}; double-encoded → decoded; invalid JSON → an object wrapper, never a string', () => {
    const response = messagesResponseFromChat(
      completion(
        {
          tool_calls: [
            call('c1', 'a', '{"x":1}'),
            call('c2', 'b', ''),
            call('c3', 'c', JSON.stringify('{"y":2}')),
            call('c4', 'd', '{"z":'),
            call('c5', 'e', '[1,2]'),
          ],
        },
        'tool_calls',
      ),
      responseContext(),
    );
    expect(response.content.map((block) => (block.type === 'tool_use' ? block.input : undefined))).toEqual([
      { x: 1 },
      {},
      { y: 2 },
      { _raw_arguments: '{"z":' },
      { _raw_arguments: '[1,2]' },
    ]);
  });

  it('restores shortened tool names, keeps upstream ids, replaces a repeated or missing id, names a nameless call', () => {
    const response = messagesResponseFromChat(
      completion(
        { tool_calls: [call('c1', 'short_x', '{}'), call('c1', 'plain', '{}'), call('', '', '{}')] },
        'tool_calls',
      ),
      responseContext({ short_x: 'the_original_very_long_name' }),
    );
    expect(response.content).toEqual([
      { type: 'tool_use', id: 'c1', name: 'the_original_very_long_name', input: {} },
      { type: 'tool_use', id: expect.stringMatching(/^toolu_[0-9a-f]{24}$/), name: 'plain', input: {} },
      {
        type: 'tool_use',
        id: expect.stringMatching(/^toolu_[0-9a-f]{24}$/),
        name: 'unknown_tool',
        input: {},
      },
    ]);
  });

  it('finish_reason "stop" with tool calls is tool_use (the client loop waits for it)', () => {
    const response = messagesResponseFromChat(
      completion({ tool_calls: [call('c1', 'a', '{}')] }, 'stop'),
      responseContext(),
    );
    expect(response.stop_reason).toBe('tool_use');
  });

  it('no empty or blank text block (bug 9); a refusal is text; content_filter is refusal', () => {
    expect(messagesResponseFromChat(completion({ content: '  \n' }), responseContext()).content).toEqual([]);
    expect(messagesResponseFromChat(completion({ content: '' }), responseContext()).content).toEqual([]);
    const refused = messagesResponseFromChat(
      completion({ refusal: 'I cannot help.' }, 'content_filter'),
      responseContext(),
    );
    expect(refused.content).toEqual([{ type: 'text', text: 'I cannot help.' }]);
    expect(refused.stop_reason).toBe('refusal');
  });

  it('no choices and no usage: an empty end_turn message with zeroed usage, cache fields included', () => {
    const response = messagesResponseFromChat(
      { id: 'x', choices: [] } as unknown as ChatResponse,
      responseContext(),
    );
    expect(response).toMatchObject({
      id: 'msg_x',
      content: [],
      stop_reason: 'end_turn',
      usage: {
        input_tokens: 0,
        output_tokens: 0,
        cache_read_input_tokens: 0,
        cache_creation_input_tokens: 0,
      },
    });
  });

  it('a missing id gets a generated msg_ id', () => {
    const response = messagesResponseFromChat({ choices: [] } as unknown as ChatResponse, responseContext());
    expect(response.id).toMatch(/^msg_[0-9a-f]{24}$/);
  });
});
