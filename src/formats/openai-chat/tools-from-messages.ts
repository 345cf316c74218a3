import type { CustomTool, ServerTool, Tool, ToolChoice } from '../anthropic-messages/wire.js';
import { isRecord } from '../usage.js';
import type { ChatProvider } from './chat-providers.js';
import type { Warn } from './request-notes.js';
import { type ChatServerTool, chatServerTool, serverToolKind } from './server-tools-from-messages.js';
import type { ChatFunctionTool, ChatRequest } from './wire.js';

/** Client tools have an `input_schema`; server tools (web_search, bash, text_editor, computer…) do not. */
function isCustomTool(tool: Tool): tool is CustomTool {
  return isRecord(tool.input_schema);
}

export interface ChatTools {
  functions: ChatFunctionTool[];
  /** The provider's own equivalents of Anthropic's server tools (OpenRouter's web search). */
  server: ChatServerTool[];
  /** Anthropic's server tools left to the next step (`leaveServerTools`), with their place in `tools`. */
  left: LeftServerTool[];
}

export interface LeftServerTool {
  index: number;
  tool: ServerTool;
}

/**
 * Messages tools → Chat function tools. Server tools that Anthropic runs (web search, web fetch,
 * code execution, MCP) become the provider's own equivalent, or a 400 (server-tools-from-messages.ts);
 * Anthropic-defined client tools without a schema (bash, text_editor, computer…) have no Chat form
 * and are dropped with a note.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools
 */
export function chatToolsFromMessages(
  tools: Tool[] | undefined,
  toolName: (name: string) => string,
  warn: Warn,
  provider: ChatProvider,
  leaveServerTools = false,
): ChatTools {
  const chatTools: ChatTools = { functions: [], server: [], left: [] };
  (tools ?? []).forEach((tool, index) => {
    if (isCustomTool(tool)) {
      const description = tool.description === undefined ? {} : { description: tool.description };
      chatTools.functions.push({
        type: 'function',
        function: { name: toolName(tool.name), ...description, parameters: tool.input_schema },
      });
      return;
    }
    const kind = serverToolKind(tool);
    if (kind && leaveServerTools) chatTools.left.push({ index, tool });
    else if (kind) chatTools.server.push(chatServerTool(tool, kind, index, provider, warn));
    else warn(`server tool "${tool.name}" (${tool.type}) dropped: it cannot run on a Chat provider`);
  });
  return chatTools;
}

type ChatToolChoiceFields = Pick<ChatRequest, 'tool_choice' | 'parallel_tool_calls'>;

/**
 * `tool_choice`: auto→auto, any→required, tool→named function, none→none;
 * `disable_parallel_tool_use` → `parallel_tool_calls: false`. Chat refuses both without tools, so a
 * choice naming a dropped (server) tool is dropped too.
 */
export function chatToolChoiceFromMessages(
  choice: ToolChoice | undefined,
  chatTools: readonly ChatFunctionTool[],
  toolName: (name: string) => string,
  warn: Warn,
): ChatToolChoiceFields {
  if (choice === undefined) return {};
  const parallel = 'disable_parallel_tool_use' in choice && choice.disable_parallel_tool_use === true;
  const fields: ChatToolChoiceFields = parallel ? { parallel_tool_calls: false } : {};
  switch (choice.type) {
    case 'auto':
      return { tool_choice: 'auto', ...fields };
    case 'any':
      return { tool_choice: 'required', ...fields };
    case 'none':
      return { tool_choice: 'none' };
    case 'tool': {
      const name = toolName(choice.name);
      if (chatTools.some((tool) => tool.function.name === name)) {
        return { tool_choice: { type: 'function', function: { name } }, ...fields };
      }
      warn(`tool_choice "${choice.name}" dropped: no such function tool is sent`);
      return fields;
    }
    default:
      warn(`tool_choice "${(choice as { type: string }).type}" dropped: unknown type`);
      return fields;
  }
}
