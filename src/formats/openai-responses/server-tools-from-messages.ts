import type { ToolChoice } from '../anthropic-messages/wire.js';
import type { ChatProvider } from '../openai-chat/chat-providers.js';
import type { Warn } from '../openai-chat/request-notes.js';
import { refuseMcpServers, serverToolKind } from '../openai-chat/server-tools-from-messages.js';
import type { LeftServerTool } from '../openai-chat/tools-from-messages.js';
import { UnsupportedRequestError } from '../translation.js';
import { maxUsesOf, WEB_SEARCH, type WebSearchEquivalent } from './web-search-tools.js';
import type { ResponsesTool, ResponsesToolChoice } from './wire.js';

/**
 * Why a Responses provider runs none of Anthropic's other server tools (part of the 400). Dropping
 * one would let the model answer as if it had searched or fetched, so a tool without an
 * equivalent refuses the request. Web search is web-search-tools.ts's.
 */
const NO_EQUIVALENT_OF: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  openai: {
    web_fetch: 'OpenAI has no web fetch tool (its web_search opens pages only inside a search)',
    // code_interpreter needs a container and answers with code_interpreter_call items, which ekai
    // does not turn into Anthropic's code execution result blocks.
    code_execution:
      "OpenAI's code_interpreter runs in a container whose calls and files ekai does not carry back to a Messages client",
    mcp_toolset:
      "OpenAI's mcp tool answers with mcp_call and approval items, which ekai does not carry back to a Messages client",
  },
};
const NO_EQUIVALENT = 'ekai knows no equivalent on its Responses API';

/** The Responses step's additions for the server tools the Chat step left to it. */
export interface ResponsesServerTools {
  tools: ResponsesTool[];
  /** What the request needs besides the tools: the sources included, the searches' limit. */
  fields: { include?: string[]; max_tool_calls?: number };
}

/**
 * Anthropic's `web_search_*` → the provider's own hosted search (web-search-tools.ts: OpenAI's and
 * xAI's `web_search`, OpenRouter's `openrouter:web_search`), each field mapped or noted as not
 * sent, with the request fields it needs. Web search on a provider without one (Z.AI), web fetch,
 * code execution, MCP toolsets and the MCP connector (`mcp_servers`) are refused, naming the tool
 * and the provider.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool
 */
export function responsesServerTools(
  left: readonly LeftServerTool[],
  mcpServers: unknown,
  provider: ChatProvider,
  warn: Warn,
): ResponsesServerTools {
  // OpenAI's `mcp` tool could call the servers, but answers with `mcp_list_tools`, `mcp_call` and
  // approval items a Messages client would not get: refused rather than answered without them.
  refuseMcpServers(mcpServers, provider, 'ekai does not carry MCP calls back from its Responses API');
  const tools: ResponsesTool[] = [];
  let maxUses: number | undefined;
  let search: WebSearchEquivalent | undefined;
  for (const { index, tool } of left) {
    const kind = serverToolKind(tool) ?? tool.type;
    const equivalent = kind === 'web_search' ? WEB_SEARCH[provider.name] : undefined;
    if (typeof equivalent !== 'object') {
      const why = equivalent ?? NO_EQUIVALENT_OF[provider.name]?.[kind] ?? NO_EQUIVALENT;
      throw new UnsupportedRequestError(
        `tools.${index}: the server tool "${tool.name}" (${tool.type}) cannot run on ${provider.label}: ${why}. ekai does not answer in its place.`,
        `tools.${index}`,
      );
    }
    warn(`server tool "${tool.name}" (${tool.type}) runs as ${provider.label}'s ${equivalent.type}`);
    tools.push(equivalent.tool(tool, index, warn));
    search = equivalent;
    maxUses = maxUsesOf(tool) ?? maxUses;
  }
  return { tools, fields: search ? search.fields(maxUses) : {} };
}

/** Choices the Chat step writes only when function tools are sent (`auto` is the default). */
const UNWRITTEN_CHOICE: Readonly<Record<string, ResponsesToolChoice>> = { any: 'required', none: 'none' };

/**
 * A `tool_choice` the Chat step could not write because it names, or only has, the server tools:
 * `any` → `required`, `none` → `none`, the web search tool by name → OpenAI's `web_search` forced
 * through `allowed_tools` (on providers that document no such choice it is dropped, noted).
 * Returns the choice and the Chat step's note it replaces, if any.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tool_choice
 */
export function serverToolChoice(
  choice: ToolChoice | undefined,
  left: readonly LeftServerTool[],
  chatChoice: unknown,
  // Without it (a caller that knows no provider) the choice is written as for OpenAI.
  provider?: ChatProvider,
): { choice: ResponsesToolChoice; replaces?: string } | undefined {
  const plain = choice && chatChoice === undefined ? UNWRITTEN_CHOICE[choice.type] : undefined;
  if (plain) return { choice: plain };
  if (choice?.type !== 'tool') return undefined;
  const named = left.find(({ tool }) => tool.name === choice.name);
  const search = WEB_SEARCH[provider?.name ?? 'openai'];
  // Where no forced form is documented the Chat step's note stays: the choice is dropped, noted.
  if (!named || serverToolKind(named.tool) !== 'web_search' || typeof search !== 'object' || !search.forced)
    return undefined;
  return {
    choice: { type: 'allowed_tools', mode: 'required', tools: [search.forced] },
    replaces: `tool_choice "${choice.name}" dropped: no such function tool is sent`,
  };
}
