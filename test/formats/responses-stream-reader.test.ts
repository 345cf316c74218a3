/**
 * The neutral stream parts the Responses reader makes of an upstream Responses stream (issue 17:
 * Chat and Messages clients on GPT models through /v1/responses). Every stream is written by hand
 * from the documented event shapes, https://platform.openai.com/docs/api-reference/responses-streaming,
 * and the usage object, https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage
 * (`input_tokens` includes `input_tokens_details.cached_tokens`).
 */
import { describe, expect, it } from 'vitest';
import { ResponsesStreamReader } from '../../src/formats/openai-responses/stream-reader.js';
import type { StreamPart } from '../../src/formats/stream-parts.js';
import { sseEventsOf } from '../support/sse-events.js';

let sequence = 0;
/** One event as OpenAI sends it: an `event:` line, and the data with its type and sequence number. */
function frame(type: string, fields: object): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...fields, sequence_number: sequence++ })}\n\n`;
}

const created = () =>
  frame('response.created', {
    response: {
      id: 'resp_67c9',
      object: 'response',
      status: 'in_progress',
      model: 'gpt-5',
      output: [],
      usage: null,
    },
  });

const usage = {
  input_tokens: 1525,
  input_tokens_details: { cached_tokens: 1200 },
  output_tokens: 11,
  output_tokens_details: { reasoning_tokens: 3 },
  total_tokens: 1536,
};
/** The same usage as TokenUsage: the input without the cached tokens (input + cache read = prompt). */
const tokens = {
  inputTokens: 325,
  outputTokens: 11,
  cacheReadTokens: 1200,
  cacheWriteTokens: 0,
  cacheWrite1hTokens: 0,
  reasoningTokens: 3,
};

function ended(type: 'response.completed' | 'response.incomplete', extra: object = {}): string {
  const status = type === 'response.completed' ? 'completed' : 'incomplete';
  return frame(type, {
    response: { id: 'resp_67c9', object: 'response', status, incomplete_details: null, usage, ...extra },
  });
}

function messageItem(text: string[]): string {
  const where = { item_id: 'msg_1', output_index: 1, content_index: 0 };
  const item = { id: 'msg_1', type: 'message', status: 'in_progress', role: 'assistant', content: [] };
  return [
    frame('response.output_item.added', { output_index: 1, item }),
    frame('response.content_part.added', {
      ...where,
      part: { type: 'output_text', text: '', annotations: [] },
    }),
    ...text.map((delta) => frame('response.output_text.delta', { ...where, delta, logprobs: [] })),
    frame('response.output_text.done', { ...where, text: text.join(''), logprobs: [] }),
    frame('response.output_item.done', { output_index: 1, item: { ...item, status: 'completed' } }),
  ].join('');
}

function functionCall(
  outputIndex: number,
  callId: string,
  name: string,
  deltas: string[],
  whole: string,
): string {
  const item = {
    id: `fc_${outputIndex}`,
    type: 'function_call',
    status: 'in_progress',
    call_id: callId,
    name,
  };
  const where = { item_id: item.id, output_index: outputIndex };
  return [
    frame('response.output_item.added', { output_index: outputIndex, item: { ...item, arguments: '' } }),
    ...deltas.map((delta) => frame('response.function_call_arguments.delta', { ...where, delta })),
    frame('response.function_call_arguments.done', { ...where, name, arguments: whole }),
    frame('response.output_item.done', {
      output_index: outputIndex,
      item: { ...item, status: 'completed', arguments: whole },
    }),
  ].join('');
}

function read(sse: string): { parts: StreamPart[]; reader: ResponsesStreamReader } {
  const parts: StreamPart[] = [];
  const reader = new ResponsesStreamReader((part) => parts.push(part));
  for (const event of sseEventsOf(sse)) reader.onEvent(event);
  return { parts, reader };
}

describe('the Responses stream reader', () => {
  it('reads output text, the completed status as stop, the usage (cached tokens apart), the end', () => {
    const { parts, reader } = read(created() + messageItem(['Hel', 'lo!']) + ended('response.completed'));
    expect(parts).toEqual([
      { type: 'start', id: 'resp_67c9' },
      { type: 'text', text: 'Hel' },
      { type: 'text', text: 'lo!' },
      { type: 'finish', reason: 'stop', raw: 'completed' },
      { type: 'usage', usage: tokens },
      { type: 'end' },
    ]);
    expect(reader).toMatchObject({ complete: true, error: undefined, usage: tokens });
    expect(reader).toMatchObject({
      responseId: 'resp_67c9',
      model: 'gpt-5',
      lastSequenceNumber: sequence - 1,
    });
  });

  it('starts before the first content even without response.created (writers need the start)', () => {
    const { parts } = read(messageItem(['Hi']) + ended('response.completed'));
    expect(parts.slice(0, 2)).toEqual([
      { type: 'start', id: undefined },
      { type: 'text', text: 'Hi' },
    ]);
  });

  it('reads reasoning summaries as reasoning (parts apart as paragraphs) and skips encrypted content', () => {
    const where = (summary: number) => ({ item_id: 'rs_1', output_index: 0, summary_index: summary });
    const reasoning = { id: 'rs_1', type: 'reasoning', summary: [], encrypted_content: 'gAAAAABoSecret' };
    const sse = [
      created(),
      frame('response.output_item.added', { output_index: 0, item: reasoning }),
      frame('response.reasoning_summary_part.added', {
        ...where(0),
        part: { type: 'summary_text', text: '' },
      }),
      frame('response.reasoning_summary_text.delta', { ...where(0), delta: '**Plan**' }),
      frame('response.reasoning_summary_text.delta', { ...where(0), delta: ' first' }),
      frame('response.reasoning_summary_part.added', {
        ...where(1),
        part: { type: 'summary_text', text: '' },
      }),
      frame('response.reasoning_summary_text.delta', { ...where(1), delta: 'Then check.' }),
      frame('response.output_item.done', { output_index: 0, item: { ...reasoning, summary: [] } }),
      messageItem(['Done.']),
      ended('response.completed'),
    ].join('');
    const { parts } = read(sse);
    expect(parts.slice(0, 5)).toEqual([
      { type: 'start', id: 'resp_67c9' },
      { type: 'reasoning', text: '**Plan**' },
      { type: 'reasoning', text: ' first' },
      { type: 'reasoning', text: '\n\nThen check.' },
      { type: 'text', text: 'Done.' },
    ]);
    // The neutral opaque part carries Messages signatures only: the encrypted reasoning is not passed on.
    expect(JSON.stringify(parts)).not.toContain('gAAAAABoSecret');
  });

  it('reads function calls (call_id and name from output_item.added, arguments from the deltas) as tool-calls', () => {
    const sse = [
      created(),
      functionCall(0, 'call_Paris', 'get_weather', ['{"city":', '"Paris"}'], '{"city":"Paris"}'),
      functionCall(1, 'call_Rome', 'get_weather', ['{"city":"Rome"}'], '{"city":"Rome"}'),
      ended('response.completed'),
    ].join('');
    const { parts } = read(sse);
    expect(parts).toEqual([
      { type: 'start', id: 'resp_67c9' },
      { type: 'tool-call-start', index: 0, id: 'call_Paris', name: 'get_weather' },
      { type: 'tool-input', index: 0, json: '{"city":' },
      { type: 'tool-input', index: 0, json: '"Paris"}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'tool-call-start', index: 1, id: 'call_Rome', name: 'get_weather' },
      { type: 'tool-input', index: 1, json: '{"city":"Rome"}' },
      { type: 'tool-call-end', index: 1 },
      { type: 'finish', reason: 'tool-calls', raw: 'completed' },
      { type: 'usage', usage: tokens },
      { type: 'end' },
    ]);
  });

  it('sends arguments given only whole in output_item.done', () => {
    const sse = created() + functionCall(0, 'call_1', 'now', [], '{}') + ended('response.completed');
    expect(read(sse).parts.filter((part) => part.type === 'tool-input')).toEqual([
      { type: 'tool-input', index: 0, json: '{}' },
    ]);
  });

  it('carries a custom tool call’s free-text input as {"input": …}, escaped as it streams', () => {
    const item = {
      id: 'ctc_1',
      type: 'custom_tool_call',
      call_id: 'call_patch',
      name: 'apply_patch',
      input: '',
    };
    const where = { item_id: 'ctc_1', output_index: 0 };
    const sse = [
      created(),
      frame('response.output_item.added', { output_index: 0, item }),
      frame('response.custom_tool_call_input.delta', { ...where, delta: '*** Begin "Patch"\n' }),
      frame('response.custom_tool_call_input.delta', { ...where, delta: '*** End Patch' }),
      frame('response.custom_tool_call_input.done', { ...where, input: '*** Begin "Patch"\n*** End Patch' }),
      frame('response.output_item.done', { output_index: 0, item }),
      ended('response.completed'),
    ].join('');
    const { parts } = read(sse);
    expect(parts[1]).toEqual({ type: 'tool-call-start', index: 0, id: 'call_patch', name: 'apply_patch' });
    const json = parts.flatMap((part) => (part.type === 'tool-input' ? [part.json] : [])).join('');
    expect(JSON.parse(json)).toEqual({ input: '*** Begin "Patch"\n*** End Patch' });
    expect(parts).toContainEqual({ type: 'finish', reason: 'tool-calls', raw: 'completed' });
  });

  it.each([
    ['max_output_tokens', 'length'],
    ['content_filter', 'content-filter'],
    ['some_future_reason', 'other'],
  ])('reads response.incomplete (%s) as finish %s, a proper end', (reason, neutral) => {
    const sse =
      created() +
      messageItem(['Once upon']) +
      ended('response.incomplete', { incomplete_details: { reason } });
    const { parts, reader } = read(sse);
    expect(parts.slice(-3)).toEqual([
      { type: 'finish', reason: neutral, raw: reason },
      { type: 'usage', usage: tokens },
      { type: 'end' },
    ]);
    expect(reader.complete).toBe(true);
  });

  it('reads a refusal as text, and opens no block with blank text (bug 9)', () => {
    const where = { item_id: 'msg_1', output_index: 0, content_index: 0 };
    const sse = [
      created(),
      frame('response.output_text.delta', { ...where, delta: '\n' }),
      frame('response.refusal.delta', { ...where, delta: "I can't help with that." }),
      ended('response.completed'),
    ].join('');
    expect(read(sse).parts.filter((part) => part.type === 'text')).toEqual([
      { type: 'text', text: "I can't help with that." },
    ]);
  });

  it('reads response.failed as an error (the code passed on) and nothing after it; not complete', () => {
    const failed = frame('response.failed', {
      response: {
        id: 'resp_67c9',
        status: 'failed',
        error: { code: 'rate_limit_exceeded', message: 'Rate limit reached for gpt-5' },
        usage: null,
      },
    });
    const { parts, reader } = read(created() + messageItem(['Hi']) + failed + ended('response.completed'));
    expect(parts.slice(-1)).toEqual([
      {
        type: 'error',
        kind: 'rate_limit',
        message: 'Rate limit reached for gpt-5',
        code: 'rate_limit_exceeded',
      },
    ]);
    expect(parts.filter((part) => part.type === 'end' || part.type === 'finish')).toEqual([]);
    expect(reader.error).toBe('Rate limit reached for gpt-5');
  });

  it('reads an `error` event (as documented: code, message, param at the top) as an error', () => {
    const error = frame('error', { code: 'server_error', message: 'The server had an error', param: null });
    const { parts, reader } = read(created() + messageItem(['Hi']) + error);
    expect(parts.at(-1)).toEqual({
      type: 'error',
      kind: 'api_error',
      message: 'The server had an error',
      code: 'server_error',
    });
    expect(reader).toMatchObject({ complete: false, error: 'The server had an error' });
  });

  it('does not take a stream cut before response.completed for complete; finish() closes the open call', () => {
    const sse = created() + functionCall(0, 'call_1', 'now', ['{"tz":'], '{"tz":"UTC"}');
    const cut = sse.slice(0, sse.indexOf('event: response.function_call_arguments.done'));
    const { parts, reader } = read(cut);
    expect(reader.complete).toBe(false);
    expect(reader.usage).toBeUndefined();
    reader.finish();
    expect(parts.slice(-2)).toEqual([{ type: 'tool-call-end', index: 0 }, { type: 'end' }]);
  });

  it('without a sink is the tap: the same usage, id and end, with only the tapped events parsed', () => {
    const tap = new ResponsesStreamReader();
    const feed = (sse: string) => {
      for (const event of sseEventsOf(sse)) tap.onEvent(event);
    };
    // A delta that is not JSON passes unparsed: the tap does not need it.
    feed(`${created()}${messageItem(['Hi'])}event: response.output_text.delta\ndata: {not json\n\n`);
    expect(tap.complete).toBe(false);
    feed(ended('response.completed'));
    expect(tap).toMatchObject({ complete: true, usage: tokens, responseId: 'resp_67c9' });
    expect(tap.lastSequenceNumber).toBe(sequence - 1);
  });
});
