/**
 * The Responses side the gateway wires: the stream tap on native OpenAI Responses streams, usage to
 * TokenUsage, the error body and the in-stream error frames (read by the openai SDK).
 */
import { describe, expect, it } from 'vitest';
import {
  openaiResponses,
  ResponsesStreamTap,
  responsesErrorBody,
  responsesStreamErrorFrames,
  responsesUsageToTokens,
} from '../../../src/formats/openai-responses/index.js';
import { SseParser } from '../../../src/formats/sse.js';
import { TranslatedStream } from '../../../src/formats/stream-translation.js';
import { streamProblems } from './stream-invariants.js';
import { readFixture, readJsonFixture, responseContext, sdkEvents, sdkFinalResponse } from './support.js';

function tap(sse: string): ResponsesStreamTap {
  const streamTap = new ResponsesStreamTap();
  const parser = new SseParser((event) => streamTap.onEvent(event));
  parser.push(sse);
  parser.end();
  return streamTap;
}

describe('ResponsesStreamTap on OpenAI Responses streams', () => {
  it('reads usage off response.completed (input without the cached tokens) and sees the end', () => {
    const streamTap = tap(readFixture('fake-provider/responses-reasoning.stream.txt'));
    expect(streamTap.usage).toEqual({
      inputTokens: 53,
      outputTokens: 15,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: 4,
    });
    expect(streamTap.complete).toBe(true);
    expect(streamTap.error).toBeUndefined();
    expect(streamTap.responseId).toBe('<resp_1>');
    expect(streamTap.lastSequenceNumber).toBe(27);
  });

  it('counts a function-call stream complete', () => {
    const streamTap = tap(readFixture('fake-provider/responses-function-call.stream.txt'));
    expect(streamTap.usage).toMatchObject({ inputTokens: 51, outputTokens: 4 });
    expect(streamTap.complete).toBe(true);
  });

  it('takes response.incomplete as a proper end too (a truncated answer is not a broken stream)', () => {
    const sse = `event: response.incomplete\ndata: ${JSON.stringify({
      type: 'response.incomplete',
      response: {
        status: 'incomplete',
        usage: { input_tokens: 10, output_tokens: 5, input_tokens_details: { cached_tokens: 4 } },
      },
      sequence_number: 9,
    })}\n\n`;
    const streamTap = tap(sse);
    expect(streamTap.complete).toBe(true);
    expect(streamTap.usage).toMatchObject({ inputTokens: 6, cacheReadTokens: 4, outputTokens: 5 });
  });

  it('reads the error of an `error` event (flat, as OpenAI documents it, or nested) and of response.failed', () => {
    expect(
      tap(
        'event: error\ndata: {"type":"error","code":"server_error","message":"boom","param":null,"sequence_number":3}\n\n',
      ).error,
    ).toBe('boom');
    expect(
      tap('event: error\ndata: {"type":"error","error":{"type":"server_error","message":"nested boom"}}\n\n')
        .error,
    ).toBe('nested boom');
    const failed = tap(
      'event: response.failed\ndata: {"type":"response.failed","response":{"status":"failed","error":{"code":"server_error","message":"failed"},"usage":null}}\n\n',
    );
    expect(failed.error).toBe('failed');
    expect(failed.complete).toBe(false);
  });

  it('types frames without an `event:` line by their data', () => {
    const sse = readFixture('fake-provider/responses-text.stream.txt').replace(/^event: .*\n/gm, '');
    expect(tap(sse)).toMatchObject({ complete: true, usage: { inputTokens: 5, outputTokens: 7 } });
  });

  it('does not see an end in a stream cut short', () => {
    const sse = readFixture('fake-provider/responses-text.stream.txt');
    expect(tap(sse.slice(0, sse.indexOf('event: response.completed'))).complete).toBe(false);
  });
});

describe('responsesUsageToTokens', () => {
  it('subtracts the cached tokens from the input (SPEC §8: input + cache read + cache write is the prompt)', () => {
    expect(
      responsesUsageToTokens({
        input_tokens: 1525,
        input_tokens_details: { cached_tokens: 1200 },
        output_tokens: 11,
        output_tokens_details: { reasoning_tokens: 3 },
        total_tokens: 1536,
      }),
    ).toEqual({
      inputTokens: 325,
      outputTokens: 11,
      cacheReadTokens: 1200,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: 3,
    });
  });

  it('copes with missing details and junk', () => {
    expect(responsesUsageToTokens({ input_tokens: 7, output_tokens: 2 })).toEqual({
      inputTokens: 7,
      outputTokens: 2,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
    });
    expect(responsesUsageToTokens(null)).toBeUndefined();
    expect(openaiResponses.usageFromBody(readJsonFixture('fake-provider/responses-text.json'))).toMatchObject(
      {
        inputTokens: 5,
        outputTokens: 7,
      },
    );
  });
});

describe('errors', () => {
  it("answers errors in OpenAI's shape, as Chat does", () => {
    expect(responsesErrorBody({ kind: 'rate_limit', message: 'slow down' })).toEqual({
      error: { message: 'slow down', type: 'rate_limit_error', param: null, code: null },
    });
  });

  it('closes a started stream with response.failed and an error event, on which the openai SDK throws', async () => {
    const partial = readFixture('fake-provider/responses-text.stream.txt');
    const cut = partial.slice(0, partial.indexOf('event: response.output_text.done'));
    const frames = responsesStreamErrorFrames(
      { kind: 'bad_gateway', message: 'upstream stream ended early' },
      { responseId: '<resp_1>', model: 'gpt-5', lastSequenceNumber: 10 },
    );
    expect(frames).toContain('"sequence_number":11');
    expect(frames).toContain('"error":{"code":"server_error","message":"upstream stream ended early"}');
    await expect(sdkFinalResponse(cut + frames)).rejects.toThrow('upstream stream ended early');
    await expect(sdkEvents(cut + frames)).rejects.toThrow('upstream stream ended early');
    expect(openaiResponses.streamErrorFrames({ kind: 'rate_limit', message: 'later' })).toContain(
      '"code":"rate_limit_exceeded"',
    );
  });

  it('lets a translator end its own stream with the same frames, numbered on', async () => {
    const translator = new TranslatedStream('chat', 'responses', responseContext());
    let out = '';
    const upstream = readFixture('translation/messages-client/streams/chat-truncated.stream.txt');
    new SseParser((event) => {
      out += translator.push(event);
    }).push(upstream);
    out += translator.fail?.({ kind: 'bad_gateway', message: 'upstream stream ended early' }) ?? '';
    expect(streamProblems(out)).toEqual([]);
    expect(translator.finish()).toBe('');
    await expect(sdkFinalResponse(out)).rejects.toThrow('upstream stream ended early');
  });
});
