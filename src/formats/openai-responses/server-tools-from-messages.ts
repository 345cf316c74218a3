import type { ServerTool, ToolChoice } from '../anthropic-messages/wire.js';
import type { ChatProvider } from '../openai-chat/chat-providers.js';
import type { Warn } from '../openai-chat/request-notes.js';
import { serverToolKind } from '../openai-chat/server-tools-from-messages.js';
import type { LeftServerTool } from '../openai-chat/tools-from-messages.js';
import { UnsupportedRequestError } from '../translation.js';
import { isRecord } from '../usage.js';
import type { ResponsesTool, ResponsesToolChoice } from './wire.js';

/**
 * What Anthropic's server tools become on a Responses provider: the provider's own hosted tool, or
 * the reason it has none (part of the 400). Dropping one would let the model answer as if it had
 * searched or fetched, so a tool without an equivalent refuses the request.
 */
type Equivalents = Readonly<Record<string, { webSearch: boolean; none: Readonly<Record<string, string>> }>>;

const EQUIVALENTS: Equivalents = {
  openai: {
    // @see https://platform.openai.com/docs/guides/tools-web-search
    webSearch: true,
    none: {
      web_fetch: 'OpenAI has no web fetch tool (its web_search opens pages only inside a search)',
      // code_interpreter needs a container and answers with code_interpreter_call items, which ekai
      // does not turn into Anthropic's code execution result blocks.
      code_execution:
        "OpenAI's code_interpreter runs in a container whose calls and files ekai does not carry back to a Messages client",
      mcp_toolset:
        "OpenAI's mcp tool answers with mcp_call and approval items, which ekai does not carry back to a Messages client",
    },
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
 * Anthropic's `web_search_*` → Responses `web_search`: `allowed_domains` → `filters.allowed_domains`,
 * `user_location` (approximate city, region, country, timezone) → `user_location`, `max_uses` →
 * `max_tool_calls` (which counts every hosted tool call, and web search is the only hosted tool ekai
 * sends), `blocked_domains` and anything else noted as not sent. The search's sources are asked for
 * (`include: web_search_call.action.sources`): they become the client's search result list. Web
 * fetch, code execution, MCP toolsets and the MCP connector (`mcp_servers`) are refused, naming the
 * tool and the provider.
 * @see https://platform.openai.com/docs/guides/tools-web-search
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-max_tool_calls
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool
 */
export function responsesServerTools(
  left: readonly LeftServerTool[],
  mcpServers: unknown,
  provider: ChatProvider,
  warn: Warn,
): ResponsesServerTools {
  refuseMcpServers(mcpServers, provider);
  const tools: ResponsesTool[] = [];
  let maxUses: number | undefined;
  for (const { index, tool } of left) {
    const kind = serverToolKind(tool) ?? tool.type;
    const equivalents = EQUIVALENTS[provider.name];
    if (kind !== 'web_search' || !equivalents?.webSearch) {
      const why = equivalents?.none[kind] ?? NO_EQUIVALENT;
      throw new UnsupportedRequestError(
        `tools.${index}: the server tool "${tool.name}" (${tool.type}) cannot run on ${provider.label}: ${why}. ekai does not answer in its place.`,
        `tools.${index}`,
      );
    }
    warn(`server tool "${tool.name}" (${tool.type}) runs as ${provider.label}'s web_search`);
    tools.push(webSearchTool(tool, warn));
    if (typeof tool.max_uses === 'number' && tool.max_uses >= 1) maxUses = tool.max_uses;
  }
  if (tools.length === 0) return { tools, fields: {} };
  return {
    tools,
    fields: {
      include: ['web_search_call.action.sources'],
      ...(maxUses !== undefined && { max_tool_calls: maxUses }),
    },
  };
}

/** Anthropic's web search fields and what becomes of each on OpenAI's `web_search`. */
const WEB_SEARCH_FIELDS: Readonly<Record<string, ((value: unknown) => Partial<ResponsesTool>) | string>> = {
  type: () => ({}),
  name: () => ({}),
  // Carried as the request's max_tool_calls (above).
  max_uses: () => ({}),
  // Noted by the Chat step with every other cache breakpoint.
  cache_control: () => ({}),
  allowed_domains: (domains) => (Array.isArray(domains) ? { filters: { allowed_domains: domains } } : {}),
  user_location: (location) => userLocation(location),
  blocked_domains: "OpenAI's web_search has no blocked domains",
};
const LOCATION_FIELDS = ['city', 'region', 'country', 'timezone'] as const;

function webSearchTool(tool: ServerTool, warn: Warn): ResponsesTool {
  let mapped: ResponsesTool = { type: 'web_search' };
  for (const [field, value] of Object.entries(tool)) {
    if (value === undefined || value === null) continue;
    const rule = WEB_SEARCH_FIELDS[field];
    if (typeof rule === 'function') mapped = { ...mapped, ...rule(value) };
    else warn(`${tool.name} ${field} not sent: ${rule ?? "OpenAI's web_search has no equivalent"}`);
  }
  return mapped;
}

/** @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools-web_search-user_location */
function userLocation(location: unknown): Partial<ResponsesTool> {
  if (!isRecord(location)) return {};
  const fields = LOCATION_FIELDS.filter((field) => typeof location[field] === 'string');
  if (fields.length === 0) return {};
  return {
    user_location: {
      type: 'approximate',
      ...Object.fromEntries(fields.map((field) => [field, location[field]])),
    },
  };
}

/** Choices the Chat step writes only when function tools are sent (`auto` is the default). */
const UNWRITTEN_CHOICE: Readonly<Record<string, ResponsesToolChoice>> = { any: 'required', none: 'none' };

/**
 * A `tool_choice` the Chat step could not write because it names, or only has, the server tools:
 * `any` → `required`, `none` → `none`, the web search tool by name → the `web_search` tool forced through
 * `allowed_tools`. Returns the choice and the Chat step's note it replaces, if any.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tool_choice
 */
export function serverToolChoice(
  choice: ToolChoice | undefined,
  left: readonly LeftServerTool[],
  chatChoice: unknown,
): { choice: ResponsesToolChoice; replaces?: string } | undefined {
  const plain = choice && chatChoice === undefined ? UNWRITTEN_CHOICE[choice.type] : undefined;
  if (plain) return { choice: plain };
  if (choice?.type !== 'tool') return undefined;
  const named = left.find(({ tool }) => tool.name === choice.name);
  if (!named || serverToolKind(named.tool) !== 'web_search') return undefined;
  return {
    choice: { type: 'allowed_tools', mode: 'required', tools: [{ type: 'web_search' }] },
    replaces: `tool_choice "${choice.name}" dropped: no such function tool is sent`,
  };
}

/**
 * Anthropic's MCP connector: OpenAI's `mcp` tool could call the servers, but answers with
 * `mcp_list_tools`, `mcp_call` and approval items a Messages client would not get; refused rather
 * than answered without the servers' tools.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/mcp-connector
 */
function refuseMcpServers(servers: unknown, provider: ChatProvider): void {
  if (!Array.isArray(servers) || servers.length === 0) return;
  const names = servers.map((server) => (isRecord(server) ? server.name : undefined)).filter(Boolean);
  throw new UnsupportedRequestError(
    `mcp_servers: the MCP connector (${names.join(', ') || `${servers.length} server(s)`}) cannot run on ${provider.label}: ekai does not carry MCP calls back from its Responses API. ekai does not answer in its place.`,
    'mcp_servers',
  );
}
