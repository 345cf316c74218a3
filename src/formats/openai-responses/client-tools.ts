import { parseJson } from '../stream-tap.js';
import { isRecord } from '../usage.js';
import { randomId } from './ids.js';
import { customToolInput, functionArguments, type ToolCall, toolCallItem } from './output-items.js';
import type { ItemStatus, ResponsesOutputItem } from './wire.js';

/**
 * How a Responses client declared a tool that went to a Chat or Messages provider as a plain
 * function under another name, so the answer gives the client back the item it expects. Codex 0.169
 * sends these on every non-OpenAI model (captured from the real CLI; shapes in codex-rs
 * tools/src/tool_spec.rs and protocol/src/models.rs):
 * - a function or custom tool inside a `namespace` tool (`multi_agent_v1`: spawn_agent, send_input,
 *   …; MCP servers' tools): called back as `function_call` / `custom_tool_call` with `namespace`;
 * - the client-executed `tool_search` (`execution: "client"`): called back as `tool_search_call`;
 * - `local_shell`: called back as `local_shell_call` with an `exec` action.
 * Plain function and custom tools are not here (their names come back through `toolNames` and
 * `customTools`).
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-output
 */
export type ClientTool =
  | { type: 'function' | 'custom'; namespace: string; name: string }
  | { type: 'tool_search' }
  | { type: 'local_shell' };

/**
 * The tools above by the name the request converter gave them (before any shortening of long names
 * for a Chat provider, which `toolNames` undoes first): a namespace's tool as `namespace__name`,
 * `tool_search`, `local_shell`.
 */
export type ClientToolMap = ReadonlyMap<string, ClientTool>;

/** The item kinds a call to a client tool becomes. */
export type ClientCallKind = 'function_call' | 'custom_tool_call' | 'tool_search_call' | 'local_shell_call';

const CALL_KIND: Record<ClientTool['type'], ClientCallKind> = {
  function: 'function_call',
  custom: 'custom_tool_call',
  tool_search: 'tool_search_call',
  local_shell: 'local_shell_call',
};

export function clientCallKind(tool: ClientTool): ClientCallKind {
  return CALL_KIND[tool.type];
}

const ID_PREFIX: Record<ClientTool['type'], string> = {
  function: 'fc_',
  custom: 'ctc_',
  tool_search: 'tsc_',
  local_shell: 'lsc_',
};

/**
 * The item for an upstream call to a client tool: `in_progress` while its arguments stream (they
 * are known only once complete, so it carries none yet), else with the arguments read as the
 * client's item holds them.
 */
export function clientToolCallItem(
  call: ToolCall,
  tool: ClientTool,
  status: ItemStatus,
  id = randomId(ID_PREFIX[tool.type]),
): ResponsesOutputItem {
  const done = status !== 'in_progress';
  const base = { id, call_id: call.callId, status };
  let item: Record<string, unknown>;
  switch (tool.type) {
    case 'function':
      item = {
        ...base,
        type: 'function_call',
        namespace: tool.namespace,
        name: tool.name,
        arguments: done ? functionArguments(call.arguments) : '',
      };
      break;
    case 'custom':
      item = {
        ...base,
        type: 'custom_tool_call',
        namespace: tool.namespace,
        name: tool.name,
        input: done ? customToolInput(call.arguments) : '',
      };
      break;
    case 'tool_search':
      item = {
        ...base,
        type: 'tool_search_call',
        execution: 'client',
        arguments: done ? searchArguments(call) : {},
      };
      break;
    case 'local_shell':
      item = { ...base, type: 'local_shell_call', action: execAction(done ? call.arguments : '') };
      break;
  }
  return item as unknown as ResponsesOutputItem;
}

/**
 * A finished call as the client gets it: one of Codex's own tools as the item it expects, else a
 * function call, or a custom tool call for the tools the client declared custom.
 */
export function calledToolItem(
  call: ToolCall,
  customTools: ReadonlySet<string>,
  clientTools: ClientToolMap | undefined,
): ResponsesOutputItem {
  const declared = clientTools?.get(call.name);
  return declared ? clientToolCallItem(call, declared, 'completed') : toolCallItem(call, customTools);
}

/** The model's arguments object (`{query, limit}` for Codex's search), `{}` when it wrote none. */
function searchArguments(call: ToolCall): Record<string, unknown> {
  const parsed = parseJson(functionArguments(call.arguments));
  return isRecord(parsed) ? parsed : {};
}

/**
 * The function `local_shell` went up as (local-shell-from-responses.ts) takes the exec action's own
 * fields; what the model wrote is carried into them, `command` as a list of strings (a single
 * string becomes a one-element list), `env` always present as the API documents it.
 * @see https://developers.openai.com/api/docs/guides/tools-local-shell
 */
function execAction(argumentsText: string): Record<string, unknown> {
  const parsed = parseJson(functionArguments(argumentsText));
  const args = isRecord(parsed) ? parsed : {};
  const command = Array.isArray(args.command)
    ? args.command.map(String)
    : typeof args.command === 'string'
      ? [args.command]
      : [];
  const env = isRecord(args.env)
    ? Object.fromEntries(Object.entries(args.env).map(([key, value]) => [key, String(value)]))
    : {};
  return {
    type: 'exec',
    command,
    env,
    ...(typeof args.timeout_ms === 'number' && { timeout_ms: args.timeout_ms }),
    ...(typeof args.working_directory === 'string' && { working_directory: args.working_directory }),
    ...(typeof args.user === 'string' && { user: args.user }),
  };
}
