/**
 * Codex's own tools on a Chat or Messages provider, request side (issue 18, "Codex's own tools on
 * every model"). The request is Codex 0.169's: `test/fixtures/codex-tools/codex-0.169-tools.json` is
 * the `tools` array the real CLI (node_modules/.bin/codex 0.169.0, `codex exec -m claude-sonnet-4`
 * against a recording server) sent; the tool search and local shell shapes, which that session did
 * not have, are copied from the Codex source:
 * - `{type: "tool_search", execution: "client", description, parameters}`: codex-rs
 *   tools/src/tool_spec.rs (`ToolSpec::ToolSearch`), parameters `{query, limit}` (codex-rs
 *   core tool search tool, `required: ["query"]`, `additionalProperties: false`);
 * - `tool_search_call` {call_id, status, execution, arguments}, `tool_search_output` {call_id,
 *   status, execution, tools}, `function_call` {name, namespace, arguments, call_id},
 *   `local_shell_call` {call_id, status, action: {type: exec, command, timeout_ms,
 *   working_directory, env, user}}: codex-rs protocol/src/models.rs (`ResponseItem`);
 * - `local_shell_call_output` {id, output}: the openai SDK's `ResponseInputItem.LocalShellCallOutput`
 *   (https://platform.openai.com/docs/api-reference/responses/create#responses-create-input).
 * Expected Chat shapes: https://platform.openai.com/docs/api-reference/chat/create (tools
 * `{type: function, function: {name, description, parameters}}`, assistant `tool_calls`, `tool`
 * messages); Messages shapes: https://docs.anthropic.com/en/api/messages (tools `{name,
 * description, input_schema}`, `tool_use` / `tool_result` blocks).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { messagesRequestFromResponses } from '../../src/formats/anthropic-messages/request-from-responses.js';
import { chatRequestFromResponses } from '../../src/formats/openai-chat/request-from-responses.js';
import type { ResponsesRequest } from '../../src/formats/openai-responses/wire.js';
import { UnsupportedRequestError } from '../../src/formats/translation.js';

const CODEX_TOOLS = JSON.parse(
  readFileSync(new URL('../fixtures/codex-tools/codex-0.169-tools.json', import.meta.url), 'utf8'),
) as Array<Record<string, unknown>>;
const MULTI_AGENT = CODEX_TOOLS.find((tool) => tool.type === 'namespace')!;
const NAMESPACED = MULTI_AGENT.tools as Array<Record<string, unknown>>;
const SPAWN_AGENT = NAMESPACED.find((tool) => tool.name === 'spawn_agent')!;

const ON_XAI = { upstreamModel: 'grok-4', maxOutput: 64000 };
const ON_CLAUDE = { upstreamModel: 'claude-sonnet-4', maxOutput: 64000, profile: { name: 'anthropic' } };

/** Codex's client-run tool search, as codex-rs builds it. */
const TOOL_SEARCH = {
  type: 'tool_search',
  execution: 'client',
  description: '# Tool discovery\n\nSearches over deferred tool metadata with BM25.',
  parameters: {
    type: 'object',
    properties: { limit: { type: 'number' }, query: { type: 'string' } },
    required: ['query'],
    additionalProperties: false,
  },
};

/** A deferred MCP tool a search loads, as codex-rs tool_search.rs outputs it (defer_loading: true). */
const CALENDAR = {
  type: 'namespace',
  name: 'mcp__calendar__',
  description: 'Calendar tools',
  tools: [
    {
      type: 'function',
      name: 'create_event',
      description: 'Create an event.\nMore detail.',
      strict: false,
      defer_loading: true,
      parameters: { type: 'object', properties: { title: { type: 'string' } }, additionalProperties: false },
    },
  ],
};

function codexRequest(fields: Partial<ResponsesRequest>): ResponsesRequest {
  return {
    model: 'grok-4',
    instructions: 'You are Codex.',
    input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Delegate this.' }] }],
    tools: CODEX_TOOLS as ResponsesRequest['tools'],
    tool_choice: 'auto',
    parallel_tool_calls: true,
    store: false,
    stream: true,
    include: ['reasoning.encrypted_content'],
    ...fields,
  };
}

function refusal(run: () => unknown): UnsupportedRequestError {
  try {
    run();
  } catch (error) {
    if (error instanceof UnsupportedRequestError) return error;
    throw error;
  }
  throw new Error('no UnsupportedRequestError was thrown');
}

describe("Codex 0.169's tools to a Chat provider", () => {
  const translated = chatRequestFromResponses(codexRequest({}), ON_XAI);
  const tools = translated.body.tools ?? [];

  it('sends each tool of the multi_agent_v1 namespace as a function named namespace__name, in place', () => {
    expect(tools.map((tool) => (tool as { function: { name: string } }).function.name)).toEqual([
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
    ]);
  });

  it("keeps the tool's schema and puts the namespace's description before its own", () => {
    expect(tools[7]).toEqual({
      type: 'function',
      function: {
        name: 'multi_agent_v1__spawn_agent',
        description: `Tools for spawning and managing sub-agents.\n\n${SPAWN_AGENT.description as string}`,
        parameters: SPAWN_AGENT.parameters,
        strict: false,
      },
    });
  });

  it('records how Codex declared each flattened tool, for the answer', () => {
    expect(translated.clientTools).toEqual(
      new Map(
        ['close_agent', 'resume_agent', 'send_input', 'spawn_agent', 'wait_agent'].map((name) => [
          `multi_agent_v1__${name}`,
          { type: 'function', namespace: 'multi_agent_v1', name },
        ]),
      ),
    );
  });

  it('drops the hosted web_search with a note (a Chat provider runs none), as before', () => {
    expect(translated.warnings).toContain('web_search tool dropped: only OpenAI runs hosted tools');
    expect(translated.body).toMatchObject({ tool_choice: 'auto', parallel_tool_calls: true });
  });
});

describe("Codex 0.169's tools to Claude (through the Chat step)", () => {
  const translated = messagesRequestFromResponses(codexRequest({ model: 'claude-sonnet-4' }), ON_CLAUDE);
  const tools = (translated.body.tools ?? []) as Array<Record<string, unknown>>;

  it('sends the namespace as flat tools and web_search as Anthropic web search', () => {
    expect(tools.map((tool) => tool.name)).toEqual([
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
      'web_search',
    ]);
    expect(tools[7]).toMatchObject({
      name: 'multi_agent_v1__spawn_agent',
      input_schema: SPAWN_AGENT.parameters,
    });
    // https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool
    expect(tools[12]).toMatchObject({ type: 'web_search_20250305', name: 'web_search' });
  });

  it('carries a namespaced call and its output as tool_use and tool_result under the flat name', () => {
    const history = messagesRequestFromResponses(
      codexRequest({
        model: 'claude-sonnet-4',
        input: [
          { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Delegate this.' }] },
          {
            type: 'function_call',
            name: 'spawn_agent',
            namespace: 'multi_agent_v1',
            arguments: '{"message":"count the files"}',
            call_id: 'toolu_01',
          },
          { type: 'function_call_output', call_id: 'toolu_01', output: '{"agent_id":"agent-1"}' },
        ],
      }),
      ON_CLAUDE,
    );
    expect(history.body.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: [
          {
            type: 'tool_use',
            id: 'toolu_01',
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
            tool_use_id: 'toolu_01',
            content: '{"agent_id":"agent-1"}',
          }),
        ],
      },
    ]);
  });
});

describe('client tool search to a Chat provider', () => {
  const searched = [
    { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Book a meeting.' }] },
    {
      type: 'tool_search_call',
      call_id: 'search-1',
      status: 'completed',
      execution: 'client',
      arguments: { query: 'calendar create', limit: 1 },
    },
    {
      type: 'tool_search_output',
      call_id: 'search-1',
      status: 'completed',
      execution: 'client',
      tools: [CALENDAR],
    },
    {
      type: 'function_call',
      name: 'create_event',
      namespace: 'mcp__calendar__',
      arguments: '{"title":"Sync"}',
      call_id: 'call_2',
    },
    { type: 'function_call_output', call_id: 'call_2', output: 'created' },
  ];
  const translated = chatRequestFromResponses(
    codexRequest({
      tools: [TOOL_SEARCH] as ResponsesRequest['tools'],
      input: searched as ResponsesRequest['input'],
    }),
    ON_XAI,
  );

  it('sends the search as a function, and the tools it loaded beside it', () => {
    expect(translated.body.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'tool_search',
          description: TOOL_SEARCH.description,
          parameters: TOOL_SEARCH.parameters,
        },
      },
      {
        type: 'function',
        function: {
          name: 'mcp__calendar____create_event',
          description: 'Calendar tools\n\nCreate an event.\nMore detail.',
          parameters: CALENDAR.tools[0]!.parameters,
          strict: false,
        },
      },
    ]);
    expect(translated.clientTools).toEqual(
      new Map<string, unknown>([
        ['tool_search', { type: 'tool_search' }],
        [
          'mcp__calendar____create_event',
          { type: 'function', namespace: 'mcp__calendar__', name: 'create_event' },
        ],
      ]),
    );
    // Loaded by the search: no note that deferred tools went up front.
    expect(translated.warnings.filter((warning) => warning.includes('defer_loading'))).toEqual([]);
  });

  it('carries the search call and its output as a tool call and its result naming the loaded tools', () => {
    expect(translated.body.messages.slice(2)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'search-1',
            type: 'function',
            function: { name: 'tool_search', arguments: '{"query":"calendar create","limit":1}' },
          },
        ],
      },
      {
        role: 'tool',
        tool_call_id: 'search-1',
        content: 'These tools are now available to call:\n- mcp__calendar____create_event: Create an event.',
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_2',
            type: 'function',
            function: { name: 'mcp__calendar____create_event', arguments: '{"title":"Sync"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_2', content: 'created' },
    ]);
  });

  it('drops a server-run search with a note, and sends what it loaded', () => {
    const server = chatRequestFromResponses(
      codexRequest({
        tools: [],
        input: [
          {
            type: 'tool_search_call',
            call_id: null,
            execution: 'server',
            status: 'completed',
            arguments: { q: 'x' },
          },
          {
            type: 'tool_search_output',
            call_id: null,
            execution: 'server',
            status: 'completed',
            tools: [CALENDAR],
          },
        ] as ResponsesRequest['input'],
      }),
      ON_XAI,
    );
    expect(server.body.messages).toEqual([{ role: 'system', content: 'You are Codex.' }]);
    expect(server.warnings).toEqual(
      expect.arrayContaining([
        'tool_search_call items of a tool search OpenAI ran dropped from the input: the tools it loaded are sent',
        'tool_search_output items of a tool search OpenAI ran dropped from the input: the tools it loaded are sent',
      ]),
    );
    expect(server.body.tools?.map((tool) => (tool as { function: { name: string } }).function.name)).toEqual([
      'mcp__calendar____create_event',
    ]);
  });

  it('notes a hosted tool a search loaded, which cannot be sent', () => {
    const mcp = { type: 'mcp', server_label: 'docs', server_url: 'https://example.com/mcp' };
    const loaded = chatRequestFromResponses(
      codexRequest({
        tools: [TOOL_SEARCH] as ResponsesRequest['tools'],
        input: [
          {
            type: 'tool_search_call',
            call_id: 's1',
            status: 'completed',
            execution: 'client',
            arguments: {},
          },
          {
            type: 'tool_search_output',
            call_id: 's1',
            status: 'completed',
            execution: 'client',
            tools: [mcp],
          },
        ] as ResponsesRequest['input'],
      }),
      ON_XAI,
    );
    expect(loaded.warnings).toContain(
      'mcp tool loaded during the conversation dropped: only OpenAI runs hosted tools',
    );
  });

  it('drops a server-executed tool_search tool as a hosted tool, with a note', () => {
    const hosted = chatRequestFromResponses(
      codexRequest({ tools: [{ type: 'tool_search' }] as ResponsesRequest['tools'] }),
      ON_XAI,
    );
    expect(hosted.body.tools).toBeUndefined();
    expect(hosted.warnings).toContain('tool_search tool dropped: only OpenAI runs hosted tools');
  });

  it('notes deferred tools declared up front, which go up with the others', () => {
    const deferred = chatRequestFromResponses(
      codexRequest({ tools: [CALENDAR] as ResponsesRequest['tools'] }),
      ON_XAI,
    );
    expect(deferred.warnings).toContain(
      'defer_loading ignored on 1 tool(s): they are sent with the others, as neither Chat nor Messages loads tools on demand',
    );
  });
});

describe('local_shell to a Chat provider', () => {
  const translated = chatRequestFromResponses(
    codexRequest({
      tools: [{ type: 'local_shell' }] as ResponsesRequest['tools'],
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'List files.' }] },
        {
          type: 'local_shell_call',
          id: 'lsh_1',
          call_id: 'call_ls',
          status: 'completed',
          action: {
            type: 'exec',
            command: ['ls', '-a'],
            timeout_ms: null,
            working_directory: '/w',
            env: {},
            user: null,
          },
        },
        { type: 'local_shell_call_output', id: 'call_ls', output: 'a.txt' },
        {
          type: 'local_shell_call',
          call_id: 'call_pwd',
          status: 'completed',
          action: { type: 'exec', command: ['pwd'], env: {} },
        },
        // Codex answers a local shell call with a function_call_output.
        { type: 'function_call_output', call_id: 'call_pwd', output: '/w' },
      ] as ResponsesRequest['input'],
    }),
    ON_XAI,
  );

  it('sends local_shell as a function taking the exec action fields', () => {
    expect(translated.body.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'local_shell',
          description: expect.any(String),
          parameters: {
            type: 'object',
            properties: {
              command: {
                type: 'array',
                items: { type: 'string' },
                description: 'The program and its arguments.',
              },
              working_directory: { type: 'string', description: 'The directory to run the command in.' },
              timeout_ms: { type: 'integer', description: 'How long the command may run, in milliseconds.' },
              env: {
                type: 'object',
                additionalProperties: { type: 'string' },
                description: 'Environment variables to set.',
              },
            },
            required: ['command'],
            additionalProperties: false,
          },
        },
      },
    ]);
    expect(translated.clientTools).toEqual(new Map([['local_shell', { type: 'local_shell' }]]));
  });

  it('carries calls and both kinds of output', () => {
    expect(translated.body.messages.slice(2)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_ls',
            type: 'function',
            function: {
              name: 'local_shell',
              arguments: '{"command":["ls","-a"],"working_directory":"/w","env":{}}',
            },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_ls', content: 'a.txt' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_pwd',
            type: 'function',
            function: { name: 'local_shell', arguments: '{"command":["pwd"],"env":{}}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_pwd', content: '/w' },
    ]);
    expect(translated.warnings.filter((warning) => warning.includes('dropped from the input'))).toEqual([]);
  });
});

describe('names', () => {
  it('shortens a flattened name over 64 characters for a Chat provider, and records both steps', () => {
    const long = { ...CALENDAR, name: `mcp__${'a'.repeat(50)}__` };
    const translated = chatRequestFromResponses(
      codexRequest({ tools: [long] as ResponsesRequest['tools'] }),
      ON_XAI,
    );
    const flat = `mcp__${'a'.repeat(50)}____create_event`;
    const sent = (translated.body.tools ?? []).map(
      (tool) => (tool as { function: { name: string } }).function.name,
    )[0];
    expect(flat.length).toBeGreaterThan(64);
    expect(sent).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    expect(translated.toolNames.get(sent ?? '')).toBe(flat);
    expect(translated.clientTools?.get(flat)).toEqual({
      type: 'function',
      namespace: long.name,
      name: 'create_event',
    });
  });

  it('refuses a client function whose name a flattened tool also takes (400)', () => {
    const clash = { type: 'function', name: 'multi_agent_v1__spawn_agent', parameters: { type: 'object' } };
    const error = refusal(() =>
      chatRequestFromResponses(
        codexRequest({ tools: [...CODEX_TOOLS, clash] as ResponsesRequest['tools'] }),
        ON_XAI,
      ),
    );
    expect(error.param).toBe('tools');
    expect(error.message).toContain('"multi_agent_v1__spawn_agent"');
  });

  it('allowed_tools: naming a namespace allows its tools, the tool search is allowed by type', () => {
    const allowed = chatRequestFromResponses(
      codexRequest({
        tools: [...CODEX_TOOLS, TOOL_SEARCH] as ResponsesRequest['tools'],
        // https://platform.openai.com/docs/api-reference/responses/create#responses-create-tool_choice
        tool_choice: {
          type: 'allowed_tools',
          mode: 'auto',
          tools: [{ type: 'namespace', name: 'multi_agent_v1' }, { type: 'tool_search' }],
        },
      }),
      ON_XAI,
    );
    expect(allowed.body.tools?.map((tool) => (tool as { function: { name: string } }).function.name)).toEqual(
      [
        'multi_agent_v1__close_agent',
        'multi_agent_v1__resume_agent',
        'multi_agent_v1__send_input',
        'multi_agent_v1__spawn_agent',
        'multi_agent_v1__wait_agent',
        'tool_search',
      ],
    );
  });

  it('forces a namespaced tool by its flat name', () => {
    const forced = chatRequestFromResponses(
      codexRequest({ tool_choice: { type: 'function', name: 'spawn_agent', namespace: 'multi_agent_v1' } }),
      ON_XAI,
    );
    expect(forced.body.tool_choice).toEqual({
      type: 'function',
      function: { name: 'multi_agent_v1__spawn_agent' },
    });
  });
});
