/** The small mappings: stop reasons, usage, tool names. */
import { describe, expect, it } from 'vitest';
import { stopReasonOf } from '../../../src/formats/anthropic-messages/map-stop-reason.js';
import { messagesUsageFromChat } from '../../../src/formats/anthropic-messages/usage-from-chat.js';
import { finishReasonFromChat } from '../../../src/formats/openai-chat/map-finish-reason.js';
import {
  chatToolName,
  clientToolName,
  shortenToolName,
} from '../../../src/formats/openai-chat/tool-names.js';

/** A Chat finish_reason read as the Chat reader reads it, written as the Messages writer writes it. */
function mapStopReason(finishReason: unknown, calledTools = false) {
  const raw = typeof finishReason === 'string' ? finishReason : undefined;
  return stopReasonOf(finishReasonFromChat(finishReason), raw, calledTools);
}

describe('Chat finish_reason → Messages stop_reason', () => {
  it.each([
    ['stop', 'end_turn'],
    ['length', 'max_tokens'],
    ['tool_calls', 'tool_use'],
    ['function_call', 'tool_use'],
    ['content_filter', 'refusal'],
    [null, 'end_turn'],
    [undefined, 'end_turn'],
    ['', 'end_turn'],
  ])('%s → %s', (finishReason, stopReason) => {
    expect(mapStopReason(finishReason)).toBe(stopReason);
  });

  it('keeps an unknown value as it came (the raw value is preserved)', () => {
    expect(mapStopReason('eos')).toBe('eos');
    expect(mapStopReason(42)).toBe('end_turn');
  });

  it('an end of turn that called tools is tool_use; a truncated one stays max_tokens', () => {
    expect(mapStopReason('stop', true)).toBe('tool_use');
    expect(mapStopReason(null, true)).toBe('tool_use');
    expect(mapStopReason('length', true)).toBe('max_tokens');
  });
});

describe('messagesUsageFromChat', () => {
  it('input excludes cache reads (prompt_tokens includes them)', () => {
    expect(
      messagesUsageFromChat({
        prompt_tokens: 1525,
        completion_tokens: 9,
        total_tokens: 1534,
        prompt_tokens_details: { cached_tokens: 1200 },
      }),
    ).toEqual({
      input_tokens: 325,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 1200,
      output_tokens: 9,
    });
  });

  it("and OpenRouter's cache writes, so the parts add up to prompt_tokens", () => {
    expect(
      messagesUsageFromChat({
        prompt_tokens: 1525,
        completion_tokens: 9,
        total_tokens: 1534,
        prompt_tokens_details: { cached_tokens: 1200, cache_write_tokens: 300 },
      }),
    ).toEqual({
      input_tokens: 25,
      cache_creation_input_tokens: 300,
      cache_read_input_tokens: 1200,
      output_tokens: 9,
    });
  });

  it("reads DeepSeek's prompt_cache_hit_tokens; unknown usage is all zeros, cache fields included", () => {
    expect(
      messagesUsageFromChat({
        prompt_tokens: 100,
        completion_tokens: 5,
        total_tokens: 105,
        prompt_cache_hit_tokens: 60,
      }),
    ).toEqual({
      input_tokens: 40,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 60,
      output_tokens: 5,
    });
    expect(messagesUsageFromChat(null)).toEqual({
      input_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: 0,
    });
  });

  it('never reports negative input when a provider counts more cached tokens than prompt tokens', () => {
    expect(
      messagesUsageFromChat({
        prompt_tokens: 50,
        completion_tokens: 2,
        total_tokens: 52,
        prompt_tokens_details: { cached_tokens: 80 },
      }),
    ).toEqual({
      input_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 80,
      output_tokens: 2,
    });
  });
});

describe('tool names', () => {
  const long = `mcp__${'x'.repeat(70)}__tool`;

  it('keeps names of up to 64 characters', () => {
    expect(chatToolName('get_weather')).toBe('get_weather');
    expect(chatToolName('a'.repeat(64))).toBe('a'.repeat(64));
  });

  it('shortens longer names to 64 characters, deterministically, distinct for distinct names', () => {
    const short = chatToolName(long);
    expect(short).toHaveLength(64);
    expect(short).toMatch(/^mcp__x+_[0-9a-f]{8}$/);
    expect(chatToolName(long)).toBe(short);
    expect(chatToolName(`${long}2`)).not.toBe(short);
    expect(chatToolName(`${long}2`).slice(0, 55)).toBe(short.slice(0, 55));
  });

  it('round trips through the map', () => {
    const renamed = new Map<string, string>();
    const upstream = shortenToolName(long, renamed);
    expect(shortenToolName('short', renamed)).toBe('short');
    expect(Object.fromEntries(renamed)).toEqual({ [upstream]: long });
    expect(clientToolName(upstream, renamed)).toBe(long);
    expect(clientToolName('short', renamed)).toBe('short');
  });
});
