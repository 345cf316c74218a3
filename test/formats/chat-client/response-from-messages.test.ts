/** Messages answer → Chat completion, from the fake provider's recorded-shape answers. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { finishReasonFromMessages } from '../../../src/formats/anthropic-messages/map-stop-reason.js';
import type { MessagesResponse } from '../../../src/formats/anthropic-messages/wire.js';
import { chatFinishReason } from '../../../src/formats/openai-chat/map-finish-reason.js';
import { chatResponseFromMessages } from '../../../src/formats/openai-chat/response-from-messages.js';
import { chatUsageFromMessages } from '../../../src/formats/openai-chat/usage-from-messages.js';
import { FIXED_NOW, readJson, responseContext, sdkAnsweringWith } from './support.js';

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(FIXED_NOW);
});
afterAll(() => {
  vi.useRealTimers();
});

const CREATED = FIXED_NOW.getTime() / 1000;

function answer(overrides: Partial<MessagesResponse>): MessagesResponse {
  return { ...readJson<MessagesResponse>('fake-provider/messages-text.json'), ...overrides };
}

describe('Messages response → Chat completion', () => {
  it('text: the whole completion', () => {
    const body = readJson<MessagesResponse>('fake-provider/messages-text.json');
    expect(chatResponseFromMessages(body, responseContext())).toEqual({
      id: 'chatcmpl-<msg_1>',
      object: 'chat.completion',
      created: CREATED,
      model: 'gpt-4o',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello from anthropic! You said: Say hi', refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 13,
        completion_tokens: 7,
        total_tokens: 20,
        prompt_tokens_details: { cached_tokens: 0 },
      },
    });
  });

  it('tool use: tool_calls with JSON arguments, content null, finish_reason tool_calls', () => {
    const body = readJson<MessagesResponse>('fake-provider/messages-tool-use.json');
    const choice = chatResponseFromMessages(body, responseContext()).choices[0];
    expect(choice?.message).toEqual({
      role: 'assistant',
      content: null,
      refusal: null,
      tool_calls: [
        {
          id: '<toolu_1>',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
        },
      ],
    });
    expect(choice?.finish_reason).toBe('tool_calls');
  });

  it('text blocks are joined and kept next to the tool calls; tool names go back through the map', () => {
    const body = answer({
      content: [
        { type: 'text', text: 'Checking ' },
        { type: 'text', text: 'now.' },
        { type: 'tool_use', id: 'toolu_1', name: 'mcp__files__read', input: {} },
      ],
      stop_reason: 'tool_use',
    });
    const context = responseContext({ toolNames: new Map([['mcp__files__read', 'files.read']]) });
    const message = chatResponseFromMessages(body, context).choices[0]?.message;
    expect(message?.content).toBe('Checking now.');
    expect(message?.tool_calls).toEqual([
      { id: 'toolu_1', type: 'function', function: { name: 'files.read', arguments: '{}' } },
    ]);
  });

  it('thinking becomes reasoning_content; the signature goes nowhere', () => {
    const body = readJson<MessagesResponse>('fake-provider/messages-thinking.json');
    const message = chatResponseFromMessages(body, responseContext()).choices[0]?.message;
    expect(message?.reasoning_content).toBe('Let me think about what the user asked.');
    expect(message?.content).toBe('Hello from anthropic! You said: [thinking] Why is the sky blue?');
    expect(JSON.stringify(message)).not.toContain('<sig>');
  });

  it('the forced JSON tool answers as content with finish_reason stop', () => {
    const body = answer({
      content: [
        { type: 'tool_use', id: 'toolu_1', name: 'weather_report', input: { city: 'Paris', celsius: 21 } },
      ],
      stop_reason: 'tool_use',
    });
    const choice = chatResponseFromMessages(body, responseContext({ jsonTool: 'weather_report' })).choices[0];
    expect(choice?.message).toEqual({
      role: 'assistant',
      content: '{"city":"Paris","celsius":21}',
      refusal: null,
    });
    expect(choice?.finish_reason).toBe('stop');
  });

  it('an empty answer still has string content', () => {
    const body = answer({ content: [], stop_reason: 'max_tokens' });
    const choice = chatResponseFromMessages(body, responseContext()).choices[0];
    expect(choice?.message.content).toBe('');
    expect(choice?.finish_reason).toBe('length');
  });

  it('the openai SDK parses it', async () => {
    const completion = chatResponseFromMessages(
      readJson<MessagesResponse>('fake-provider/messages-tool-use.json'),
      responseContext(),
    );
    const client = sdkAnsweringWith(JSON.stringify(completion), 'application/json');
    const parsed = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(parsed).toEqual(completion);
  });
});

describe('stop_reason → finish_reason (TRANSLATION.md table)', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['pause_turn', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    ['a_reason_from_the_future', 'stop'],
    [null, 'stop'],
  ] as const)('%s → %s', (stopReason, finishReason) => {
    expect(chatFinishReason(finishReasonFromMessages(stopReason))).toBe(finishReason);
  });
});

describe('usage', () => {
  it('prompt_tokens = input + cache writes + cache reads; cached_tokens = cache reads', () => {
    expect(
      chatUsageFromMessages({
        input_tokens: 25,
        cache_creation_input_tokens: 300,
        cache_read_input_tokens: 1200,
        output_tokens: 40,
      }),
    ).toEqual({
      prompt_tokens: 1525,
      completion_tokens: 40,
      total_tokens: 1565,
      prompt_tokens_details: { cached_tokens: 1200 },
    });
  });

  it('missing or null cache fields count as zero', () => {
    expect(
      chatUsageFromMessages({ input_tokens: 5, output_tokens: 2, cache_read_input_tokens: null }),
    ).toEqual({
      prompt_tokens: 5,
      completion_tokens: 2,
      total_tokens: 7,
      prompt_tokens_details: { cached_tokens: 0 },
    });
    expect(chatUsageFromMessages(undefined).total_tokens).toBe(0);
  });
});
