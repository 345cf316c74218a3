/**
 * Codex's own tools through the gateway on Claude (Messages) and on a Chat provider (xAI's grok-4,
 * which xAI serves on Chat), with the real openai SDK as the client and the strict fake upstream
 * (issue 18, "Codex's own tools on every model"). The request carries the `tools` the real Codex
 * 0.169 sent on a Claude model (test/fixtures/codex-tools/codex-0.169-tools.json, captured from
 * node_modules/.bin/codex) plus Codex's client tool search (codex-rs tools/src/tool_spec.rs
 * `ToolSpec::ToolSearch`); history items are shaped as codex-rs protocol/src/models.rs
 * `ResponseItem` serialises them. Upstream expectations are hand-written from
 * https://docs.anthropic.com/en/api/messages (tools, tool_use, tool_result) and
 * https://platform.openai.com/docs/api-reference/chat/create (tools, tool_calls, tool messages);
 * the client's items from https://platform.openai.com/docs/api-reference/responses/object and the
 * Codex item shapes above.
 */
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import type { ResponseCreateParamsNonStreaming } from 'openai/resources/responses/responses';
import { describe, expect, it } from 'vitest';
import type { FakeProvider, ProviderName } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

const openai = () => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });
const upstream = () => fake.lastRequest()!.body as Record<string, unknown>;

const CODEX_TOOLS = JSON.parse(
  readFileSync(new URL('../fixtures/codex-tools/codex-0.169-tools.json', import.meta.url), 'utf8'),
) as unknown[];
const TOOL_SEARCH = {
  type: 'tool_search',
  execution: 'client',
  description: 'Searches over deferred tool metadata.',
  parameters: {
    type: 'object',
    properties: { limit: { type: 'number' }, query: { type: 'string' } },
    required: ['query'],
    additionalProperties: false,
  },
};
const CALENDAR = {
  type: 'namespace',
  name: 'mcp__calendar__',
  description: 'Calendar tools',
  tools: [
    {
      type: 'function',
      name: 'create_event',
      description: 'Create an event.',
      strict: false,
      defer_loading: true,
      parameters: { type: 'object', properties: { title: { type: 'string' } }, additionalProperties: false },
    },
  ],
};

const TARGETS: Array<{ name: string; model: string; provider: ProviderName; extra: string[] }> = [
  // Anthropic runs the web search Codex offers; a Chat provider runs none (it is dropped, noted).
  { name: 'Claude (Messages)', model: 'claude-sonnet-4', provider: 'anthropic', extra: ['web_search'] },
  { name: 'grok-4 (Chat)', model: 'grok-4', provider: 'xai', extra: [] },
];

/** The names the tools went up under, in order (hand-written from the fixture's order). */
const SENT_NAMES = [
  'exec_command',
  'write_stdin',
  'request_user_input',
  'view_image',
  'multi_agent_v1__close_agent',
  'multi_agent_v1__resume_agent',
  'multi_agent_v1__send_input',
  'multi_agent_v1__spawn_agent',
  'multi_agent_v1__wait_agent',
  'get_goal',
  'create_goal',
  'update_goal',
  'tool_search',
];

function sentToolNames(provider: ProviderName): string[] {
  const tools = upstream().tools as Array<Record<string, unknown>>;
  return tools.map((tool) =>
    provider === 'anthropic' ? String(tool.name) : String((tool.function as Record<string, unknown>).name),
  );
}

function request(model: string, input: unknown[]): ResponseCreateParamsNonStreaming {
  return {
    model,
    instructions: 'You are Codex.',
    input,
    tools: [...CODEX_TOOLS, TOOL_SEARCH],
    tool_choice: 'auto',
    parallel_tool_calls: true,
    store: false,
    include: ['reasoning.encrypted_content'],
  } as unknown as ResponseCreateParamsNonStreaming;
}

const USER = {
  type: 'message',
  role: 'user',
  content: [{ type: 'input_text', text: 'Delegate the count.' }],
};

/** Two calls the model makes, under the names they went up as. */
const SCRIPT = {
  toolCalls: [
    { name: 'multi_agent_v1__spawn_agent', arguments: { message: 'count the files' } },
    { name: 'tool_search', arguments: { query: 'calendar', limit: 1 } },
  ],
};

const EXPECTED_CALLS = [
  {
    type: 'function_call',
    status: 'completed',
    namespace: 'multi_agent_v1',
    name: 'spawn_agent',
    arguments: '{"message":"count the files"}',
  },
  {
    type: 'tool_search_call',
    status: 'completed',
    execution: 'client',
    arguments: { query: 'calendar', limit: 1 },
  },
];

function callsOf(output: unknown[]): unknown[] {
  return output
    .filter((item) => (item as { type: string }).type !== 'message')
    .map((item) => {
      const { id: _id, call_id: callId, ...rest } = item as Record<string, unknown>;
      expect(callId).toEqual(expect.any(String));
      return rest;
    });
}

describe.each(TARGETS)('Codex 0.169 on $name', ({ model, provider, extra }) => {
  it('whole: the namespace and tool search go up as functions; calls come back as Codex items', async () => {
    fake.script(SCRIPT, { provider });
    const { data, response } = await openai()
      .responses.create(request(model, [USER]))
      .withResponse();
    expect(response.status).toBe(200);
    expect(fake.lastRequest()?.provider).toBe(provider);
    expect(sentToolNames(provider)).toEqual([...SENT_NAMES, ...extra]);
    expect(callsOf(data.output)).toEqual(EXPECTED_CALLS);
  });

  it('streamed: the same items, done and in response.completed', async () => {
    fake.script(SCRIPT, { provider });
    const stream = await openai().responses.create({ ...request(model, [USER]), stream: true });
    const done: unknown[] = [];
    let completed: unknown[] = [];
    for await (const event of stream) {
      if (event.type === 'response.output_item.done') done.push(event.item);
      if (event.type === 'response.completed') completed = event.response.output;
    }
    expect(callsOf(done)).toEqual(EXPECTED_CALLS);
    expect(callsOf(completed)).toEqual(EXPECTED_CALLS);
  });

  it('the next turn: namespaced calls, the search and its output, and the loaded tool all go up', async () => {
    const history = [
      USER,
      {
        type: 'function_call',
        name: 'spawn_agent',
        namespace: 'multi_agent_v1',
        arguments: '{"message":"count the files"}',
        call_id: 'call_a',
      },
      { type: 'function_call_output', call_id: 'call_a', output: '{"agent_id":"agent-1"}' },
      {
        type: 'tool_search_call',
        call_id: 'call_b',
        status: 'completed',
        execution: 'client',
        arguments: { query: 'calendar', limit: 1 },
      },
      {
        type: 'tool_search_output',
        call_id: 'call_b',
        status: 'completed',
        execution: 'client',
        tools: [CALENDAR],
      },
    ];
    const { response } = await openai().responses.create(request(model, history)).withResponse();
    expect(response.status).toBe(200);
    expect(sentToolNames(provider)).toEqual([...SENT_NAMES, 'mcp__calendar____create_event', ...extra]);
    const result =
      'These tools are now available to call:\n- mcp__calendar____create_event: Create an event.';
    const messages = upstream().messages as unknown[];
    if (provider === 'anthropic') {
      expect(messages.slice(1)).toEqual([
        {
          role: 'assistant',
          content: [
            {
              type: 'tool_use',
              id: 'call_a',
              name: 'multi_agent_v1__spawn_agent',
              input: { message: 'count the files' },
            },
          ],
        },
        {
          role: 'user',
          content: [
            expect.objectContaining({
              type: 'tool_result',
              tool_use_id: 'call_a',
              content: '{"agent_id":"agent-1"}',
            }),
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'call_b', name: 'tool_search', input: { query: 'calendar', limit: 1 } },
          ],
        },
        {
          role: 'user',
          content: [expect.objectContaining({ type: 'tool_result', tool_use_id: 'call_b', content: result })],
        },
      ]);
    } else {
      expect(messages.slice(2)).toEqual([
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_a',
              type: 'function',
              function: { name: 'multi_agent_v1__spawn_agent', arguments: '{"message":"count the files"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_a', content: '{"agent_id":"agent-1"}' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_b',
              type: 'function',
              function: { name: 'tool_search', arguments: '{"query":"calendar","limit":1}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_b', content: result },
      ]);
    }
  });
});

describe('local_shell on Claude', () => {
  it('goes up as a function; a call comes back as a local_shell_call; its output goes back up', async () => {
    fake.script(
      { toolCalls: [{ name: 'local_shell', arguments: { command: ['ls'], working_directory: '/w' } }] },
      { provider: 'anthropic' },
    );
    const base = { model: 'claude-sonnet-4', tools: [{ type: 'local_shell' }], store: false };
    const first = await openai().responses.create({
      ...base,
      input: 'List the files.',
    } as unknown as ResponseCreateParamsNonStreaming);
    expect(callsOf(first.output)).toEqual([
      {
        type: 'local_shell_call',
        status: 'completed',
        action: { type: 'exec', command: ['ls'], env: {}, working_directory: '/w' },
      },
    ]);
    const call = first.output[0] as unknown as { call_id: string };
    expect((upstream().tools as Array<{ name: string }>).map((tool) => tool.name)).toEqual(['local_shell']);

    await openai().responses.create({
      ...base,
      input: [
        { role: 'user', content: 'List the files.' },
        first.output[0],
        { type: 'local_shell_call_output', id: call.call_id, output: 'a.txt' },
      ],
    } as unknown as ResponseCreateParamsNonStreaming);
    expect((upstream().messages as unknown[]).slice(1)).toEqual([
      {
        role: 'assistant',
        content: [
          {
            type: 'tool_use',
            id: call.call_id,
            name: 'local_shell',
            input: { command: ['ls'], env: {}, working_directory: '/w' },
          },
        ],
      },
      {
        role: 'user',
        content: [
          expect.objectContaining({ type: 'tool_result', tool_use_id: call.call_id, content: 'a.txt' }),
        ],
      },
    ]);
  });
});

describe('what cannot be carried', () => {
  it('a client function named like a flattened tool is a 400 in the Responses dialect, nothing sent', async () => {
    const clash = { type: 'function', name: 'multi_agent_v1__spawn_agent', parameters: { type: 'object' } };
    const error = await openai()
      .responses.create({
        ...request('claude-sonnet-4', [USER]),
        tools: [...CODEX_TOOLS, clash],
      } as ResponseCreateParamsNonStreaming)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).message).toContain(
      '"multi_agent_v1__spawn_agent"',
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('a server-run tool search is noted in x-ekai-warnings', async () => {
    const { response } = await openai()
      .responses.create({
        ...request('grok-4', [USER]),
        tools: [{ type: 'tool_search' }],
      } as ResponseCreateParamsNonStreaming)
      .withResponse();
    expect(response.headers.get('x-ekai-warnings')).toContain(
      'tool_search tool dropped: only OpenAI runs hosted tools',
    );
  });
});
