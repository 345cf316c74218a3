import type { Warn } from '../openai-chat/request-notes.js';
import type { ChatRequest } from '../openai-chat/wire.js';
import { isRecord } from '../usage.js';
import type { ResponsesRequest, ResponsesTool, ResponsesToolChoice } from './wire.js';

/** What a function without `parameters` takes in Chat: nothing (Responses requires a schema). */
const NO_PARAMETERS = { type: 'object', properties: {} };

/**
 * Chat `tools`, `tool_choice` and `parallel_tool_calls` → Responses. A function tool is flattened
 * (`{type, function: {name, description, parameters, strict}}` → `{type, name, description,
 * parameters, strict}`); a custom tool likewise (its grammar's `{syntax, definition}` moves up one
 * level). `strict` is always written: Chat functions are non-strict unless the client says so,
 * while Responses makes a function without `strict` strict, which would make optional arguments
 * required and refuse schemas that strict mode does not support. Without tools, neither
 * `tool_choice` nor `parallel_tool_calls` is sent.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools
 * @see https://platform.openai.com/docs/guides/function-calling#strict-mode
 */
export function responsesToolsFromChat(
  body: Pick<ChatRequest, 'tools' | 'tool_choice' | 'parallel_tool_calls'>,
  warn: Warn,
): Pick<ResponsesRequest, 'tools' | 'tool_choice' | 'parallel_tool_calls'> {
  const tools = (Array.isArray(body.tools) ? body.tools : []).flatMap((tool: unknown) => {
    const converted = responsesTool(tool);
    if (!converted)
      warn(
        `a ${isRecord(tool) ? String(tool.type) : 'malformed'} tool was dropped: Responses has no equivalent`,
      );
    return converted ? [converted] : [];
  });
  if (tools.length === 0) {
    if (isForced(body.tool_choice)) warn('tool_choice dropped: no tools are sent');
    return {};
  }
  const choice = toolChoice(body.tool_choice, warn);
  return {
    tools,
    ...(choice !== undefined && { tool_choice: choice }),
    ...(typeof body.parallel_tool_calls === 'boolean' && { parallel_tool_calls: body.parallel_tool_calls }),
  };
}

function responsesTool(tool: unknown): ResponsesTool | undefined {
  if (!isRecord(tool)) return undefined;
  if (tool.type === 'function' && isRecord(tool.function) && typeof tool.function.name === 'string') {
    const { name, description, parameters, strict } = tool.function;
    return {
      type: 'function',
      name,
      ...(typeof description === 'string' && { description }),
      parameters: isRecord(parameters) ? parameters : NO_PARAMETERS,
      strict: strict === true,
    };
  }
  if (tool.type === 'custom' && isRecord(tool.custom) && typeof tool.custom.name === 'string') {
    const { name, description, format } = tool.custom;
    const responsesFormat = customFormat(format);
    return {
      type: 'custom',
      name,
      ...(typeof description === 'string' && { description }),
      ...(responsesFormat && { format: responsesFormat }),
    };
  }
  return undefined;
}

/** Chat `{type: grammar, grammar: {syntax, definition}}` → Responses `{type: grammar, syntax, definition}`. */
function customFormat(format: unknown): Record<string, unknown> | undefined {
  if (!isRecord(format)) return undefined;
  if (format.type === 'grammar' && isRecord(format.grammar)) return { type: 'grammar', ...format.grammar };
  return format.type === 'text' ? { type: 'text' } : undefined;
}

/**
 * auto, none, required → the same; a named function or custom tool → the same, flattened
 * (`{type: function, function: {name}}` → `{type: function, name}`); `allowed_tools` → its mode and
 * its tools, flattened likewise.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tool_choice
 */
function toolChoice(choice: unknown, warn: Warn): ResponsesToolChoice | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (choice === 'auto' || choice === 'none' || choice === 'required') return choice;
  const named = isRecord(choice) ? namedTool(choice) : undefined;
  if (named) return named;
  if (isRecord(choice) && choice.type === 'allowed_tools' && isRecord(choice.allowed_tools)) {
    const { mode, tools } = choice.allowed_tools;
    return {
      type: 'allowed_tools',
      mode: mode === 'required' ? 'required' : 'auto',
      tools: (Array.isArray(tools) ? tools : []).flatMap((tool: unknown) => {
        const reference = isRecord(tool) ? namedTool(tool) : undefined;
        return reference ? [reference] : [];
      }),
    };
  }
  warn('tool_choice not understood; the provider default (auto) applies');
  return undefined;
}

/** `{type: function, function: {name}}` or `{type: custom, custom: {name}}` → `{type, name}`. */
function namedTool(reference: Record<string, unknown>): { type: string; name: string } | undefined {
  const type = reference.type;
  if (type !== 'function' && type !== 'custom') return undefined;
  const inner = reference[type];
  return isRecord(inner) && typeof inner.name === 'string' ? { type, name: inner.name } : undefined;
}

function isForced(choice: unknown): boolean {
  return choice === 'required' || (isRecord(choice) && choice.type !== 'allowed_tools');
}
