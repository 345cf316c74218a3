import {
  type OpenAiWebSearch,
  RESPONSES_WEB_SEARCH_TYPES,
  webSearchFromResponsesTool,
} from '../anthropic-messages/web-search-from-openai.js';
import { customToolDescription, customToolInputSchema } from '../custom-tools.js';
import type { ResponsesCustomTool, ResponsesRequest, ResponsesToolChoice } from '../openai-responses/wire.js';
import { isRecord } from '../usage.js';
import type { Warn } from './request-notes.js';
import type { ChatFunctionTool, ChatRequest, ChatToolChoice } from './wire.js';

export interface ToolsTranslation {
  fields: Pick<ChatRequest, 'tools' | 'tool_choice' | 'parallel_tool_calls'>;
  /** Client names of the custom tools sent as functions taking `{"input": string}`. */
  customTools: string[];
  /** Web search tools left to the Messages step (`leaveWebSearch`), which maps them to Anthropic's. */
  webSearch: OpenAiWebSearch[];
}

/**
 * Responses `tools`, `tool_choice` and `parallel_tool_calls` → Chat. Function tools map one to one
 * (`{type, name, description, parameters, strict}` → `{type, function: {…}}`). A custom tool (free
 * text input, such as Codex's `apply_patch`) becomes a function taking `{"input": string}`, its
 * grammar quoted in the description; the response side turns calls to it back into
 * `custom_tool_call` items. Hosted tools (web_search, file_search, local_shell, mcp, …) run only on
 * OpenAI and are dropped, except web search when the request goes on to a Messages provider
 * (`leaveWebSearch`): it is returned in `webSearch`, never in the Chat body, for the Messages step
 * to map to Anthropic's web search tool. `allowed_tools` sends only the allowed tools. Chat refuses `tool_choice`
 * and `parallel_tool_calls` without tools, so neither is sent then.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools
 * @see https://platform.openai.com/docs/guides/function-calling#custom-tools
 */
export function chatToolsFromResponses(
  body: Pick<ResponsesRequest, 'tools' | 'tool_choice' | 'parallel_tool_calls'>,
  toolName: (name: string) => string,
  warn: Warn,
  leaveWebSearch = false,
): ToolsTranslation {
  const allowed = allowedToolNames(body.tool_choice);
  const tools: ChatFunctionTool[] = [];
  const customTools: string[] = [];
  const searchTools: Array<[number, Record<string, unknown>]> = [];
  for (const [index, tool] of (Array.isArray(body.tools) ? body.tools : []).entries()) {
    if (leaveWebSearch && isRecord(tool) && RESPONSES_WEB_SEARCH_TYPES.has(String(tool.type))) {
      searchTools.push([index, tool]);
      continue;
    }
    if (
      !isRecord(tool) ||
      (tool.type !== 'function' && tool.type !== 'custom') ||
      typeof tool.name !== 'string'
    ) {
      warn(`${isRecord(tool) ? String(tool.type) : 'malformed'} tool dropped: only OpenAI runs hosted tools`);
      continue;
    }
    if (allowed && !allowed.has(tool.name)) continue;
    if (tool.type === 'function') {
      tools.push(functionTool(tool, toolName));
    } else {
      tools.push(customTool(tool as unknown as ResponsesCustomTool, toolName));
      customTools.push(tool.name);
    }
  }
  // Offered alone, or forced, the search is what the request is about.
  const searchRequired = tools.length === 0 || forcesWebSearch(body.tool_choice);
  const webSearch = searchTools.map(([index, tool]) =>
    webSearchFromResponsesTool(tool, index, searchRequired),
  );
  if (tools.length === 0) {
    if (isForced(body.tool_choice)) warn('tool_choice dropped: no function tools are sent');
    return { fields: {}, customTools, webSearch };
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
  };
}

function functionTool(tool: Record<string, unknown>, toolName: (name: string) => string): ChatFunctionTool {
  const { description, parameters, strict } = tool;
  return {
    type: 'function',
    function: {
      name: toolName(String(tool.name)),
      ...(typeof description === 'string' && { description }),
      ...(isRecord(parameters) && { parameters }),
      ...(typeof strict === 'boolean' && { strict }),
    },
  };
}

/** A custom tool's whole input is one string: the model writes it as the `input` argument. */
function customTool(tool: ResponsesCustomTool, toolName: (name: string) => string): ChatFunctionTool {
  const grammar = isRecord(tool.format) && tool.format.type === 'grammar' ? tool.format : undefined;
  return {
    type: 'function',
    function: {
      name: toolName(tool.name),
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
    const name = toolName(choice.name);
    if (tools.some((tool) => tool.function.name === name)) return { type: 'function', function: { name } };
    warn(`tool_choice "${choice.name}" dropped: no such tool is sent`);
    return undefined;
  }
  if (choice.type === 'allowed_tools') return choice.mode === 'required' ? 'required' : 'auto';
  warn(`tool_choice ${String(choice.type)} dropped: only OpenAI runs hosted tools`);
  return undefined;
}

function allowedToolNames(choice: ResponsesToolChoice | undefined): Set<string> | undefined {
  if (!isRecord(choice) || choice.type !== 'allowed_tools' || !Array.isArray(choice.tools)) return undefined;
  return new Set(
    choice.tools.flatMap((tool) => (isRecord(tool) && typeof tool.name === 'string' ? [tool.name] : [])),
  );
}

function forcesWebSearch(choice: ResponsesToolChoice | undefined): boolean {
  return isRecord(choice) && RESPONSES_WEB_SEARCH_TYPES.has(String(choice.type));
}

function isForced(choice: ResponsesToolChoice | undefined): boolean {
  return choice === 'required' || (isRecord(choice) && choice.type !== 'allowed_tools');
}
