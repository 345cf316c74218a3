/**
 * Remote compaction on a translated model (compaction.ts, compaction-input.ts): a Responses request
 * whose input ends with `compaction_trigger` goes upstream as Codex's own summarising request, the
 * answer is one `compaction` item carrying the summary in ekai's envelope, and a later request gets
 * the summary back as the user message Codex's local compaction writes.
 *
 * Expected values are written by hand from:
 * - OpenAI's compaction item: `{"type":"compaction","id","encrypted_content"}`, and
 *   `compaction_trigger` "Compacts the current context. Must be the final input item"
 *   (https://developers.openai.com/api/docs/guides/compaction,
 *   https://platform.openai.com/docs/api-reference/responses/object);
 * - Codex 0.171.0's own local compaction, as recorded (conformance/traces/codex@0.171.0/compaction.json):
 *   its checkpoint prompt as the last user message, then the summary as a user message after its
 *   summary prefix and a newline;
 * - codex-rs/core/src/compact_remote_v2.rs: exactly one compaction output item.
 */
import { describe, expect, it } from 'vitest';
import { messagesRequestFromResponses } from '../../src/formats/anthropic-messages/request-from-responses.js';
import type { MessagesResponse } from '../../src/formats/anthropic-messages/wire.js';
import { chatRequestFromResponses } from '../../src/formats/openai-chat/request-from-responses.js';
import type { ChatResponse } from '../../src/formats/openai-chat/wire.js';
import {
  carriedSummaryOf,
  compactionContentOf,
  isEkaiCompaction,
} from '../../src/formats/openai-responses/compaction.js';
import { responsesResponseFromChat } from '../../src/formats/openai-responses/response-from-chat.js';
import { responsesResponseFromMessages } from '../../src/formats/openai-responses/response-from-messages.js';
import { withoutUnresolvableReasoning } from '../../src/formats/openai-responses/strip-unpersisted-reasoning.js';
import type { ResponsesRequest } from '../../src/formats/openai-responses/wire.js';
import type { ResponseContext } from '../../src/formats/translation.js';

/** Codex 0.171.0's checkpoint prompt, as it sent it (the recorded trace's last input item). */
const CODEX_PROMPT =
  'You are performing a CONTEXT CHECKPOINT COMPACTION. Create a handoff summary for another LLM that will resume the task.\n\nInclude:\n- Current progress and key decisions made\n- Important context, constraints, or user preferences\n- What remains to be done (clear next steps)\n- Any critical data, examples, or references needed to continue\n\nBe concise, structured, and focused on helping the next LLM seamlessly continue the work.\n';
/** Codex 0.171.0's summary message after its local compaction, for the summary "S." (recorded trace). */
const summaryText = (summary: string) =>
  `Another language model started to solve this problem and produced a summary of its thinking process. You also have access to the state of the tools that were used by that language model. Use this to build on the work that has already been done and avoid duplicating work. Here is the summary produced by the other language model, use the information in this summary to assist with your own analysis:\n${summary}`;

const TOOLS = [
  { type: 'function', name: 'exec_command', parameters: { type: 'object', properties: {} }, strict: false },
];
const ASK = { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Read notes.txt.' }] };
const CALL = {
  type: 'function_call',
  call_id: 'call_1',
  name: 'exec_command',
  arguments: '{"cmd":"cat notes.txt"}',
};
const RESULT = { type: 'function_call_output', call_id: 'call_1', output: 'The answer is 42.' };
const TRIGGER = { type: 'compaction_trigger' };
const OPENAI_COMPACTION = { type: 'compaction', id: 'cmp_1', encrypted_content: 'gAAAAABopaque' };
const ekaiCompaction = (summary: string) => ({
  type: 'compaction',
  id: 'cmp_2',
  encrypted_content: compactionContentOf({ summary, model: 'claude-opus-5-5' }),
});

const request = (input: unknown[]) =>
  ({ model: 'claude-opus-5-5', input, tools: TOOLS, store: false }) as unknown as ResponsesRequest;
const ANTHROPIC = { upstreamModel: 'claude-opus-5-5', provider: 'anthropic' };

describe('the envelope', () => {
  it("carries the summary, marked as ekai's, base64url JSON anyone can read back", () => {
    const content = compactionContentOf({ summary: 'notes.txt says 42.', model: 'claude-opus-5-5' });
    expect(content).toMatch(/^ekai-compaction-v1\.[A-Za-z0-9_-]+$/);
    expect(
      JSON.parse(Buffer.from(content.slice('ekai-compaction-v1.'.length), 'base64url').toString()),
    ).toEqual({ m: 'claude-opus-5-5', s: 'notes.txt says 42.' });
    expect(carriedSummaryOf(content)).toEqual({ summary: 'notes.txt says 42.', model: 'claude-opus-5-5' });
  });

  it("reads nothing from OpenAI's content, a damaged envelope, or ekai's reasoning envelope", () => {
    expect(isEkaiCompaction('gAAAAABopaque')).toBe(false);
    expect(carriedSummaryOf('gAAAAABopaque')).toBeUndefined();
    expect(isEkaiCompaction('ekai-compaction-v1.!!')).toBe(true);
    expect(carriedSummaryOf('ekai-compaction-v1.!!')).toBeUndefined();
    expect(
      carriedSummaryOf(`ekai-compaction-v1.${Buffer.from('{"m":"x"}').toString('base64url')}`),
    ).toBeUndefined();
    expect(carriedSummaryOf('ekai-messages-v1.e30')).toBeUndefined();
  });
});

describe('a compaction request on Messages', () => {
  it("goes up as the history, then Codex's checkpoint prompt, tools declared but not to be called", () => {
    const { body, warnings, compaction } = messagesRequestFromResponses(
      request([ASK, CALL, RESULT, TRIGGER]),
      ANTHROPIC,
    );
    expect(compaction).toBe(true);
    expect(warnings).toEqual([]);
    expect(body.tool_choice).toEqual({ type: 'none' });
    expect(body.tools?.map((tool) => tool.name)).toEqual(['exec_command']);
    // https://docs.anthropic.com/en/api/messages: tool_result first in the user turn, then text.
    expect(body.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    const last = body.messages[2]!.content as unknown as Array<Record<string, unknown>>;
    expect(last[0]).toMatchObject({ type: 'tool_result', tool_use_id: 'call_1' });
    expect(last.at(-1)).toMatchObject({ type: 'text', text: CODEX_PROMPT });
  });

  it("a later request: ekai's compaction item becomes Codex's summary message, where it stood", () => {
    const { body, warnings, compaction } = messagesRequestFromResponses(
      request([ASK, ekaiCompaction('S.'), { role: 'user', content: 'Go on.' }]),
      ANTHROPIC,
    );
    expect(compaction).toBeUndefined();
    expect(warnings).toEqual([]);
    // Consecutive user messages are one Messages turn.
    expect(body.messages).toHaveLength(1);
    const texts = (body.messages[0]!.content as Array<{ text: string }>).map((block) => block.text);
    expect(texts).toEqual(['Read notes.txt.', summaryText('S.'), 'Go on.']);
  });

  it("OpenAI's compaction item is dropped with a note: only OpenAI can read it", () => {
    const { body, warnings } = messagesRequestFromResponses(
      request([ASK, OPENAI_COMPACTION, { role: 'user', content: 'Go on.' }]),
      ANTHROPIC,
    );
    expect(JSON.stringify(body.messages)).not.toContain('gAAAAAB');
    expect(warnings).toEqual([
      "1 compaction item(s) dropped from the input: another provider's (only OpenAI reads OpenAI's) or damaged; what they summarised is not sent",
    ]);
  });

  it('a trigger that is not the last item is no compaction (dropped by the converter, with its note)', () => {
    const { compaction, warnings } = messagesRequestFromResponses(
      request([ASK, TRIGGER, { role: 'user', content: 'Go on.' }]),
      ANTHROPIC,
    );
    expect(compaction).toBeUndefined();
    expect(warnings.join('\n')).toMatch(/compaction_trigger items dropped/);
  });
});

describe('a compaction request on Chat', () => {
  it('the same summarising request, and the summary back as a user message', () => {
    const asked = chatRequestFromResponses(request([ASK, CALL, RESULT, TRIGGER]), {
      upstreamModel: 'grok-5',
    });
    expect(asked.compaction).toBe(true);
    expect(asked.body.tool_choice).toBe('none');
    expect(asked.body.messages.at(-1)).toEqual({
      role: 'user',
      content: [{ type: 'text', text: CODEX_PROMPT }],
    });
    const later = chatRequestFromResponses(request([ASK, ekaiCompaction('S.')]), { upstreamModel: 'grok-5' });
    expect(later.body.messages.at(-1)).toEqual({
      role: 'user',
      content: [{ type: 'text', text: summaryText('S.') }],
    });
  });
});

const COMPACTING = {
  model: 'claude-opus-5-5',
  provider: 'anthropic',
  toolNames: new Map(),
  compaction: true,
} as ResponseContext;

describe('the answer to a compaction, whole', () => {
  it('Messages: exactly one compaction item carrying the text; thinking left out; usage kept', () => {
    const answer = {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-opus-5-5',
      content: [
        { type: 'thinking', thinking: 'Summing up.', signature: 'sig' },
        { type: 'text', text: 'notes.txt ' },
        { type: 'text', text: 'says 42.' },
      ],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 100, output_tokens: 20 },
    } as unknown as MessagesResponse;
    const response = responsesResponseFromMessages(answer, COMPACTING);
    expect(response.status).toBe('completed');
    expect(response.output).toHaveLength(1);
    const [item] = response.output as unknown as Array<{
      type: string;
      id: string;
      encrypted_content: string;
    }>;
    expect(item).toMatchObject({ type: 'compaction', id: expect.stringMatching(/^cmp_/) });
    expect(carriedSummaryOf(item!.encrypted_content)?.summary).toBe('notes.txt says 42.');
    expect(response.usage).toMatchObject({ input_tokens: 100, output_tokens: 20, total_tokens: 120 });
  });

  it('Chat: no text at all is a failed response (never an empty summary), its usage told', () => {
    const answer = {
      id: 'c1',
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: '' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 100, completion_tokens: 3, total_tokens: 103 },
    } as unknown as ChatResponse;
    const response = responsesResponseFromChat(answer, COMPACTING);
    expect(response).toMatchObject({ status: 'failed', output: [], error: { code: 'server_error' } });
    expect(response.usage).toMatchObject({ input_tokens: 100, output_tokens: 3 });
  });
});

describe('native clean-up (withoutUnresolvableReasoning)', () => {
  it("ekai's compaction item goes to OpenAI as the summary message; OpenAI's own stays", () => {
    const input = [ASK, ekaiCompaction('S.'), OPENAI_COMPACTION, TRIGGER];
    const cleaned = withoutUnresolvableReasoning({ input, store: false }, 'openai');
    expect(cleaned.compactions).toBe(1);
    expect(cleaned.input).toEqual([
      ASK,
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: summaryText('S.') }] },
      OPENAI_COMPACTION,
      TRIGGER,
    ]);
  });

  it("nothing of ekai's: the same input, untouched", () => {
    const input = [ASK, OPENAI_COMPACTION, TRIGGER];
    const cleaned = withoutUnresolvableReasoning({ input, store: false }, 'openai');
    expect(cleaned.input).toBe(input);
    expect(cleaned.compactions).toBe(0);
  });
});
