import type { ServerTool } from '../anthropic-messages/wire.js';
import { UnsupportedRequestError } from '../translation.js';
import { isRecord } from '../usage.js';
import type { ChatProvider } from './chat-providers.js';
import type { Warn } from './request-notes.js';

/**
 * Anthropic's server tools that Anthropic runs itself and answers with results the model reads: a
 * Chat provider either runs its own equivalent or the request is refused. Dropping one would let the
 * model answer as if it had searched (a 200 whose text pretends to be search results).
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-fetch-tool
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/code-execution-tool
 */
const SERVER_TOOL_KINDS = ['web_search', 'web_fetch', 'code_execution', 'mcp_toolset'] as const;
type ServerToolKind = (typeof SERVER_TOOL_KINDS)[number];

/** A provider's own tool, as its Chat API takes it in `tools`. */
export interface ChatServerTool {
  type: string;
  parameters?: Record<string, unknown>;
}

/** Anthropic tool field → the equivalent tool's parameter (`undefined`: no equivalent, noted). */
type FieldMap = Readonly<Record<string, string | undefined>>;

interface Equivalent {
  type: string;
  fields: FieldMap;
}

/**
 * OpenRouter runs web search and web fetch for any model as server tools in `tools` (its `web`
 * plugin is deprecated for them): the model decides when to call them, as with Anthropic's.
 * @see https://openrouter.ai/docs/guides/features/server-tools/web-search
 * @see https://openrouter.ai/docs/guides/features/server-tools/web-fetch
 */
const EQUIVALENTS: Readonly<Record<string, Partial<Record<ServerToolKind, Equivalent>>>> = {
  openrouter: {
    web_search: {
      type: 'openrouter:web_search',
      fields: {
        allowed_domains: 'allowed_domains',
        blocked_domains: 'excluded_domains',
        max_uses: undefined,
        user_location: undefined,
      },
    },
    web_fetch: {
      type: 'openrouter:web_fetch',
      fields: {
        allowed_domains: 'allowed_domains',
        blocked_domains: 'blocked_domains',
        max_uses: 'max_uses',
        max_content_tokens: 'max_content_tokens',
        citations: undefined,
      },
    },
  },
};

/** The kind of an Anthropic server tool (`web_search_20250305` → `web_search`), if it is one of those above. */
export function serverToolKind(tool: ServerTool): ServerToolKind | undefined {
  return SERVER_TOOL_KINDS.find((kind) => tool.type === kind || tool.type.startsWith(`${kind}_`));
}

/**
 * A server tool → the provider's own equivalent (noted: another engine runs it), or a 400 naming
 * the tool and the provider.
 */
export function chatServerTool(
  tool: ServerTool,
  kind: ServerToolKind,
  index: number,
  provider: ChatProvider,
  warn: Warn,
): ChatServerTool {
  const equivalent = EQUIVALENTS[provider.name]?.[kind];
  if (!equivalent) {
    throw new UnsupportedRequestError(
      `tools.${index}: the server tool "${tool.name}" (${tool.type}) cannot run on ${provider.label}: ${provider.noServerTools}. ekai does not answer in its place.`,
      `tools.${index}`,
    );
  }
  warn(`server tool "${tool.name}" (${tool.type}) runs as ${provider.label}'s ${equivalent.type}`);
  const parameters: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(tool)) {
    if (!Object.hasOwn(equivalent.fields, field) || value === undefined || value === null) continue;
    const target = equivalent.fields[field];
    if (target === undefined) warn(`${tool.name} ${field} not sent: ${equivalent.type} has no equivalent`);
    else parameters[target] = value;
  }
  return { type: equivalent.type, ...(Object.keys(parameters).length > 0 && { parameters }) };
}

/**
 * Anthropic's MCP connector (`mcp_servers`): Anthropic calls the servers itself. No Chat provider
 * does (`why` says what the target lacks), so the request is refused rather than answered without
 * the servers' tools.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/mcp-connector
 */
export function refuseMcpServers(
  servers: unknown,
  provider: ChatProvider,
  why = 'no Chat provider calls MCP servers itself',
): void {
  if (!Array.isArray(servers) || servers.length === 0) return;
  const names = servers.map((server) => (isRecord(server) ? server.name : undefined)).filter(Boolean);
  throw new UnsupportedRequestError(
    `mcp_servers: the MCP connector (${names.join(', ') || `${servers.length} server(s)`}) cannot run on ${provider.label}: ${why}. ekai does not answer in its place.`,
    'mcp_servers',
  );
}
