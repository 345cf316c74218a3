import type { ResponsesTool } from '../openai-responses/wire.js';
import { isRecord } from '../usage.js';

/**
 * Codex's client-executed tool search (TRANSLATION.md, "Responses"): Codex declares
 * `{type: "tool_search", execution: "client", description, parameters}` (codex-rs
 * tools/src/tool_spec.rs `ToolSpec::ToolSearch`; parameters `{query, limit}`), the model calls it
 * (`tool_search_call` with `arguments`), Codex searches its deferred tools (MCP servers, apps) and
 * answers with `tool_search_output`, whose `tools` (namespaces and functions) the model may call
 * from then on. On a Chat or Messages provider the search is a function of that name, the call and
 * the output a tool call and its result, and the tools loaded so far join the request's tool list
 * (neither API loads tools mid-conversation). A server-executed search runs only on OpenAI.
 * @see https://developers.openai.com/api/docs/guides/tools-tool-search
 */
export const TOOL_SEARCH = 'tool_search';

export function isClientToolSearch(tool: Record<string, unknown>): boolean {
  return tool.type === 'tool_search' && tool.execution === 'client';
}

/** The function the model calls to search; its description and schema are the client's. */
export function toolSearchFunction(tool: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'function',
    name: TOOL_SEARCH,
    ...(typeof tool.description === 'string' && { description: tool.description }),
    parameters: isRecord(tool.parameters)
      ? tool.parameters
      : { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
  };
}

/**
 * The tools the client made callable during the conversation: those `tool_search_output` items
 * loaded, and those `additional_tools` items added. They go up with the request's own tools.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 */
export function toolsLoadedByHistory(input: unknown): ResponsesTool[] {
  if (!Array.isArray(input)) return [];
  return input.flatMap((item) =>
    isRecord(item) &&
    (item.type === 'tool_search_output' || item.type === 'additional_tools') &&
    Array.isArray(item.tools)
      ? (item.tools.filter(isRecord) as ResponsesTool[])
      : [],
  );
}

/** The arguments of a `tool_search_call`, a JSON value, as a function call's JSON text. */
export function toolSearchArguments(item: Record<string, unknown>): string {
  const args = item.arguments;
  if (typeof args === 'string') return args;
  return JSON.stringify(args ?? {});
}

/**
 * A `tool_search_output` as the search's result: the names the model now calls the loaded tools by
 * (their definitions are in the tool list), with their descriptions' first lines.
 */
export function toolSearchResult(
  item: Record<string, unknown>,
  sentName: (tool: Record<string, unknown>, namespace?: string) => string | undefined,
): string {
  const lines: string[] = [];
  for (const tool of Array.isArray(item.tools) ? item.tools : []) {
    if (!isRecord(tool)) continue;
    const members = tool.type === 'namespace' && Array.isArray(tool.tools) ? tool.tools : [tool];
    const namespace = tool.type === 'namespace' && typeof tool.name === 'string' ? tool.name : undefined;
    for (const member of members) {
      if (!isRecord(member)) continue;
      const name = sentName(member, namespace);
      if (name === undefined) continue;
      const summary = typeof member.description === 'string' ? member.description.split('\n')[0]?.trim() : '';
      lines.push(summary ? `- ${name}: ${summary}` : `- ${name}`);
    }
  }
  return lines.length === 0
    ? 'No tools were found.'
    : `These tools are now available to call:\n${lines.join('\n')}`;
}
