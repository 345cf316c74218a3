import { codePointLength } from '../openai-responses/web-search-output.js';
import type { SearchResult } from '../stream-parts.js';
import { isRecord } from '../usage.js';
import type { Citation } from './web-search-blocks.js';

/**
 * Claude's own web search and citations, read into the neutral parts (the other direction of
 * web-search-blocks.ts). Anthropic cites whole text blocks: the `citations` of a text block (or the
 * `citations_delta` events inside it, which may come before its text) say that this block's text is
 * what the page supports, and `cited_text` is the page's own words. So the cited span is the block's
 * text, counted in code points from the start of the answer's text (OpenAI's unit for annotation
 * offsets, the only formats that read the span), and `citedText` keeps the page's words, which is
 * what the Messages writer writes back as `cited_text`.
 *
 * Document citations (`char_location`, `page_location`, `content_block_location`) and search result
 * citations (`search_result_location`) point into content the client sent, not to a page: Chat and
 * Responses have no annotation for them (`url_citation` needs a URL, `file_citation` a file id), so
 * they are not read; the text they support is kept.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool#response
 * @see https://docs.anthropic.com/en/docs/build-with-claude/citations
 */
export function pageCitationsOf(citations: unknown, start: number, end: number): Citation[] {
  return (Array.isArray(citations) ? citations : []).flatMap((citation: unknown) => {
    if (!isRecord(citation) || citation.type !== 'web_search_result_location') return [];
    if (typeof citation.url !== 'string') return [];
    const title = typeof citation.title === 'string' ? citation.title : undefined;
    const citedText = typeof citation.cited_text === 'string' ? citation.cited_text : '';
    return [{ type: 'citation' as const, url: citation.url, title, citedText, start, end }];
  });
}

/** A text block's citations, its text starting at `start` code points into the answer's text. */
export function textBlockCitations(block: { text: string; citations?: unknown }, start: number): Citation[] {
  return pageCitationsOf(block.citations, start, start + codePointLength(block.text));
}

/** The query of a `server_tool_use` block of the web search tool (its input, whole). */
export function searchQueryOf(input: unknown): string {
  return isRecord(input) && typeof input.query === 'string' ? input.query : '';
}

/**
 * The pages of a `web_search_tool_result` block. A failed search (`web_search_tool_result_error`, an
 * object instead of the list) found none.
 */
export function searchResultsOf(content: unknown): SearchResult[] {
  return (Array.isArray(content) ? content : []).flatMap((result: unknown) =>
    isRecord(result) && result.type === 'web_search_result' && typeof result.url === 'string'
      ? [{ url: result.url, title: typeof result.title === 'string' ? result.title : undefined }]
      : [],
  );
}
