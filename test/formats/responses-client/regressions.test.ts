/**
 * The bugs TRANSLATION.md lists, as they would show on the Responses side (one test each, named
 * after the bug); the fixture-based suites cover the same ground more broadly.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { messagesRequestFromResponses } from '../../../src/formats/anthropic-messages/request-from-responses.js';
import { chatRequestFromResponses } from '../../../src/formats/openai-chat/request-from-responses.js';
import {
  FIXED_NOW,
  readFixture,
  responseContext,
  sdkFinalResponse,
  toolCallsOf,
  translateStream,
} from './support.js';

vi.useFakeTimers({ toFake: ['Date'] });
vi.setSystemTime(FIXED_NOW);
afterAll(() => {
  vi.useRealTimers();
});

const chunk = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const usageChunk = (usage: object) =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [], usage })}\n\n`;

describe('regressions', () => {
  it('bug 1: tool arguments reach the client whole (Codex would run the tool with nothing)', async () => {
    const sse = translateStream(
      'chat',
      [readFixture('fake-provider/chat-tool-call.stream.txt')],
      responseContext(),
    );
    const response = await sdkFinalResponse(sse);
    expect(toolCallsOf(response)[0]).toMatchObject({ arguments: '{"city":"Paris","unit":"celsius"}' });
  });

  it('bug 2: arguments in the first tool-call fragment are kept', async () => {
    const sse = translateStream(
      'chat',
      [
        chunk({
          role: 'assistant',
          tool_calls: [
            { index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } },
          ],
        }),
        chunk({}, 'tool_calls'),
        'data: [DONE]\n\n',
      ],
      responseContext(),
    );
    expect(toolCallsOf(await sdkFinalResponse(sse))).toEqual([
      { type: 'function_call', call_id: 'call_1', name: 'f', arguments: '{"a":1}' },
    ]);
  });

  it('bug 3: parallel tool calls stay two items, with their own output_index', async () => {
    const sse = translateStream(
      'chat',
      [readFixture('fake-provider/chat-parallel-tools.stream.txt')],
      responseContext(),
    );
    const response = await sdkFinalResponse(sse);
    expect(toolCallsOf(response).map((call) => call.name)).toEqual(['get_weather', 'get_time']);
    expect(sse).toContain('"output_index":1');
  });

  it('bug 4: reasoning never lands in the message item, and there is one response.created', async () => {
    const sse = translateStream(
      'chat',
      [
        chunk({ reasoning_content: 'think' }),
        chunk({ content: 'answer' }),
        chunk({ reasoning_content: ' more' }),
        chunk({}, 'stop'),
        'data: [DONE]\n\n',
      ],
      responseContext(),
    );
    const response = await sdkFinalResponse(sse);
    expect(response.output.map((item) => item.type)).toEqual(['reasoning', 'message', 'reasoning']);
    expect(response.output_text).toBe('answer');
    expect(sse.match(/event: response\.created/g)).toHaveLength(1);
  });

  it('bug 5: a streamed Chat request asks for the usage chunk', () => {
    const { body } = chatRequestFromResponses(
      { model: 'm', input: 'Hi', stream: true },
      { upstreamModel: 'grok-4' },
    );
    expect(body.stream_options).toEqual({ include_usage: true });
  });

  it('bug 6: cache reads are in input_tokens and cached_tokens once, not zeroed, not twice', async () => {
    const sse = translateStream(
      'messages',
      [readFixture('fake-provider/messages-cache.stream.txt')],
      responseContext(),
    );
    expect((await sdkFinalResponse(sse)).usage).toMatchObject({
      input_tokens: 25 + 300 + 1200,
      input_tokens_details: { cached_tokens: 1200 },
    });
  });

  it('bug 8: reasoning items are never replayed as thinking (no invented signature)', () => {
    const { body, warnings } = messagesRequestFromResponses(
      {
        model: 'm',
        input: [
          { role: 'user', content: 'Hi' },
          {
            type: 'reasoning',
            summary: [{ type: 'summary_text', text: 'thought' }],
            encrypted_content: 'gAAAA',
          },
          { role: 'assistant', content: [{ type: 'output_text', text: 'Hello' }] },
          { role: 'user', content: 'Again' },
        ],
      },
      { upstreamModel: 'claude-sonnet-4-5' },
    );
    expect(JSON.stringify(body)).not.toContain('thinking');
    expect(warnings).toContain(
      'reasoning items dropped from the history: a Messages provider cannot take them back',
    );
  });

  it('bug 9: blank text opens no message item; a blank assistant prefill is not sent to Messages', async () => {
    const sse = translateStream(
      'chat',
      [
        chunk({ content: '\n\n' }),
        chunk({ tool_calls: [{ index: 0, id: 'c', function: { name: 'f', arguments: '{}' } }] }),
        chunk({}, 'tool_calls'),
        'data: [DONE]\n\n',
      ],
      responseContext(),
    );
    expect((await sdkFinalResponse(sse)).output.map((item) => item.type)).toEqual(['function_call']);
    const { body } = messagesRequestFromResponses(
      {
        model: 'm',
        input: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Sure:  ' },
        ],
      },
      { upstreamModel: 'claude-sonnet-4-5' },
    );
    // Trimmed, and (as the last block of the request) marked as a cache breakpoint, cache-breakpoints.ts.
    // https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
    expect(body.messages.at(-1)).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'Sure:', cache_control: { type: 'ephemeral' } }],
    });
  });

  it('bug 10: JSON split across reads is reassembled; huge max_output_tokens is clamped', () => {
    const whole = usageChunk({ prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 });
    const pieces = [chunk({ content: 'Hé✓' }), chunk({}, 'stop'), whole, 'data: [DONE]\n\n'].join('');
    const at = pieces.indexOf('✓') + 1;
    expect(translateStream('chat', [pieces.slice(0, at), pieces.slice(at)], responseContext())).toBe(
      translateStream('chat', [pieces], responseContext()),
    );
    const { body } = chatRequestFromResponses(
      { model: 'm', input: 'Hi', max_output_tokens: 128000 },
      { upstreamModel: 'grok-4', maxOutput: 16384 },
    );
    expect(body.max_tokens).toBe(16384);
  });
});
