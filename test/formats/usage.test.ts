import { describe, expect, it } from 'vitest';
import type { Offer } from '../../src/config/catalog.js';
import { MessagesStreamReader } from '../../src/formats/anthropic-messages/stream-reader.js';
import { mergeMessagesUsage, messagesUsageToTokens } from '../../src/formats/anthropic-messages/usage.js';
import { ChatStreamReader, isUsageOnlyChunk } from '../../src/formats/openai-chat/stream-reader.js';
import { chatUsageToTokens, mergeChatUsage } from '../../src/formats/openai-chat/usage.js';
import { ResponsesStreamTap } from '../../src/formats/openai-responses/stream-tap.js';
import { mergeResponsesUsage } from '../../src/formats/openai-responses/usage.js';
import { costOf } from '../../src/router/cost.js';

describe('usage in one shape for both wire formats (input excludes cache)', () => {
  it('Chat: prompt_tokens includes cached tokens, so they are subtracted', () => {
    expect(
      chatUsageToTokens({
        prompt_tokens: 1525,
        completion_tokens: 40,
        total_tokens: 1565,
        prompt_tokens_details: { cached_tokens: 1200 },
        completion_tokens_details: { reasoning_tokens: 12 },
      }),
    ).toEqual({
      inputTokens: 325,
      outputTokens: 40,
      cacheReadTokens: 1200,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: 12,
    });
    expect(chatUsageToTokens(null)).toBeUndefined();
  });

  it('Messages: input_tokens already excludes cache; the 1-hour write share is kept', () => {
    expect(
      messagesUsageToTokens({
        input_tokens: 25,
        cache_read_input_tokens: 1200,
        cache_creation_input_tokens: 300,
        cache_creation: { ephemeral_5m_input_tokens: 200, ephemeral_1h_input_tokens: 100 },
        output_tokens: 40,
      }),
    ).toEqual({
      inputTokens: 25,
      outputTokens: 40,
      cacheReadTokens: 1200,
      cacheWriteTokens: 300,
      cacheWrite1hTokens: 100,
    });
  });
});

describe('usage mergers: per field, the larger count wins (counts are cumulative)', () => {
  it('Messages: a later zero or absent field never erases an earlier count, nested cache_creation too', () => {
    const start = {
      input_tokens: 25,
      cache_read_input_tokens: 1200,
      cache_creation_input_tokens: 300,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 300 },
      output_tokens: 1,
      service_tier: 'standard',
    };
    const delta = {
      input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_1h_input_tokens: 0 },
      output_tokens: 9,
    };
    expect(mergeMessagesUsage(mergeMessagesUsage(undefined, start), delta)).toEqual({
      ...start,
      output_tokens: 9,
    });
    expect(mergeMessagesUsage(undefined, null)).toBeUndefined();
  });

  it('Chat: several usage chunks merge field by field; fractions such as OpenRouter cost are kept', () => {
    const first = {
      prompt_tokens: 1225,
      completion_tokens: 5,
      total_tokens: 1230,
      cost: 0.0039,
      prompt_tokens_details: { cached_tokens: 1200 },
    };
    const last = { prompt_tokens: 1225, completion_tokens: 9, total_tokens: 1234 };
    expect(mergeChatUsage(mergeChatUsage(undefined, first), last)).toEqual({ ...first, ...last });
  });

  it('Responses: the tap reads the final event through the same rule', () => {
    const usage = {
      input_tokens: 1225,
      input_tokens_details: { cached_tokens: 1200 },
      output_tokens: 9,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 1234,
    };
    expect(mergeResponsesUsage(usage, { input_tokens: 0, output_tokens: 9 })).toEqual(usage);
    const tap = new ResponsesStreamTap();
    tap.onEvent({
      event: 'response.completed',
      data: JSON.stringify({ response: { usage } }),
      id: undefined,
    });
    expect(tap.usage).toMatchObject({ inputTokens: 25, cacheReadTokens: 1200, outputTokens: 9 });
    expect(tap.complete).toBe(true);
  });
});

describe('stream taps', () => {
  it('Messages: message_start usage merged with the cumulative message_delta usage', () => {
    const tap = new MessagesStreamReader();
    tap.onEvent({
      event: 'message_start',
      data: '{"type":"message_start","message":{"usage":{"input_tokens":25,"cache_read_input_tokens":1200,"cache_creation_input_tokens":300,"output_tokens":1}}}',
      id: undefined,
    });
    tap.onEvent({ event: 'message_delta', data: '{"usage":{"output_tokens":7}}', id: undefined });
    tap.onEvent({ event: 'message_delta', data: '{"usage":{"output_tokens":40}}', id: undefined });
    expect(tap.complete).toBe(false);
    tap.onEvent({ event: 'message_stop', data: '{"type":"message_stop"}', id: undefined });
    expect(tap.usage).toMatchObject({
      inputTokens: 25,
      outputTokens: 40,
      cacheReadTokens: 1200,
      cacheWriteTokens: 300,
    });
    expect(tap.complete).toBe(true);
  });

  it('Messages: an error event is noticed', () => {
    const tap = new MessagesStreamReader();
    tap.onEvent({
      event: 'error',
      data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
      id: undefined,
    });
    expect(tap.error).toBe('Overloaded');
  });

  it('Chat: usage from the usage chunk; [DONE] completes; error chunks are noticed', () => {
    const tap = new ChatStreamReader();
    tap.onEvent({
      event: undefined,
      data: '{"choices":[{"delta":{"content":"hi"}}],"usage":null}',
      id: undefined,
    });
    expect(tap.usage).toBeUndefined();
    tap.onEvent({
      event: undefined,
      data: '{"choices":[],"usage":{"prompt_tokens":10,"completion_tokens":3}}',
      id: undefined,
    });
    tap.onEvent({ event: undefined, data: '[DONE]', id: undefined });
    expect(tap.usage).toMatchObject({ inputTokens: 10, outputTokens: 3 });
    expect(tap.complete).toBe(true);
    const failing = new ChatStreamReader();
    failing.onEvent({
      event: undefined,
      data: '{"error":{"message":"boom","type":"server_error"}}',
      id: undefined,
    });
    expect(failing.error).toBe('boom');
  });

  it('recognises only the usage-only chunk', () => {
    expect(isUsageOnlyChunk('data: {"id":"x","choices":[],"usage":{"prompt_tokens":1}}\n\n')).toBe(true);
    expect(isUsageOnlyChunk('data: {"choices":[{"delta":{}}],"usage":{"prompt_tokens":1}}\n\n')).toBe(false);
    expect(isUsageOnlyChunk('data: {"choices":[],"usage":null}\n\n')).toBe(false);
  });
});

describe('costOf', () => {
  const offer: Offer = {
    provider: 'anthropic',
    id: 'claude-sonnet-4-20250514',
    input: 3,
    output: 15,
    cacheRead: 0.3,
    cacheWrite: 3.75,
    cacheWrite1h: 6,
    formats: ['messages'],
  };

  it('bills cache reads and writes at their own prices, 1-hour writes higher', () => {
    const usage = {
      inputTokens: 1000,
      outputTokens: 100,
      cacheReadTokens: 10_000,
      cacheWriteTokens: 2000,
      cacheWrite1hTokens: 500,
    };
    const expected = (1000 * 3 + 100 * 15 + 10_000 * 0.3 + 1500 * 3.75 + 500 * 6) / 1_000_000;
    expect(costOf(usage, offer)).toBeCloseTo(expected, 12);
  });

  it('is unknown (null), never zero, when a needed price is missing', () => {
    const usage = {
      inputTokens: 10,
      outputTokens: 1,
      cacheReadTokens: 5,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
    };
    expect(costOf(usage, { ...offer, cacheRead: null })).toBeNull();
    expect(costOf(usage, undefined)).toBeNull();
    expect(costOf({ ...usage, cacheReadTokens: 0 }, { ...offer, cacheRead: null })).toBeCloseTo(
      45 / 1_000_000,
      12,
    );
  });
});
