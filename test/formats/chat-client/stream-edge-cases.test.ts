/** How the Chat stream translator copes with Messages streams that stray from the recorded shapes. */
import { describe, expect, it } from 'vitest';
import { TranslatedStream } from '../../../src/formats/stream-translation.js';
import {
  chatChunksOf,
  messagesSse,
  responseContext,
  sdkFinalCompletion,
  translateStream,
} from './support.js';

const START = {
  type: 'message_start',
  message: { id: 'msg_1', content: [], usage: { input_tokens: 10, output_tokens: 1 } },
};
const DELTA = {
  type: 'message_delta',
  delta: { stop_reason: 'end_turn', stop_sequence: null },
  usage: { output_tokens: 5 },
};
const STOP = { type: 'message_stop' };

function textBlock(index: number, text: string) {
  return [
    { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index, delta: { type: 'text_delta', text } },
    { type: 'content_block_stop', index },
  ];
}

describe('Messages stream edge cases', () => {
  it('a tool_use whose input comes whole in content_block_start (no deltas) still reaches the client', async () => {
    const stream = translateStream(
      messagesSse(
        START,
        {
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'tool_use', id: 'toolu_1', name: 'now', input: { tz: 'UTC' } },
        },
        { type: 'content_block_stop', index: 0 },
        { ...DELTA, delta: { stop_reason: 'tool_use', stop_sequence: null } },
        STOP,
      ),
      responseContext(),
    );
    const completion = await sdkFinalCompletion(stream);
    expect(completion.choices[0]?.message.tool_calls).toEqual([
      { id: 'toolu_1', type: 'function', function: { name: 'now', arguments: '{"tz":"UTC"}' } },
    ]);
  });

  it('nothing follows an error: later events and finish() add nothing', () => {
    const translator = new TranslatedStream('messages', 'chat', responseContext());
    const error = {
      event: 'error',
      data: '{"type":"error","error":{"type":"rate_limit_error","message":"Slow down"}}',
      id: undefined,
    };
    expect(translator.push(error)).toBe(
      'data: {"error":{"message":"Slow down","type":"rate_limit_error","param":null,"code":null}}\n\ndata: [DONE]\n\n',
    );
    expect(translator.push({ event: 'message_stop', data: '{"type":"message_stop"}', id: undefined })).toBe(
      '',
    );
    expect(translator.finish()).toBe('');
  });

  it('an error of an unknown type is a server_error', () => {
    const stream = translateStream(
      messagesSse(START, { type: 'error', error: { type: 'brand_new_error', message: 'Oops' } }),
      responseContext(),
    );
    expect(chatChunksOf(stream).at(-1)).toEqual({
      error: { message: 'Oops', type: 'server_error', param: null, code: null },
    });
    expect(stream.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('finish() after message_stop adds nothing; [DONE] is written once', () => {
    const stream = translateStream(messagesSse(START, ...textBlock(0, 'Hi'), DELTA, STOP), responseContext());
    expect(stream.match(/\[DONE\]/g)).toHaveLength(1);
  });

  it('an upstream that sent nothing still gives the client a complete, readable stream', async () => {
    const stream = translateStream('', responseContext());
    const completion = await sdkFinalCompletion(stream);
    expect(completion.choices[0]).toMatchObject({ finish_reason: 'stop', message: { role: 'assistant' } });
    expect(completion.usage?.total_tokens).toBe(0);
    expect(completion.id).toMatch(/^chatcmpl-/);
  });

  it('input reported only in message_delta (late) is not lost', () => {
    const lateInput = {
      ...DELTA,
      usage: { input_tokens: 30, cache_read_input_tokens: 70, output_tokens: 5 },
    };
    const stream = translateStream(
      messagesSse(
        { ...START, message: { id: 'msg_1', usage: { input_tokens: 0, output_tokens: 0 } } },
        lateInput,
        STOP,
      ),
      responseContext(),
    );
    expect(chatChunksOf(stream).at(-1)?.usage).toEqual({
      prompt_tokens: 100,
      completion_tokens: 5,
      total_tokens: 105,
      prompt_tokens_details: { cached_tokens: 70 },
    });
  });

  it('ping, unknown events, citations and signatures produce nothing', () => {
    const translator = new TranslatedStream('messages', 'chat', responseContext());
    translator.push({ event: 'message_start', data: JSON.stringify(START), id: undefined });
    for (const data of [
      '{"type":"ping"}',
      '{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"abc"}}',
      '{"type":"content_block_delta","index":0,"delta":{"type":"citations_delta","citation":{}}}',
      '{"type":"content_block_start","index":1,"content_block":{"type":"redacted_thinking","data":"x"}}',
      '{"type":"something_new"}',
      'not json at all',
      '[1,2,3]',
    ])
      expect(translator.push({ event: undefined, data, id: undefined })).toBe('');
  });
});
