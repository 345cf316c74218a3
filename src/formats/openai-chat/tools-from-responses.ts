import {
  type OpenAiWebSearch,
  RESPONSES_WEB_SEARCH_TYPES,
  webSearchFromResponsesTool,
} from '../anthropic-messages/web-search-from-openai.js';
import { customToolDescription, customToolInputSchema } from '../custom-tools.js';
import type { ClientTool } from '../openai-responses/client-tools.js';
import type { ResponsesCustomTool, ResponsesRequest, ResponsesToolChoice } from '../openai-responses/wire.js';
import { UnsupportedRequestError } from '../translation.js';
import { isRecord } from '../usage.js';
import { LOCAL_SHELL, localShellFunction } from './local-shell-from-responses.js';
import { flatToolName, flattenNamespace } from './namespace-tools.js';
import type { Warn } from './request-notes.js';
import {
  isClientToolSearch,
  TOOL_SEARCH,
  toolSearchFunction,
  toolsLoadedByHistory,
} from './tool-search-from-responses.js';
import type { ChatFunctionTool, ChatRequest, ChatToolChoice } from './wire.js';

export interface ToolsTranslation {
  fields: Pick<ChatRequest, 'tools' | 'tool_choice' | 'parallel_tool_calls'>;
  /** Client names of the custom tools sent as functions taking `{"input": string}`. */
  customTools: string[];
  /** Web search tools left to the Messages step (`leaveWebSearch`), which maps them to Anthropic's. */
  webSearch: OpenAiWebSearch[];
  /** Tools sent under a name of ekai's (namespaces' tools, tool search, local shell), by that name. */
  clientTools: Map<string, ClientTool>;
}

/** A client tool as it goes up: a function or custom tool under the name the model will call. */
interface Offered {
  name: string;
  tool: Record<string, unknown>;
  declared?: ClientTool;
}

/**
 * Responses `tools`, `tool_choice` and `parallel_tool_calls` → Chat. Function tools map one to one
 * (`{type, name, description, parameters, strict}` → `{type, function: {…}}`). A custom tool (free
 * text input, such as Codex's `apply_patch`) becomes a function taking `{"input": string}`, its
 * grammar quoted in the description; the response side turns calls to it back into
 * `custom_tool_call` items. Codex's own tools, which Codex sends on every non-OpenAI model, go up as
 * functions too, recorded in `clientTools` for the answer to give back the item Codex expects: each
 * tool of a `namespace` as `namespace__name` (namespace-tools.ts), the client-executed `tool_search`
 * (with the tools its outputs loaded so far, tool-search-from-responses.ts) and `local_shell`
 * (local-shell-from-responses.ts). Other hosted tools (file_search, mcp, a server-executed tool
 * search, …) run only on OpenAI and are dropped, except web search when the request goes on to a
 * Messages provider (`leaveWebSearch`): it is returned in `webSearch`, never in the Chat body, for
 * the Messages step to map to Anthropic's web search tool. `allowed_tools` sends only the allowed
 * tools. Chat refuses `tool_choice` and `parallel_tool_calls` without tools, so neither is sent then.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools
 * @see https://platform.openai.com/docs/guides/function-calling#custom-tools
 */
export function chatToolsFromResponses(
  body: Pick<ResponsesRequest, 'tools' | 'tool_choice' | 'parallel_tool_calls' | 'input'>,
  toolName: (name: string) => string,
  warn: Warn,
  leaveWebSearch = false,
): ToolsTranslation {
  const allowed = allowedToolNames(body.tool_choice);
  const offered: Offered[] = [];
  const searchTools: Array<[number, Record<string, unknown>]> = [];
  let deferred = 0;
  for (const [index, tool] of (Array.isArray(body.tools) ? body.tools : []).entries()) {
    if (leaveWebSearch && isRecord(tool) && RESPONSES_WEB_SEARCH_TYPES.has(String(tool.type))) {
      searchTools.push([index, tool]);
      continue;
    }
    const tools = clientToolsOf(tool, warn);
    if (tools === undefined) {
      warn(`${isRecord(tool) ? String(tool.type) : 'malformed'} tool dropped: only OpenAI runs hosted tools`);
      continue;
    }
    for (const entry of tools) {
      if (allowed && !isAllowed(entry, allowed)) continue;
      if (entry.tool.defer_loading === true) deferred++;
      offered.push(entry);
    }
  }
  if (deferred > 0)
    warn(
      `defer_loading ignored on ${deferred} tool(s): they are sent with the others, as neither Chat nor Messages loads tools on demand`,
    );
  // Tools a client-run tool search loaded (or additional_tools added) earlier in the conversation.
  for (const tool of toolsLoadedByHistory(body.input)) {
    const loaded = clientToolsOf(tool, warn);
    if (loaded === undefined)
      warn(`${String(tool.type)} tool loaded during the conversation dropped: only OpenAI runs hosted tools`);
    for (const entry of loaded ?? [])
      if (!offered.some((sent) => sent.name === entry.name)) offered.push(entry);
  }
  assertUniqueNames(offered);
  const tools: ChatFunctionTool[] = [];
  const customTools: string[] = [];
  const clientTools = new Map<string, ClientTool>();
  for (const { name, tool, declared } of offered) {
    if (tool.type === 'custom') {
      tools.push(customTool(tool as unknown as ResponsesCustomTool, toolName(name)));
      if (declared === undefined) customTools.push(name);
    } else {
      tools.push(functionTool(tool, toolName(name)));
    }
    if (declared) clientTools.set(name, declared);
  }
  // Offered alone, or forced, the search is what the request is about.
  const searchRequired = tools.length === 0 || forcesWebSearch(body.tool_choice);
  const webSearch = searchTools.map(([index, tool]) =>
    webSearchFromResponsesTool(tool, index, searchRequired),
  );
  if (tools.length === 0) {
    if (isForced(body.tool_choice)) warn('tool_choice dropped: no function tools are sent');
    return { fields: {}, customTools, webSearch, clientTools };
  }
  const choice = toolChoice(body.tool_choice, tools, toolName, warn);
  return {
    fields: {
      tools,
      ...(choice !== undefined && { tool_choice: choice }),
      ...(typeof body.parallel_tool_calls === 'boolean' && { parallel_tool_calls: body.parallel_tool_calls }),
    },
    customTools,
    webSearch,
    clientTools,
  };
}

/**
 * The functions and custom tools a Responses tool stands for, by the name each goes up under;
 * undefined for a tool only OpenAI runs.
 */
function clientToolsOf(tool: unknown, warn: Warn): Offered[] | undefined {
  if (!isRecord(tool)) return undefined;
  if ((tool.type === 'function' || tool.type === 'custom') && typeof tool.name === 'string')
    return [{ name: tool.name, tool }];
  if (tool.type === 'namespace')
    return flattenNamespace(tool, (what) => warn(`${what} dropped: only function and custom tools are sent`));
  if (isClientToolSearch(tool))
    return [{ name: TOOL_SEARCH, tool: toolSearchFunction(tool), declared: { type: 'tool_search' } }];
  if (tool.type === 'local_shell')
    return [{ name: LOCAL_SHELL, tool: localShellFunction(), declared: { type: 'local_shell' } }];
  return undefined;
}

/**
 * Flattened names share one list with the client's own: a function the client named
 * `multi_agent_v1__spawn_agent` (or `tool_search`) beside the namespace's would leave the answer
 * no way to tell which the model called.
 */
function assertUniqueNames(offered: readonly Offered[]): void {
  const seen = new Set<string>();
  for (const { name } of offered) {
    if (seen.has(name))
      throw new UnsupportedRequestError(
        `tools: two tools go up as "${name}" (a namespace's tools are sent as namespace__name, the client tool search as tool_search, local_shell as local_shell): rename one`,
        'tools',
      );
    seen.add(name);
  }
}

function functionTool(tool: Record<string, unknown>, name: string): ChatFunctionTool {
  const { description, parameters, strict } = tool;
  return {
    type: 'function',
    function: {
      name,
      ...(typeof description === 'string' && { description }),
      ...(isRecord(parameters) && { parameters }),
      ...(typeof strict === 'boolean' && { strict }),
    },
  };
}

/** A custom tool's whole input is one string: the model writes it as the `input` argument. */
function customTool(tool: ResponsesCustomTool, name: string): ChatFunctionTool {
  const grammar = isRecord(tool.format) && tool.format.type === 'grammar' ? tool.format : undefined;
  return {
    type: 'function',
    function: {
      name,
      description: customToolDescription(tool.description, grammar),
      parameters: customToolInputSchema(),
    },
  };
}

/**
 * auto, none, required → the same; a named function or custom tool → the named function (dropped,
 * with a warning, when that tool is not sent); `allowed_tools` → its mode (the tools are filtered
 * above); a hosted tool → dropped.
 */
function toolChoice(
  choice: ResponsesToolChoice | undefined,
  tools: ChatFunctionTool[],
  toolName: (name: string) => string,
  warn: Warn,
): ChatToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (choice === 'auto' || choice === 'none' || choice === 'required') return choice;
  if (!isRecord(choice)) {
    warn('tool_choice not understood; the provider default (auto) applies');
    return undefined;
  }
  if ((choice.type === 'function' || choice.type === 'custom') && typeof choice.name === 'string') {
    const name = toolName(flatToolName((choice as Record<string, unknown>).namespace, choice.name));
    if (tools.some((tool) => tool.function.name === name)) return { type: 'function', function: { name } };
    warn(`tool_choice "${choice.name}" dropped: no such tool is sent`);
    return undefined;
  }
  if (choice.type === 'allowed_tools') return choice.mode === 'required' ? 'required' : 'auto';
  warn(`tool_choice ${String(choice.type)} dropped: only OpenAI runs hosted tools`);
  return undefined;
}

function isAllowed(entry: Offered, allowed: ReadonlySet<string>): boolean {
  const namespace = entry.declared && 'namespace' in entry.declared ? entry.declared.namespace : undefined;
  return allowed.has(entry.name) || (namespace !== undefined && allowed.has(namespace));
}

function allowedToolNames(choice: ResponsesToolChoice | undefined): Set<string> | undefined {
  if (!isRecord(choice) || choice.type !== 'allowed_tools' || !Array.isArray(choice.tools)) return undefined;
  // A namespace's tool is named with its namespace; naming the namespace allows all its tools. The
  // tool search and local shell are allowed by type (they have no name).
  return new Set(
    choice.tools.flatMap((tool) => {
      if (!isRecord(tool)) return [];
      if (typeof tool.name === 'string') return [flatToolName(tool.namespace, tool.name)];
      return tool.type === TOOL_SEARCH || tool.type === LOCAL_SHELL ? [tool.type] : [];
    }),
  );
}

function forcesWebSearch(choice: ResponsesToolChoice | undefined): boolean {
  return isRecord(choice) && RESPONSES_WEB_SEARCH_TYPES.has(String(choice.type));
}

function isForced(choice: ResponsesToolChoice | undefined): boolean {
  return choice === 'required' || (isRecord(choice) && choice.type !== 'allowed_tools');
}
