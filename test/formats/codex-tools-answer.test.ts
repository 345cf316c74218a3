/**
 * Codex's own tools on a Chat or Messages provider, answer side (issue 18, "Codex's own tools on
 * every model"): a call to a tool the request sent under a name of ekai's comes back to the client
 * as the item Codex parses, whole and streamed, from a Chat and from a Messages upstream. Expected
 * items are written by hand from:
 * - codex-rs protocol/src/models.rs `ResponseItem`: `function_call` {name, namespace, arguments,
 *   call_id}, `tool_search_call` {call_id, status, execution, arguments (a JSON value)},
 *   `local_shell_call` {call_id, status, action: {type: "exec", command, timeout_ms,
 *   working_directory, env, user}}; codex-rs codex-api SSE tests: a client tool search arrives as
 *   `response.output_item.done` with `{type: "tool_search_call", call_id, execution: "client",
 *   arguments: {query, limit}}`;
 * - https://platform.openai.com/docs/api-reference/responses-streaming (`output_item.added` /
 *   `.done`, `function_call_arguments.delta` / `.done` with `name` and `arguments`);
 * - upstream shapes: https://platform.openai.com/docs/api-reference/chat/streaming and
 *   https://docs.anthropic.com/en/docs/build-with-claude/streaming (tool_use, input_json_delta).
 */
import { describe, expect, it } from 'vitest';
import type { MessagesResponse } from '../../src/formats/anthropic-messages/wire.js';
import type { ChatResponse } from '../../src/formats/openai-chat/wire.js';
import type { ClientTool } from '../../src/formats/openai-responses/client-tools.js';
import { responsesResponseFromChat } from '../../src/formats/openai-responses/response-from-chat.js';
import { responsesResponseFromMessages } from '../../src/formats/openai-responses/response-from-messages.js';
import { sseEventsOf } from '../support/sse-events.js';
import { responseContext, translateStream } from './responses-client/support.js';

const CLIENT_TOOLS = new Map<string, ClientTool>([
  ['multi_agent_v1__spawn_agent', { type: 'function', namespace: 'multi_agent_v1', name: 'spawn_agent' }],
  ['mcp__notes____append', { type: 'custom', namespace: 'mcp__notes__', name: 'append' }],
  ['tool_search', { type: 'tool_search' }],
  ['local_shell', { type: 'local_shell' }],
]);
const CONTEXT = responseContext({ clientTools: CLIENT_TOOLS, customTools: ['apply_patch'] });

/** The calls the model makes, by upstream name, with the arguments it writes. */
const CALLS = [
  { id: 'call_1', name: 'multi_agent_v1__spawn_agent', arguments: '{"message":"count files"}' },
  { id: 'call_2', name: 'tool_search', arguments: '{"query":"calendar","limit":2}' },
  {
    id: 'call_3',
    name: 'local_shell',
    arguments: '{"command":["ls","-a"],"working_directory":"/w","timeout_ms":5000}',
  },
  { id: 'call_4', name: 'mcp__notes____append', arguments: '{"input":"a line"}' },
  { id: 'call_5', name: 'exec_command', arguments: '{"cmd":"ls"}' },
];

/** What Codex gets for each, in order (ids aside). */
const EXPECTED_ITEMS = [
  {
    type: 'function_call',
    status: 'completed',
    call_id: 'call_1',
    namespace: 'multi_agent_v1',
    name: 'spawn_agent',
    arguments: '{"message":"count files"}',
  },
  {
    type: 'tool_search_call',
    status: 'completed',
    call_id: 'call_2',
    execution: 'client',
    arguments: { query: 'calendar', limit: 2 },
  },
  {
    type: 'local_shell_call',
    status: 'completed',
    call_id: 'call_3',
    action: { type: 'exec', command: ['ls', '-a'], env: {}, timeout_ms: 5000, working_directory: '/w' },
  },
  {
    type: 'custom_tool_call',
    status: 'completed',
    call_id: 'call_4',
    namespace: 'mcp__notes__',
    name: 'append',
    input: 'a line',
  },
  {
    type: 'function_call',
    status: 'completed',
    call_id: 'call_5',
    name: 'exec_command',
    arguments: '{"cmd":"ls"}',
  },
];

const ITEM_IDS = [/^fc_/, /^tsc_/, /^lsc_/, /^ctc_/, /^fc_/];

function withoutIds(items: unknown[]): unknown[] {
  return items.map((item) => {
    const { id: _id, ...rest } = item as Record<string, unknown>;
    return rest;
  });
}

describe('whole answers', () => {
  it('from Chat: each call as the item Codex expects', () => {
    const chat: ChatResponse = {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1,
      model: 'grok-4',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            tool_calls: CALLS.map((call) => ({
              id: call.id,
              type: 'function' as const,
              function: { name: call.name, arguments: call.arguments },
            })),
          },
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    } as ChatResponse;
    const output = responsesResponseFromChat(chat, CONTEXT).output;
    expect(withoutIds(output)).toEqual(EXPECTED_ITEMS);
    for (const [index, item] of output.entries()) expect(item.id).toMatch(ITEM_IDS[index]!);
  });

  it('from Messages: each tool_use as the item Codex expects', () => {
    const messages = {
      id: 'msg_01',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4',
      content: CALLS.map((call) => ({
        type: 'tool_use',
        id: call.id,
        name: call.name,
        input: JSON.parse(call.arguments),
      })),
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 5 },
    } as unknown as MessagesResponse;
    const output = responsesResponseFromMessages(messages, { ...CONTEXT, model: 'claude-sonnet-4' }).output;
    expect(withoutIds(output)).toEqual(EXPECTED_ITEMS);
  });

  it('a name shortened for a Chat provider is restored before it is looked up', () => {
    const flat = `mcp__${'a'.repeat(50)}____create_event`;
    const sent = 'mcp__aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_12345678';
    const context = responseContext({
      toolNames: new Map([[sent, flat]]),
      clientTools: new Map([
        [flat, { type: 'function', namespace: `mcp__${'a'.repeat(50)}__`, name: 'create_event' }],
      ]),
    });
    const chat = {
      id: 'c',
      object: 'chat.completion',
      created: 1,
      model: 'grok-4',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'call_9', type: 'function', function: { name: sent, arguments: '{}' } }],
          },
          finish_reason: 'tool_calls',
        },
      ],
    } as unknown as ChatResponse;
    expect(withoutIds(responsesResponseFromChat(chat, context).output)).toEqual([
      {
        type: 'function_call',
        status: 'completed',
        call_id: 'call_9',
        namespace: `mcp__${'a'.repeat(50)}__`,
        name: 'create_event',
        arguments: '{}',
      },
    ]);
  });
});

function chatChunk(delta: Record<string, unknown>, finish: string | null = null): string {
  const chunk = {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'grok-4',
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** Each call in two fragments: the name with the first half of the arguments, then the rest. */
function chatStream(): string[] {
  const pieces = CALLS.flatMap((call, index) => {
    const half = Math.floor(call.arguments.length / 2);
    return [
      chatChunk({
        tool_calls: [
          {
            index,
            id: call.id,
            type: 'function',
            function: { name: call.name, arguments: call.arguments.slice(0, half) },
          },
        ],
      }),
      chatChunk({ tool_calls: [{ index, function: { arguments: call.arguments.slice(half) } }] }),
    ];
  });
  const usage = {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'grok-4',
    choices: [],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
  return [
    chatChunk({ role: 'assistant', content: null }),
    ...pieces,
    chatChunk({}, 'tool_calls'),
    `data: ${JSON.stringify(usage)}\n\n`,
    'data: [DONE]\n\n',
  ];
}

function messagesEvent(type: string, data: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}

function messagesStream(): string[] {
  return [
    messagesEvent('message_start', {
      message: {
        id: 'msg_01',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 10, output_tokens: 1 },
      },
    }),
    ...CALLS.flatMap((call, index) => [
      messagesEvent('content_block_start', {
        index,
        content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} },
      }),
      messagesEvent('content_block_delta', {
        index,
        delta: { type: 'input_json_delta', partial_json: call.arguments },
      }),
      messagesEvent('content_block_stop', { index }),
    ]),
    messagesEvent('message_delta', {
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens: 5 },
    }),
    messagesEvent('message_stop', {}),
  ];
}

describe.each([
  ['Chat', 'chat' as const, chatStream],
  ['Messages', 'messages' as const, messagesStream],
])('streamed from %s', (_name, upstream, stream) => {
  const events = sseEventsOf(translateStream(upstream, stream(), CONTEXT)).map(
    (event) => JSON.parse(event.data) as Record<string, unknown>,
  );
  const ofType = (type: string) => events.filter((event) => event.type === type);

  it('closes each call as the item Codex expects, and completes with them all', () => {
    expect(withoutIds(ofType('response.output_item.done').map((event) => event.item))).toEqual(
      EXPECTED_ITEMS,
    );
    const completed = ofType('response.completed')[0]?.response as { output: unknown[] };
    expect(withoutIds(completed.output)).toEqual(EXPECTED_ITEMS);
  });

  it('opens each in progress, with nothing of its arguments yet', () => {
    expect(withoutIds(ofType('response.output_item.added').map((event) => event.item))).toEqual([
      {
        type: 'function_call',
        status: 'in_progress',
        call_id: 'call_1',
        namespace: 'multi_agent_v1',
        name: 'spawn_agent',
        arguments: '',
      },
      {
        type: 'tool_search_call',
        status: 'in_progress',
        call_id: 'call_2',
        execution: 'client',
        arguments: {},
      },
      {
        type: 'local_shell_call',
        status: 'in_progress',
        call_id: 'call_3',
        action: { type: 'exec', command: [], env: {} },
      },
      {
        type: 'custom_tool_call',
        status: 'in_progress',
        call_id: 'call_4',
        namespace: 'mcp__notes__',
        name: 'append',
        input: '',
      },
      {
        type: 'function_call',
        status: 'in_progress',
        call_id: 'call_5',
        name: 'exec_command',
        arguments: '',
      },
    ]);
  });

  it("streams only function calls' arguments, a namespace's tool under its own name", () => {
    const done = ofType('response.function_call_arguments.done');
    expect(done.map((event) => [event.name, event.arguments])).toEqual([
      ['spawn_agent', '{"message":"count files"}'],
      ['exec_command', '{"cmd":"ls"}'],
    ]);
    const deltas = ofType('response.function_call_arguments.delta')
      .map((event) => event.delta)
      .join('');
    expect(deltas).toBe('{"message":"count files"}{"cmd":"ls"}');
    expect(ofType('response.custom_tool_call_input.done').map((event) => event.input)).toEqual(['a line']);
  });
});
