import type { ClientTool } from '../openai-responses/client-tools.js';
import { isRecord } from '../usage.js';

/**
 * A Responses `namespace` tool groups function and custom tools under one name (Codex's
 * `multi_agent_v1` sub-agent tools, an MCP server's tools); the model calls them as
 * `{namespace, name}`. Chat and Messages have flat tool lists, so each goes up as its own tool named
 * `namespace__name`: the separator Codex's own Chat adapter uses (codex-rs, `encode_chat_tool_name`),
 * within the `^[a-zA-Z0-9_-]+$` both APIs allow when the two parts are. The name is not parsed back:
 * the request's ClientToolMap says which namespace and tool it stands for.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools
 */
export const NAMESPACE_SEPARATOR = '__';

/** The flat name of a namespace's tool; a tool outside any namespace keeps its name. */
export function flatToolName(namespace: unknown, name: string): string {
  return typeof namespace === 'string' && namespace !== ''
    ? `${namespace}${NAMESPACE_SEPARATOR}${name}`
    : name;
}

/** One tool of a namespace, flattened: the tool itself (its `type` kept) under its flat name. */
export interface FlatTool {
  name: string;
  tool: Record<string, unknown>;
  declared: ClientTool;
}

/**
 * A namespace tool's function and custom tools, flattened; the namespace's description is put
 * before each tool's own, which is all the model saw of the namespace. Anything else inside is
 * reported through `drop`.
 */
export function flattenNamespace(
  namespace: Record<string, unknown>,
  drop: (what: string) => void,
): FlatTool[] {
  const name = typeof namespace.name === 'string' ? namespace.name : '';
  if (name === '') {
    drop('a namespace tool without a name');
    return [];
  }
  const context = typeof namespace.description === 'string' ? namespace.description.trim() : '';
  const tools = Array.isArray(namespace.tools) ? namespace.tools : [];
  return tools.flatMap((tool): FlatTool[] => {
    if (
      !isRecord(tool) ||
      (tool.type !== 'function' && tool.type !== 'custom') ||
      typeof tool.name !== 'string'
    ) {
      drop(`a ${isRecord(tool) ? String(tool.type) : 'malformed'} tool in namespace ${name}`);
      return [];
    }
    const own = typeof tool.description === 'string' ? tool.description : '';
    const description = context === '' ? own : own === '' ? context : `${context}\n\n${own}`;
    return [
      {
        name: flatToolName(name, tool.name),
        tool: { ...tool, description },
        declared: { type: tool.type, namespace: name, name: tool.name },
      },
    ];
  });
}
