import type { SearchResult } from '../stream-parts.js';
import { randomId } from './ids.js';
import type { ItemStatus, ResponsesOutputItem } from './wire.js';

/**
 * A search another provider ran (Claude's own web search), as OpenAI shows its own: a
 * `web_search_call` item whose action is the search, with the pages found as its `sources`; and the
 * text's citations of pages as `url_citation` annotations of its `output_text`, offsets counted in
 * that part's text. wire.ts declares neither (yet): they are typed here and cast where they join the
 * output.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-output
 * @see https://platform.openai.com/docs/guides/tools-web-search#output-and-citations
 */
export interface WebSearchCallItem {
  id: string;
  type: 'web_search_call';
  status: Exclude<ItemStatus, 'incomplete'>;
  action: { type: 'search'; query: string; sources?: Array<{ type: 'url'; url: string }> };
}

export interface UrlCitationAnnotation {
  type: 'url_citation';
  start_index: number;
  end_index: number;
  url: string;
  title: string;
}

export function webSearchCallItem(
  query: string,
  results: readonly SearchResult[] | undefined,
  status: WebSearchCallItem['status'],
  id = randomId('ws_'),
): WebSearchCallItem {
  const sources = results?.map(({ url }) => ({ type: 'url' as const, url }));
  return {
    id,
    type: 'web_search_call',
    status,
    action: { type: 'search', query, ...(sources && { sources }) },
  };
}

/** The item among the output: the output's item type does not list `web_search_call`. */
export function asOutputItem(item: WebSearchCallItem): ResponsesOutputItem {
  return item as unknown as ResponsesOutputItem;
}

/** A page citation, its span given in code points from the start of the `output_text` it annotates. */
export function urlCitationAnnotation(
  citation: { url: string; title: string | undefined },
  start: number,
  end: number,
): UrlCitationAnnotation {
  const { url, title } = citation;
  return { type: 'url_citation', start_index: start, end_index: end, url, title: title ?? url };
}
