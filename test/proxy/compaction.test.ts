/**
 * Remote compaction on a translated model: Codex's built-in OpenAI provider compacts with a normal
 * Responses request whose input ends with `{"type":"compaction_trigger"}` and stops unless the answer
 * holds exactly one `compaction` output item (codex-rs/core/src/compact_remote_v2.rs, "remote
 * compaction v2 expected exactly one compaction output item"). On claude-opus-5-5 ekai asks Claude
 * for the summary with Codex's own checkpoint prompt and answers with one compaction item; the next
 * request, carrying that item back, gives Claude the summary as Codex's local compaction writes it.
 *
 * Expected shapes are written by hand from:
 * - https://developers.openai.com/api/docs/guides/compaction (the compaction item, `cmp_…`,
 *   `encrypted_content`; the trigger is the last input item)
 * - https://platform.openai.com/docs/api-reference/responses-streaming (output_item.added / .done)
 * - https://docs.anthropic.com/en/api/messages (tool_choice `none`, consecutive user turns)
 * - Codex 0.171.0's local compaction, recorded in conformance/traces/codex@0.171.0/compaction.json
 *   (its checkpoint prompt; the summary message: its prefix, a newline, the summary).
 */
import OpenAI from 'openai';
import type { ResponseInputItem, ResponseOutputItem } from 'openai/resources/responses/responses';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

const openai = () => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });

const CODEX_PROMPT =
  'You are performing a CONTEXT CHECKPOINT COMPACTION. Create a handoff summary for another LLM that will resume the task.\n\nInclude:\n- Current progress and key decisions made\n- Important context, constraints, or user preferences\n- What remains to be done (clear next steps)\n- Any critical data, examples, or references needed to continue\n\nBe concise, structured, and focused on helping the next LLM seamlessly continue the work.\n';
const SUMMARY = 'Summary: notes.txt was read; it says the answer is 42.';
const SUMMARY_MESSAGE = `Another language model started to solve this problem and produced a summary of its thinking process. You also have access to the state of the tools that were used by that language model. Use this to build on the work that has already been done and avoid duplicating work. Here is the summary produced by the other language model, use the information in this summary to assist with your own analysis:\n${SUMMARY}`;

const TOOLS = [
  {
    type: 'function' as const,
    name: 'exec_command',
    description: 'Runs a shell command.',
    parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'] },
    strict: false,
  },
];
const ASK: ResponseInputItem = { role: 'user', content: 'Read notes.txt.' };
const HISTORY: ResponseInputItem[] = [
  ASK,
  { type: 'function_call', call_id: 'call_1', name: 'exec_command', arguments: '{"cmd":"cat notes.txt"}' },
  { type: 'function_call_output', call_id: 'call_1', output: 'The answer is 42.' },
];
const TRIGGER = { type: 'compaction_trigger' } as ResponseInputItem;

/** A Codex-shaped request (store false, reasoning content asked for). */
const codexRequest = (input: ResponseInputItem[]) => ({
  model: 'claude-opus-5-5',
  input,
  tools: TOOLS,
  reasoning: { effort: 'high' as const },
  include: ['reasoning.encrypted_content' as const],
  store: false,
});

type Upstream = {
  tool_choice?: unknown;
  tools?: Array<{ name: string }>;
  messages: Array<{ role: string; content: Array<Record<string, unknown>> }>;
};

async function compact(stream: boolean): Promise<{ output: ResponseOutputItem[]; events: string[] }> {
  if (!stream) {
    const response = await openai().responses.create({
      ...codexRequest([...HISTORY, TRIGGER]),
      stream: false,
    });
    return { output: response.output, events: [] };
  }
  const events: string[] = [];
  let output: ResponseOutputItem[] = [];
  const answer = await openai().responses.create({ ...codexRequest([...HISTORY, TRIGGER]), stream: true });
  for await (const event of answer) {
    events.push(event.type);
    if (event.type === 'response.completed') output = event.response.output;
  }
  return { output, events };
}

describe('remote compaction on claude-opus-5-5 (openai SDK over HTTP)', () => {
  it.each([false, true])(
    'stream %s: one compaction item, then the summary carried upstream',
    async (stream) => {
      fake.script({ thinking: true, text: SUMMARY }, { provider: 'anthropic' });
      const recorded = gateway.nextEvents();
      const { output, events } = await compact(stream);

      // Claude was asked for Codex's summary: the history, then the checkpoint prompt; no tool call.
      const asked = fake.requests[0]!.body as Upstream;
      expect(fake.requests[0]).toMatchObject({ provider: 'anthropic', dialect: 'messages', status: 200 });
      expect(asked.tool_choice).toEqual({ type: 'none' });
      expect(asked.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
      expect(asked.messages[2]!.content.at(-1)).toMatchObject({ type: 'text', text: CODEX_PROMPT });

      // Exactly one output item: the compaction, nothing else (no reasoning, no message).
      expect(output).toHaveLength(1);
      const [item] = output as unknown as Array<{ type: string; id: string; encrypted_content: string }>;
      expect(item).toMatchObject({ type: 'compaction', id: expect.stringMatching(/^cmp_/) });
      expect(item!.encrypted_content).toMatch(/^ekai-compaction-v1\./);
      if (stream)
        expect(events).toEqual([
          'response.created',
          'response.in_progress',
          'response.output_item.added',
          'response.output_item.done',
          'response.completed',
        ]);

      // Usage recorded as for any request.
      const [event] = await recorded;
      expect(event).toMatchObject({ provider: 'anthropic', model: 'claude-opus-5-5' });
      expect(event!.outputTokens).toBeGreaterThan(0);

      // The next turn: Codex's compacted history (the user's messages, the compaction item) and a new ask.
      fake.script({ text: 'Done.' }, { provider: 'anthropic' });
      const next = await openai().responses.create({
        ...codexRequest([ASK, item as unknown as ResponseInputItem, { role: 'user', content: 'Go on.' }]),
      });
      expect(next.output_text).toBe('Done.');
      const carried = fake.requests[1]!.body as Upstream;
      expect(carried.messages).toHaveLength(1);
      expect(carried.messages[0]!.content.map((block) => block.text)).toEqual([
        'Read notes.txt.',
        SUMMARY_MESSAGE,
        'Go on.',
      ]);
    },
  );

  it('the answer to a compaction has no text: response.failed, never an empty summary', async () => {
    fake.script({ text: '' }, { provider: 'anthropic' });
    const answer = await openai().responses.create({ ...codexRequest([...HISTORY, TRIGGER]), stream: true });
    const types: string[] = [];
    await expect(async () => {
      for await (const event of answer) types.push(event.type);
    }).rejects.toThrow(/without a summary/);
    expect(types).toContain('response.failed');
    expect(types).not.toContain('response.output_item.done');
  });
});

type Frame = Record<string, unknown> & { type: string };

/** One `response.create` on a fresh socket, read to its end. */
async function overSocket(event: Record<string, unknown>): Promise<Frame[]> {
  const socket = new WebSocket(`${gateway.url.replace(/^http/, 'ws')}/v1/responses`, {
    headers: {
      authorization: 'Bearer client',
      'openai-beta': 'responses_websockets=2026-02-06',
      'x-codex-beta-features': 'remote_compaction_v2',
    },
  });
  const frames: Frame[] = [];
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'response.create', ...event })));
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      frames.push(frame);
      if (['response.completed', 'response.failed', 'error'].includes(frame.type)) {
        socket.close();
        resolve(frames);
      }
    });
  });
}

describe('remote compaction over the WebSocket route (as Codex 0.169 sends it)', () => {
  it('the compaction turn answers one compaction item in output_item.done and response.completed', async () => {
    fake.script({ text: SUMMARY }, { provider: 'anthropic' });
    const frames = await overSocket({ ...codexRequest([...HISTORY, TRIGGER]), stream: true });
    const done = frames.filter((frame) => frame.type === 'response.output_item.done');
    expect(done).toHaveLength(1);
    expect(done[0]!.item).toMatchObject({ type: 'compaction' });
    const completed = frames.find((frame) => frame.type === 'response.completed')!.response as {
      output: Array<{ type: string }>;
    };
    expect(completed.output.map((item) => item.type)).toEqual(['compaction']);
  });
});
