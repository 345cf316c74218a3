/**
 * Where Claude's carried thinking goes back (thinking-from-responses.ts): each block before the tool
 * call or answer text that followed its reasoning item, so interleaved thinking keeps its order
 * (Anthropic wants thinking blocks back unmodified and in place).
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#interleaved-thinking
 */
import { describe, expect, it } from 'vitest';
import { messagesRequestFromResponses } from '../../src/formats/anthropic-messages/request-from-responses.js';
import { encryptedContentOf } from '../../src/formats/openai-responses/carried-reasoning.js';
import type { ResponsesRequest } from '../../src/formats/openai-responses/wire.js';

const ORIGIN = { provider: 'anthropic', model: 'claude-sonnet-4-5' };
const thought = (thinking: string, model = ORIGIN.model) => ({
  type: 'reasoning',
  id: `rs_${thinking.length}`,
  summary: [{ type: 'summary_text', text: thinking }],
  encrypted_content: encryptedContentOf({
    provider: ORIGIN.provider,
    model,
    block: { type: 'thinking', thinking, signature: `sig-${thinking}` },
  }),
});
const call = (id: string) => ({ type: 'function_call', call_id: id, name: 'exec_command', arguments: '{}' });
const result = (id: string) => ({ type: 'function_call_output', call_id: id, output: 'ok' });
const TOOLS = [{ type: 'function', name: 'exec_command', parameters: { type: 'object', properties: {} } }];

function translate(input: unknown[]) {
  const body = {
    model: 'm',
    input,
    tools: TOOLS,
    reasoning: { effort: 'high' },
  } as unknown as ResponsesRequest;
  return messagesRequestFromResponses(body, { upstreamModel: ORIGIN.model, provider: ORIGIN.provider });
}

describe('carried thinking goes back in place', () => {
  it('interleaved: each block before the call that followed it, thinking kept on', () => {
    const { body, warnings, thinking } = translate([
      { role: 'user', content: 'go' },
      thought('first'),
      call('call_1'),
      thought('second'),
      call('call_2'),
      result('call_1'),
      result('call_2'),
    ]);
    expect(body.messages[1]).toMatchObject({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'first', signature: 'sig-first' },
        { type: 'tool_use', id: 'call_1' },
        { type: 'thinking', thinking: 'second', signature: 'sig-second' },
        { type: 'tool_use', id: 'call_2' },
      ],
    });
    expect(thinking).toEqual({ effort: 'high' });
    expect(warnings).toEqual([]);
  });

  it('before the answer text that followed it, in a later turn', () => {
    const { body } = translate([
      { role: 'user', content: 'hi' },
      thought('greet'),
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hello.' }] },
      { role: 'user', content: 'again' },
    ]);
    expect(body.messages[1]!.content).toEqual([
      { type: 'thinking', thinking: 'greet', signature: 'sig-greet' },
      { type: 'text', text: 'Hello.' },
    ]);
  });

  it('another model’s block stays out (the Chat step drops it with its note)', () => {
    const { body, warnings } = translate([
      { role: 'user', content: 'go' },
      thought('elsewhere', 'claude-opus-5-5'),
      call('call_1'),
      result('call_1'),
    ]);
    expect((body.messages[1]!.content as Array<{ type: string }>).map((block) => block.type)).toEqual([
      'tool_use',
    ]);
    expect(warnings).toContain(
      'reasoning items dropped from the history: a Messages provider cannot take them back',
    );
  });

  it('a block nothing follows has no place: dropped with a note', () => {
    const { warnings } = translate([{ role: 'user', content: 'go' }, thought('dangling')]);
    expect(warnings).toContain(
      '1 reasoning item(s) dropped: no tool call or answer text of theirs follows them in the input',
    );
  });
});
