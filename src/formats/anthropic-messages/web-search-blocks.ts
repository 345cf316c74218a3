import { prefixedId } from '../ids.js';
import type { SearchResult, StreamPart } from '../stream-parts.js';
import type { MessagesUsage } from './wire.js';

export type ServerToolCall = Extract<StreamPart, { type: 'server-tool-call' }>;
export type ServerToolResult = Extract<StreamPart, { type: 'server-tool-result' }>;
export type Citation = Extract<StreamPart, { type: 'citation' }>;

/**
 * Anthropic's blocks for a web search, as its web search tool documents them. `encrypted_content`
 * and `encrypted_index` are Anthropic's own encryption of the page (to be handed back to Anthropic on
 * a later turn): a search another provider ran has none, so they are empty strings, the documented
 * shape kept (typed clients read them as required strings) and recognisably not Anthropic's.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool#response
 */
export interface ServerToolUseBlock {
  type: 'server_tool_use';
  id: string;
  name: 'web_search';
  /** Empty at the block's start in a stream, the query following as `input_json_delta`. */
  input: { query?: string };
}
export interface WebSearchResultBlock {
  type: 'web_search_result';
  url: string;
  title: string;
  encrypted_content: '';
  page_age: null;
}
export interface WebSearchToolResultBlock {
  type: 'web_search_tool_result';
  tool_use_id: string;
  content: WebSearchResultBlock[];
}
export interface WebSearchResultLocation {
  type: 'web_search_result_location';
  url: string;
  title: string | null;
  cited_text: string;
  encrypted_index: '';
}

/** `srvtoolu_` + the upstream's id for the search (OpenAI's `ws_…`), so the two match in logs. */
export function serverToolUseId(upstreamId: unknown): string {
  return prefixedId(upstreamId, 'srvtoolu_');
}

/** The search results, each titled by its page (its URL where the provider gave no title). */
export function webSearchToolResult(
  callId: unknown,
  results: readonly SearchResult[],
): WebSearchToolResultBlock {
  return {
    type: 'web_search_tool_result',
    tool_use_id: serverToolUseId(callId),
    content: results.map(({ url, title }) => ({
      type: 'web_search_result',
      url,
      title: title ?? url,
      encrypted_content: '',
      page_age: null,
    })),
  };
}

export function webSearchCitation(citation: Citation): WebSearchResultLocation {
  return {
    type: 'web_search_result_location',
    url: citation.url,
    title: citation.title ?? null,
    cited_text: citation.citedText,
    encrypted_index: '',
  };
}

/** The usage's count of searches, as Anthropic reports it (none: not reported). */
export function serverToolUsage(searches: number): Partial<MessagesUsage> {
  return searches > 0 ? { server_tool_use: { web_search_requests: searches } } : {};
}
