import type { ChatRequest, ChatTool, ChatToolChoice } from '../openai-chat/wire.js';
import { UnsupportedRequestError } from '../translation.js';
import { isRecord } from '../usage.js';
import { customToolFromChat } from './custom-tools-from-chat.js';
import type { CustomTool, ServerTool, Tool, ToolChoice } from './wire.js';

export interface ToolsTranslation {
  tools?: Tool[];
  tool_choice?: ToolChoice;
  /** The tool forced to emulate `response_format: json_schema`; its input is the answer. */
  jsonTool?: string;
  /** Names of the client's custom (free text) tools: pass on as ResponseContext.customTools. */
  customTools: string[];
}

export interface ToolsOptions {
  /** The model takes `strict` tools (structured-output-models.ts); elsewhere `strict` is dropped. */
  native: boolean;
  /** `response_format: json_schema` is answered through a forced tool (models without JSON outputs). */
  jsonViaTool: boolean;
  /** Anthropic's server tools the request asks for (web search from `web_search_options` or a Responses tool). */
  serverTools?: readonly ServerTool[];
}

/** The name of the forced tool when the schema's own name cannot be used. */
const JSON_TOOL = 'json_response';

/**
 * Chat `tools`, `tool_choice`, `parallel_tool_calls` and (models without JSON outputs)
 * `response_format: json_schema` → Messages `tools` and `tool_choice`. Function tools map one to
 * one, `strict` kept where the model takes it; custom tools become tools taking `{"input": text}`
 * (custom-tools-from-chat.ts). The json_schema fallback is a tool whose input is the answer, forced
 * when the client offers no other tool (TRANSLATION.md).
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/strict-tool-use
 */
export function toolsFromChat(
  body: ChatRequest,
  warnings: string[],
  options: ToolsOptions,
): ToolsTranslation {
  const allowed = allowedToolNames(body.tool_choice);
  const customTools: string[] = [];
  const clientTools = (Array.isArray(body.tools) ? body.tools : [])
    .flatMap((tool) => toolFromChat(tool, customTools, options.native, warnings))
    .filter((tool) => allowed === undefined || allowed.has(tool.name));
  const serverTools = options.serverTools ?? [];
  assertUniqueNames(clientTools, serverTools);
  const offered: Tool[] = [...clientTools, ...serverTools];
  const jsonTool = options.jsonViaTool ? jsonToolFromChat(body.response_format, offered) : undefined;
  const tools = jsonTool ? [...offered, jsonTool] : offered;
  const sent = customTools.filter((name) => clientTools.some((tool) => tool.name === name));
  // Messages rejects tool_choice without tools, and a Chat client may send one anyway.
  if (tools.length === 0) return { customTools: sent };
  let choice = toolChoiceFromChat(body.tool_choice, warnings);
  if (jsonTool) choice = choiceWithJsonTool(choice, jsonTool.name, offered.length);
  if (body.parallel_tool_calls === false || jsonTool)
    choice = withoutParallelCalls(choice ?? { type: 'auto' });
  return {
    tools,
    ...(choice && { tool_choice: choice }),
    ...(jsonTool && { jsonTool: jsonTool.name }),
    customTools: sent,
  };
}

/**
 * Anthropic's server tools have fixed names (`web_search`) and Messages wants every tool name
 * unique: a client tool of that name leaves no way to offer both.
 */
function assertUniqueNames(clientTools: readonly CustomTool[], serverTools: readonly ServerTool[]): void {
  for (const server of serverTools)
    if (clientTools.some((tool) => tool.name === server.name))
      throw new UnsupportedRequestError(
        `tools: a function tool is named "${server.name}", the name Anthropic's ${server.type} tool must have, and Messages wants tool names unique: rename the function or do not ask for web search`,
        'tools',
      );
}

function toolFromChat(
  tool: ChatTool,
  customTools: string[],
  native: boolean,
  warnings: string[],
): CustomTool[] {
  const custom = customToolFromChat(tool);
  if (custom) {
    customTools.push(custom.name);
    return [custom];
  }
  const fn =
    isRecord(tool) && tool.type === 'function' && isRecord(tool.function) ? tool.function : undefined;
  if (typeof fn?.name !== 'string') {
    warnings.push(
      `a ${isRecord(tool) ? String(tool.type) : 'malformed'} tool was dropped: only function and custom tools map to Messages`,
    );
    return [];
  }
  const strict = fn.strict === true;
  if (strict && !native)
    warnings.push(`strict dropped from tool ${fn.name}: this model does not take strict tools`);
  return [
    {
      name: fn.name,
      ...(typeof fn.description === 'string' && { description: fn.description }),
      input_schema: objectSchema(fn.parameters),
      ...(strict && native && { strict: true }),
    },
  ];
}

/** Messages requires an object schema at the root; Chat lets `parameters` be missing or `{}`. */
export function objectSchema(schema: unknown): Record<string, unknown> {
  if (isRecord(schema) && schema.type !== undefined) return schema;
  return { type: 'object', properties: {}, ...(isRecord(schema) && schema) };
}

function toolChoiceFromChat(choice: ChatToolChoice | undefined, warnings: string[]): ToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'none') return { type: 'none' };
  if (choice === 'required') return { type: 'any' };
  if (isRecord(choice) && choice.type === 'function' && typeof choice.function?.name === 'string')
    return { type: 'tool', name: choice.function.name };
  if (isRecord(choice) && choice.type === 'custom' && typeof choice.custom?.name === 'string')
    return { type: 'tool', name: choice.custom.name };
  if (isRecord(choice) && choice.type === 'allowed_tools')
    return allowedToolsMode(choice) === 'required' ? { type: 'any' } : { type: 'auto' };
  warnings.push('tool_choice not understood; the provider default (auto) applies');
  return undefined;
}

/** `allowed_tools` restricts the tools the model may call: the others are not sent at all. */
function allowedToolNames(choice: ChatToolChoice | undefined): Set<string> | undefined {
  if (!isRecord(choice) || choice.type !== 'allowed_tools') return undefined;
  const config = isRecord(choice.allowed_tools) ? choice.allowed_tools : {};
  const tools = Array.isArray(config.tools) ? config.tools : [];
  // Function tools are named as `{type: "function", function: {name}}`, custom ones as `{type: "custom", custom: {name}}`.
  return new Set(
    tools.flatMap((tool) => {
      const named = isRecord(tool) ? (isRecord(tool.function) ? tool.function : tool.custom) : undefined;
      return isRecord(named) ? [String(named.name)] : [];
    }),
  );
}

function allowedToolsMode(choice: Record<string, unknown>): unknown {
  return isRecord(choice.allowed_tools) ? choice.allowed_tools.mode : undefined;
}

/**
 * With other tools on offer the model may call one of them or answer through the JSON tool (`any`);
 * a named choice stays (the JSON answer comes on a later turn); otherwise the JSON tool is forced.
 */
function choiceWithJsonTool(
  choice: ToolChoice | undefined,
  jsonTool: string,
  clientTools: number,
): ToolChoice {
  if (clientTools === 0 || choice?.type === 'none') return { type: 'tool', name: jsonTool };
  if (choice?.type === 'tool') return choice;
  return { type: 'any' };
}

function withoutParallelCalls(choice: ToolChoice): ToolChoice {
  return choice.type === 'none' ? choice : { ...choice, disable_parallel_tool_use: true };
}

function jsonToolFromChat(
  format: ChatRequest['response_format'],
  clientTools: readonly Tool[],
): CustomTool | undefined {
  if (!isRecord(format) || format.type !== 'json_schema' || !isRecord(format.json_schema)) return undefined;
  const { name, description, schema } = format.json_schema;
  const taken = new Set(clientTools.map((tool) => tool.name));
  const usable = typeof name === 'string' && /^[a-zA-Z0-9_-]{1,64}$/.test(name) && !taken.has(name);
  return {
    name: usable ? name : JSON_TOOL,
    description: `Give your final answer by calling this tool: its input is the answer.${typeof description === 'string' ? ` ${description}` : ''}`,
    input_schema: objectSchema(schema),
  };
}
