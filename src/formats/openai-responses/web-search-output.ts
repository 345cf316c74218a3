import type { SearchResult, StreamPart } from '../stream-parts.js';
import { parseJson } from '../stream-tap.js';
import { isRecord } from '../usage.js';

/** A search OpenAI ran (a `web_search_call` item whose action is `search`). */
export interface WebSearchCall {
  id: unknown;
  query: string;
  /** The pages it used, when the request asked for them (`include: web_search_call.action.sources`). */
  sources: string[];
}

export type Citation = Extract<StreamPart, { type: 'citation' }>;

/**
 * The output items that are searches a provider ran: OpenAI's and xAI's `web_search_call`, and
 * OpenRouter's `openrouter:web_search` item, whose `action` has the same shape.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-output
 * @see https://openrouter.ai/docs/sdks/typescript/api-reference/models/outputwebsearchservertoolitem
 */
const SEARCH_ITEMS = new Set(['web_search_call', 'openrouter:web_search']);

/**
 * A search item → the search it ran. Its other actions (`open_page`, `find_in_page`) are the model
 * reading pages of a search already reported: they are not searches, and the pages they read come
 * back as the text's citations. xAI's earlier items carry no `action` but the call's JSON
 * `arguments` (`{"query": …, "num_results": 5}`, recorded in vercel/ai's xAI fixtures): the query
 * is read from them, without sources.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-output
 * @see https://github.com/vercel/ai/blob/main/packages/xai/src/responses/__fixtures__/xai-web-search-tool.1.json
 */
export function webSearchCallOf(item: unknown): WebSearchCall | undefined {
  if (!isRecord(item) || !SEARCH_ITEMS.has(String(item.type))) return undefined;
  const action = isRecord(item.action) ? item.action : argumentsAction(item.arguments);
  if (action?.type !== 'search') return undefined;
  // `query` is deprecated for `queries`; both are read.
  const queries = Array.isArray(action.queries) ? action.queries.filter((q) => typeof q === 'string') : [];
  const query = typeof action.query === 'string' ? action.query : queries.join('; ');
  const sources = (Array.isArray(action.sources) ? action.sources : []).flatMap((source: unknown) =>
    isRecord(source) && typeof source.url === 'string' ? [source.url] : [],
  );
  return { id: item.id, query, sources };
}

/** A call's JSON arguments with a query, as a search action. */
function argumentsAction(args: unknown): Record<string, unknown> | undefined {
  if (typeof args !== 'string') return undefined;
  const parsed = parseJson(args);
  return isRecord(parsed) && typeof parsed.query === 'string'
    ? { type: 'search', query: parsed.query }
    : undefined;
}

/**
 * The `url_citation` annotations of an `output_text` part whose text starts at `offset` in the
 * answer: the cited span is cut from the part's own text. The offsets are taken as code points (as
 * Python strings count; the same as UTF-16 units except for characters outside the BMP, emoji).
 * @see https://platform.openai.com/docs/guides/tools-web-search#output-and-citations
 */
export function urlCitationsOf(annotations: unknown, text: string, offset: number): Citation[] {
  return (Array.isArray(annotations) ? annotations : []).flatMap((annotation: unknown) => {
    const citation = urlCitationOf(annotation, text, offset);
    return citation ? [citation] : [];
  });
}

export function urlCitationOf(annotation: unknown, text: string, offset: number): Citation | undefined {
  if (!isRecord(annotation) || annotation.type !== 'url_citation' || typeof annotation.url !== 'string')
    return undefined;
  const start = typeof annotation.start_index === 'number' ? annotation.start_index : 0;
  const end = typeof annotation.end_index === 'number' ? annotation.end_index : start;
  return {
    type: 'citation',
    url: annotation.url,
    title: typeof annotation.title === 'string' ? annotation.title : undefined,
    citedText: Array.from(text).slice(start, end).join(''),
    start: offset + start,
    end: offset + end,
  };
}

/**
 * The pages a search found, for the client's search result list: its sources, with the titles the
 * answer's citations give them (a source the text never cites has only its URL). Without sources
 * (the provider gave none) the pages the answer cites are the list, unless `listCited` is false
 * (another search of the answer lists them already).
 */
export function searchResultsOf(
  sources: readonly string[],
  citations: readonly Citation[],
  listCited = true,
): SearchResult[] {
  const titles = new Map<string, string | undefined>();
  for (const citation of citations) if (!titles.get(citation.url)) titles.set(citation.url, citation.title);
  const cited = sources.length === 0 && listCited ? [...titles.keys()] : [];
  const urls = [...new Set([...sources, ...cited])];
  return urls.map((url) => ({ url, title: titles.get(url) }));
}

/** Code points in `text`: OpenAI's unit for citation offsets. */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
}
