/**
 * Codex and openai SDK clients on Claude keep thinking on through a tool loop (issue 18): Claude's
 * thinking block, signed, travels in the Responses reasoning item's `encrypted_content` (which
 * Codex asks for with `include: ["reasoning.encrypted_content"]` and echoes back verbatim) and is
 * given back in place on the next request — to the same provider and model only.
 *
 * The strict fake signs thinking over its text and model, and on the 5.5 models over the exact
 * prefix too (current-models.md, Anthropic rule 7), and refuses a tool-result turn with thinking on
 * whose calling turn does not open with its thinking, as Anthropic does:
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#extended-thinking-with-tool-use
 * @see https://platform.openai.com/docs/guides/reasoning#encrypted-reasoning-items
 */
import OpenAI from 'openai';
import type { ResponseInputItem, ResponseOutputItem } from 'openai/resources/responses/responses';
import { describe, expect, it } from 'vitest';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

const openai = () => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });

const TOOLS = [
  {
    type: 'function' as const,
    name: 'exec_command',
    description: 'Runs a shell command.',
    parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'] },
    strict: false,
  },
];
const ASK: ResponseInputItem = { role: 'user', content: 'What is in notes.txt?' };
/** The fake's default thinking (scenarios.ts DEFAULT_THINKING), whole. */
const THINKING = 'Let me think about what the user asked.';

/** A Codex-shaped request on `model` with thinking asked for. */
function request(model: string, input: ResponseInputItem[]) {
  return {
    model,
    input,
    tools: TOOLS,
    reasoning: { effort: 'high' as const },
    include: ['reasoning.encrypted_content' as const],
    store: false,
  };
}

/** The Messages blocks the fake answered with on its `n`-th request. */
function upstreamBlocks(n: number): Array<Record<string, unknown>> {
  const text = fake.requests[n]!.responseText;
  if (!text.startsWith('event:')) return JSON.parse(text).content;
  const blocks: Array<Record<string, unknown>> = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const event = JSON.parse(line.slice(5));
    if (event.type === 'content_block_start') blocks[event.index] = { ...event.content_block };
    if (event.type === 'content_block_delta' && event.delta.type === 'thinking_delta')
      blocks[event.index]!.thinking += event.delta.thinking;
    if (event.type === 'content_block_delta' && event.delta.type === 'signature_delta')
      blocks[event.index]!.signature = event.delta.signature;
  }
  return blocks;
}

async function turn(model: string, input: ResponseInputItem[], stream: boolean) {
  if (!stream) {
    const { data, response } = await openai()
      .responses.create({ ...request(model, input), stream: false })
      .withResponse();
    return { output: data.output, warnings: response.headers.get('x-ekai-warnings') };
  }
  const { data, response } = await openai()
    .responses.create({ ...request(model, input), stream: true })
    .withResponse();
  let output: ResponseOutputItem[] = [];
  for await (const event of data) if (event.type === 'response.completed') output = event.response.output;
  return { output, warnings: response.headers.get('x-ekai-warnings') };
}

/** What the client sends back: its input, the answer's items, and each call's output. */
function nextInput(input: ResponseInputItem[], output: ResponseOutputItem[]): ResponseInputItem[] {
  const outputs = output
    .filter((item) => item.type === 'function_call')
    .map((call) => ({
      type: 'function_call_output' as const,
      call_id: call.call_id,
      output: 'The answer is 42.',
    }));
  return [...input, ...(output as ResponseInputItem[]), ...outputs];
}

type Body = {
  thinking?: { type: string };
  messages: Array<{ role: string; content: Array<Record<string, unknown>> }>;
};
const upstream = (n: number) => fake.requests[n]!.body as Body;

describe.each([
  ['claude-sonnet-4-5', 'budget thinking', 'enabled'],
  ['claude-opus-5-5', 'adaptive thinking bound to the conversation', 'adaptive'],
])('Responses client on %s (%s): thinking carried through a tool loop', (model, _, thinkingType) => {
  it.each([false, true])(
    'stream %s: three steps, thinking on at each, every block given back in place',
    async (stream) => {
      let input: ResponseInputItem[] = [ASK];
      for (let step = 0; step < 3; step++) {
        fake.script(
          { thinking: true, tool: step < 2, ...(step === 2 && { text: 'It says 42.' }) },
          { provider: 'anthropic' },
        );
        const { output, warnings } = await turn(model, input, stream);
        expect(fake.requests[step]).toMatchObject({
          provider: 'anthropic',
          dialect: 'messages',
          status: 200,
        });
        expect(upstream(step).thinking?.type).toBe(thinkingType);
        expect(warnings ?? '').not.toMatch(/reasoning/);
        // The reasoning item carries the block; its summary shows the text.
        const reasoning = output.find((item) => item.type === 'reasoning');
        expect(reasoning).toMatchObject({ summary: [{ type: 'summary_text', text: THINKING }] });
        expect(reasoning?.encrypted_content).toMatch(/^ekai-messages-v1\./);
        input = nextInput(input, output);
      }
      // Step 3 gave back both earlier thinking blocks, byte for byte, each opening its calling turn.
      const [first, second] = [upstreamBlocks(0)[0], upstreamBlocks(1)[0]];
      expect(first).toMatchObject({ type: 'thinking', thinking: THINKING });
      const assistants = upstream(2).messages.filter((message) => message.role === 'assistant');
      expect(assistants.map((message) => message.content.map((block) => block.type))).toEqual([
        ['thinking', 'tool_use'],
        ['thinking', 'tool_use'],
      ]);
      expect(assistants[0]!.content[0]).toEqual(first);
      expect(assistants[1]!.content[0]).toEqual(second);
    },
  );
});

describe('carried thinking is bound to the model that made it', () => {
  async function loopOnSonnet() {
    fake.script({ thinking: true, tool: true }, { provider: 'anthropic' });
    const { output } = await turn('claude-sonnet-4-5', [ASK], false);
    return nextInput([ASK], output);
  }

  it('another Claude model gets no block: thinking waits, with notes; 200', async () => {
    const input = await loopOnSonnet();
    const { warnings } = await turn('claude-opus-4-6', input, false);
    expect(fake.requests[1]).toMatchObject({ provider: 'anthropic', status: 200 });
    expect(upstream(1).thinking).toBeUndefined();
    expect(upstream(1).messages[1]!.content.map((block) => block.type)).toEqual(['tool_use']);
    expect(warnings).toContain(
      'reasoning items dropped from the history: a Messages provider cannot take them back',
    );
    expect(warnings).toContain('Messages wants the signed thinking of the tool-calling turn back');
  });

  it('an OpenAI model (a /model switch mid-session) never receives it: dropped with a note', async () => {
    const input = await loopOnSonnet();
    const { warnings } = await turn('gpt-6.2-sol', input, false);
    expect(fake.requests[1]).toMatchObject({ provider: 'openai', dialect: 'responses', status: 200 });
    const sent = (fake.requests[1]!.body as { input: Array<{ type?: string }> }).input;
    expect(sent.map((item: { type?: string }) => item.type ?? 'message')).toEqual([
      'message',
      'function_call',
      'function_call_output',
    ]);
    expect(warnings).toBe(
      'dropped 1 reasoning item(s) another provider or model encrypted: only the one that made it can read it',
    );
  });
});

it('redacted thinking travels as an item of its own and comes back in its place', async () => {
  fake.script({ thinking: true, redactedThinking: true, tool: true }, { provider: 'anthropic' });
  const { output } = await turn('claude-sonnet-4-5', [ASK], true);
  expect(output.map((item: ResponseOutputItem) => item.type)).toEqual([
    'reasoning',
    'reasoning',
    'function_call',
  ]);
  expect(output[1]).toMatchObject({ summary: [] });
  await turn('claude-sonnet-4-5', nextInput([ASK], output), false);
  const [thinking, redacted] = upstreamBlocks(0);
  expect(redacted).toMatchObject({ type: 'redacted_thinking' });
  expect(upstream(1).messages[1]!.content.slice(0, 2)).toEqual([thinking, redacted]);
  expect(fake.requests[1]).toMatchObject({ status: 200 });
});
