/**
 * A custom tool's round trip, the `openai` SDK on claude-sonnet-4-5 through the gateway (Chat →
 * Messages) against the strict fake: the custom tool goes up as a tool taking `{"input": string}`,
 * Claude's call of it comes back to the client as a custom tool call carrying the string (whole and
 * streamed), and that call in the next turn's history goes up as the same `tool_use`.
 * Expected values written by hand from:
 * - https://platform.openai.com/docs/guides/function-calling#custom-tools and
 *   https://platform.openai.com/docs/api-reference/chat/object (`tool_calls[]`: `{id, type: "custom",
 *   custom: {name, input}}`); streamed custom calls are undocumented: `type: "custom"` with
 *   `custom: {name, input}` fragments (https://github.com/openai/openai-openapi/issues/576)
 * - https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use (`tool_use`,
 *   `tool_result`, `input_schema`)
 */
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

const client = () =>
  new OpenAI({
    baseURL: `${gateway.url}/v1`,
    apiKey: 'client',
    maxRetries: 0,
    defaultHeaders: { 'x-ekai-provider': 'anthropic' },
  });

const MODEL = 'claude-sonnet-4-5';
const PATCH = '*** Begin Patch\n*** Update File: a.txt\n-old, "quoted" line\n+new line\n*** End Patch';
const TOOLS: OpenAI.ChatCompletionTool[] = [
  { type: 'custom', custom: { name: 'apply_patch', description: 'Apply a patch.' } },
];
const ASK: OpenAI.ChatCompletionMessageParam = { role: 'user', content: 'Fix a.txt' };

type UpstreamBody = { tools: unknown[]; messages: Array<{ role: string; content: unknown }> };
const upstream = () => fake.lastRequest()!.body as UpstreamBody;

/** The Messages tool the custom tool becomes (custom-tools-from-chat.ts), its cache mark aside. */
const UPSTREAM_TOOL = {
  name: 'apply_patch',
  description: 'Apply a patch.',
  input_schema: {
    type: 'object',
    properties: { input: { type: 'string', description: 'The whole input of this tool, as free text.' } },
    required: ['input'],
    additionalProperties: false,
  },
};

/** Claude calls the custom tool as a tool whose input is `{"input": PATCH}`. */
const scriptCall = () => fake.script({ toolCalls: [{ name: 'apply_patch', arguments: { input: PATCH } }] });

describe('a Chat custom tool on Claude', () => {
  it('round trip: the call comes back as a custom call with the input string, and goes up again as tool_use', async () => {
    scriptCall();
    const first = await client().chat.completions.create({ model: MODEL, messages: [ASK], tools: TOOLS });
    expect(upstream().tools).toEqual([expect.objectContaining(UPSTREAM_TOOL)]);
    const choice = first.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    const call = choice.message.tool_calls?.[0];
    expect(call).toEqual({
      id: expect.stringMatching(/^toolu_/),
      type: 'custom',
      custom: { name: 'apply_patch', input: PATCH },
    });

    // The next turn hands the call back as the client got it, with its result.
    const second = await client().chat.completions.create({
      model: MODEL,
      messages: [ASK, choice.message, { role: 'tool', tool_call_id: call!.id, content: 'Done.' }],
      tools: TOOLS,
    });
    const sent = upstream().messages;
    expect(sent[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'tool_use', id: call!.id, name: 'apply_patch', input: { input: PATCH } }],
    });
    expect(sent[2]).toMatchObject({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: call!.id, content: 'Done.' }],
    });
    expect(second.choices[0]!.finish_reason).toBe('stop');
    expect(second.choices[0]!.message.tool_calls ?? []).toEqual([]);
  });

  it('streamed: the call opens as type custom and its chunks add up to the input string', async () => {
    scriptCall();
    const stream = await client().chat.completions.create({
      model: MODEL,
      messages: [ASK],
      tools: TOOLS,
      stream: true,
    });
    const fragments: Array<Record<string, unknown>> = [];
    let finish: string | null = null;
    for await (const chunk of stream) {
      finish = chunk.choices[0]?.finish_reason ?? finish;
      // The SDK types stream fragments as function calls only: read them as sent.
      fragments.push(
        ...((chunk.choices[0]?.delta.tool_calls ?? []) as unknown as Array<Record<string, unknown>>),
      );
    }
    expect(finish).toBe('tool_calls');
    expect(fragments[0]).toEqual({
      index: 0,
      id: expect.stringMatching(/^toolu_/),
      type: 'custom',
      custom: { name: 'apply_patch', input: '' },
    });
    expect(fragments.every((fragment) => fragment.index === 0 && fragment.function === undefined)).toBe(true);
    const input = fragments.map((fragment) => (fragment.custom as { input?: string }).input ?? '').join('');
    expect(input).toBe(PATCH);
  });
});

describe('a Chat custom tool on gpt-6.2-sol (Chat → Responses)', () => {
  const gpt = () => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });
  const scriptGptCall = () =>
    fake.script(
      { toolCalls: [{ name: 'apply_patch', arguments: { input: PATCH } }] },
      { provider: 'openai' },
    );

  it('goes up as a Responses custom tool; the call comes back as a custom call, whole and streamed', async () => {
    scriptGptCall();
    const whole = await gpt().chat.completions.create({
      model: 'gpt-6.2-sol',
      messages: [ASK],
      tools: TOOLS,
    });
    expect(fake.lastRequest()).toMatchObject({ dialect: 'responses' });
    expect((fake.lastRequest()!.body as { tools: unknown[] }).tools).toEqual([
      { type: 'custom', name: 'apply_patch', description: 'Apply a patch.' },
    ]);
    expect(whole.choices[0]!.message.tool_calls?.[0]).toMatchObject({
      type: 'custom',
      custom: { name: 'apply_patch', input: PATCH },
    });

    scriptGptCall();
    const stream = await gpt().chat.completions.create({
      model: 'gpt-6.2-sol',
      messages: [ASK],
      tools: TOOLS,
      stream: true,
    });
    const fragments: Array<Record<string, unknown>> = [];
    for await (const chunk of stream)
      fragments.push(
        ...((chunk.choices[0]?.delta.tool_calls ?? []) as unknown as Array<Record<string, unknown>>),
      );
    expect(fragments[0]).toMatchObject({ type: 'custom', custom: { name: 'apply_patch' } });
    const input = fragments.map((fragment) => (fragment.custom as { input?: string }).input ?? '').join('');
    expect(input).toBe(PATCH);
  });
});
