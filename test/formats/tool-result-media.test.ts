/**
 * Images and documents inside tool results, at the converters: parallel results each keep their
 * media apart, a Chat tool message of text alone is unchanged, and what the target cannot take is a
 * 400 naming the part. Expected values written by hand from:
 * - Messages tool_result content (text, image, document blocks):
 *   https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use#handling-tool-use-and-tool-result-content-blocks
 * - Chat tool messages (text parts only) and user image / file parts:
 *   https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages,
 *   https://platform.openai.com/docs/guides/pdf-files
 * - Responses function_call_output.output (string, or input_text / input_image / input_file parts):
 *   https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 */
import { describe, expect, it } from 'vitest';
import { messagesRequestFromResponses } from '../../src/formats/anthropic-messages/request-from-responses.js';
import type { MessagesRequest } from '../../src/formats/anthropic-messages/wire.js';
import type { ChatTarget } from '../../src/formats/openai-chat/chat-providers.js';
import { chatRequestFromMessages } from '../../src/formats/openai-chat/request-from-messages.js';
import { chatRequestFromResponses } from '../../src/formats/openai-chat/request-from-responses.js';
import { responsesRequestFromChat } from '../../src/formats/openai-responses/request-from-chat.js';
import { responsesRequestFromMessages } from '../../src/formats/openai-responses/request-from-messages.js';
import type { ResponsesRequest } from '../../src/formats/openai-responses/wire.js';
import { UnsupportedRequestError } from '../../src/formats/translation.js';

const PNG = 'iVBORw0KGgo=';
const JPEG = '/9j/4AAQ';
const image = (mediaType: string, data: string) => ({
  type: 'image' as const,
  source: { type: 'base64' as const, media_type: mediaType, data },
});

const openai: ChatTarget = { upstreamModel: 'gpt-4o', profile: { name: 'openai' } };
const gptResponses: ChatTarget = { upstreamModel: 'gpt-6.2-sol', profile: { name: 'openai' } };

/** Two parallel screenshots answered in one user turn, then the user's question. */
const PARALLEL: MessagesRequest = {
  model: 'claude-opus-5-5',
  max_tokens: 100,
  messages: [
    { role: 'user', content: 'Compare the two pages' },
    {
      role: 'assistant',
      content: [
        { type: 'tool_use', id: 'toolu_a', name: 'screenshot', input: { url: 'a' } },
        { type: 'tool_use', id: 'toolu_b', name: 'screenshot', input: { url: 'b' } },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_a', content: [image('image/png', PNG)] },
        {
          type: 'tool_result',
          tool_use_id: 'toolu_b',
          content: [{ type: 'text', text: 'page b' }, image('image/jpeg', JPEG)],
        },
        { type: 'text', text: 'Which is better?' },
      ],
    },
  ],
};

describe('Messages → Chat', () => {
  it('parallel results: both tool messages first, then one user message with each result’s media after its own note', () => {
    const { body } = chatRequestFromMessages(PARALLEL, openai);
    expect(body.messages.slice(2)).toEqual([
      {
        role: 'tool',
        tool_call_id: 'toolu_a',
        content: '[1 attachment(s) of this result follow in the next user message]',
      },
      {
        role: 'tool',
        tool_call_id: 'toolu_b',
        content: 'page b\n\n[1 attachment(s) of this result follow in the next user message]',
      },
      {
        role: 'user',
        content: [
          { type: 'text', text: '[attachment(s) of the result of tool call toolu_a]' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
          { type: 'text', text: '[attachment(s) of the result of tool call toolu_b]' },
          { type: 'image_url', image_url: { url: `data:image/jpeg;base64,${JPEG}` } },
          { type: 'text', text: 'Which is better?' },
        ],
      },
    ]);
  });

  it('a result of text alone is one tool message, no note and no warning', () => {
    const body: MessagesRequest = {
      ...PARALLEL,
      messages: [
        PARALLEL.messages[0]!,
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_a', name: 'screenshot', input: {} }] },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'toolu_a', content: [{ type: 'text', text: 'ok' }] }],
        },
      ],
    };
    const translation = chatRequestFromMessages(body, openai);
    expect(translation.body.messages.at(-1)).toEqual({
      role: 'tool',
      tool_call_id: 'toolu_a',
      content: 'ok',
    });
    expect(translation.warnings.join()).not.toContain('tool results');
  });
});

describe('Messages → Responses', () => {
  it('parallel results: each function_call_output holds its own media; the user message only the question', () => {
    const { body, warnings } = responsesRequestFromMessages(PARALLEL, gptResponses);
    expect((body.input as unknown[]).slice(3)).toEqual([
      {
        type: 'function_call_output',
        call_id: 'toolu_a',
        output: [{ type: 'input_image', image_url: `data:image/png;base64,${PNG}` }],
      },
      {
        type: 'function_call_output',
        call_id: 'toolu_b',
        output: [
          { type: 'input_text', text: 'page b' },
          { type: 'input_image', image_url: `data:image/jpeg;base64,${JPEG}` },
        ],
      },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Which is better?' }] },
    ]);
    expect(warnings.join()).not.toContain('tool results');
  });

  it('an image OpenAI cannot read (a Files API id) is a 400 naming it inside the result', () => {
    const body = structuredClone(PARALLEL);
    const result = (body.messages[2]!.content as Array<{ content?: unknown }>)[0]!;
    result.content = [{ type: 'image', source: { type: 'file', file_id: 'file_011' } }];
    const error = (() => {
      try {
        responsesRequestFromMessages(body, gptResponses);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UnsupportedRequestError);
    expect((error as UnsupportedRequestError).param).toBe('messages.2.content.0.content.0');
  });
});

/** A Chat client's history: parallel calls, one tool message holding a screenshot. */
const CHAT_BODY = {
  model: 'x',
  messages: [
    { role: 'user', content: 'Compare' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_a', type: 'function', function: { name: 'shot', arguments: '{}' } },
        { id: 'call_b', type: 'function', function: { name: 'shot', arguments: '{}' } },
      ],
    },
    {
      role: 'tool',
      tool_call_id: 'call_a',
      content: [
        { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}`, detail: 'low' } },
        { type: 'text', text: 'page a' },
      ],
    },
    { role: 'tool', tool_call_id: 'call_b', content: [{ type: 'text', text: 'page b' }] },
  ],
};

describe('Chat → Responses', () => {
  it('a tool message with an image → output parts in order (detail kept); one of text alone stays a string', () => {
    const { body } = responsesRequestFromChat(CHAT_BODY as never, gptResponses);
    expect((body.input as unknown[]).slice(-2)).toEqual([
      {
        type: 'function_call_output',
        call_id: 'call_a',
        output: [
          { type: 'input_image', image_url: `data:image/png;base64,${PNG}`, detail: 'low' },
          { type: 'input_text', text: 'page a' },
        ],
      },
      { type: 'function_call_output', call_id: 'call_b', output: 'page b' },
    ]);
  });

  it('audio in a tool message is a 400 naming the part', () => {
    const body = structuredClone(CHAT_BODY);
    (body.messages[2]!.content as unknown[]).push({
      type: 'input_audio',
      input_audio: { data: 'AA', format: 'wav' },
    });
    expect(() => responsesRequestFromChat(body as never, gptResponses)).toThrow(
      expect.objectContaining({ param: 'messages.2.content.2' }),
    );
  });
});

/** A Codex history: two parallel view_image calls, each output an input_image. */
const CODEX: ResponsesRequest = {
  model: 'x',
  input: [
    { type: 'message', role: 'user', content: 'Compare a.png and b.png' },
    { type: 'function_call', call_id: 'call_a', name: 'view_image', arguments: '{"path":"a.png"}' },
    { type: 'function_call', call_id: 'call_b', name: 'view_image', arguments: '{"path":"b.png"}' },
    {
      type: 'function_call_output',
      call_id: 'call_a',
      output: [{ type: 'input_image', image_url: `data:image/png;base64,${PNG}`, detail: 'high' }],
    },
    {
      type: 'function_call_output',
      call_id: 'call_b',
      output: [{ type: 'input_image', image_url: `data:image/jpeg;base64,${JPEG}`, detail: 'original' }],
    },
  ],
};

describe('Responses → Messages and Chat', () => {
  it('→ Messages: each image inside its own tool_result, one user turn, no moved media and no note', () => {
    const { body, warnings } = messagesRequestFromResponses(CODEX, { upstreamModel: 'claude-sonnet-4-5' });
    const results = (body.messages.at(-1)!.content as unknown as Array<Record<string, unknown>>).map(
      ({ cache_control: _, ...block }) => block,
    );
    expect(results).toEqual([
      { type: 'tool_result', tool_use_id: 'call_a', content: [image('image/png', PNG)] },
      { type: 'tool_result', tool_use_id: 'call_b', content: [image('image/jpeg', JPEG)] },
    ]);
    expect(warnings.join()).not.toContain('tool results');
  });

  it('→ Chat: both tool messages, then the media of each after a note naming its call', () => {
    const { body, warnings } = chatRequestFromResponses(CODEX, { upstreamModel: 'grok-4' });
    expect(body.messages.slice(-3)).toEqual([
      {
        role: 'tool',
        tool_call_id: 'call_a',
        content: '[1 attachment(s) of this result follow in the next user message]',
      },
      {
        role: 'tool',
        tool_call_id: 'call_b',
        content: '[1 attachment(s) of this result follow in the next user message]',
      },
      {
        role: 'user',
        content: [
          { type: 'text', text: '[attachment(s) of the result of tool call call_a]' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}`, detail: 'high' } },
          { type: 'text', text: '[attachment(s) of the result of tool call call_b]' },
          // `original` (Codex's full-resolution view) is a Responses detail Chat does not list.
          { type: 'image_url', image_url: { url: `data:image/jpeg;base64,${JPEG}` } },
        ],
      },
    ]);
    expect(warnings).toEqual([
      'images and documents in tool results sent in a user message right after the tool messages, each opened by a note naming its call: a Chat tool message holds only text',
      'input_image detail "original" not sent: Chat takes low, high or auto',
    ]);
  });
});
