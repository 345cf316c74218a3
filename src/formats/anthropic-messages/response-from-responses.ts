import { chatResponseFromResponses, finishOfResponse } from '../openai-chat/response-from-responses.js';
import {
  type Citation,
  codePointLength,
  searchResultsOf,
  urlCitationsOf,
  webSearchCallOf,
} from '../openai-responses/web-search-output.js';
import type { ResponsesResponse } from '../openai-responses/wire.js';
import type { ResponseContext } from '../translation.js';
import { isRecord } from '../usage.js';
import { messageIdFromChat } from './ids.js';
import { stopReasonOf } from './map-stop-reason.js';
import { messagesResponseFromChat } from './response-from-chat.js';
import {
  type ServerToolUseBlock,
  serverToolUsage,
  serverToolUseId,
  webSearchCitation,
  webSearchToolResult,
} from './web-search-blocks.js';
import type { ContentBlock, MessagesResponse } from './wire.js';

/**
 * A whole Responses answer → a Messages response, through Chat: `chatResponseFromResponses` then
 * `messagesResponseFromChat`, so the reasoning summary becomes a thinking block exactly as a Chat
 * provider's reasoning does (with the empty signature that marks it unsigned: only Anthropic signs
 * thinking), then the text, then one `tool_use` per call (`id` = `call_id`), with usage by the Chat
 * rules (`input_tokens` without the cached tokens, `cache_read_input_tokens` = them). The stop
 * reason is read off the response itself, as the stream reader does, so that an incomplete
 * response's own reason reaches the client where Chat has no word for it.
 *
 * The searches OpenAI ran (`web_search_call` items) come back as Anthropic's web search blocks, as the
 * stream writer writes them: a `server_tool_use` and a `web_search_tool_result` (the sources, titled
 * by the citations) each, before the text; the text's `url_citation` annotations become its
 * `citations` (one text block, as streamed: OpenAI reports spans of a text it already gave, so the
 * text is not split at them); `usage.server_tool_use.web_search_requests` counts the searches.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool#response
 */
export function messagesResponseFromResponses(
  body: ResponsesResponse,
  context: ResponseContext,
): MessagesResponse {
  const chat = chatResponseFromResponses(body, context);
  // The Chat answer already carries the client's tool names: they are not looked up twice.
  const messages = messagesResponseFromChat(chat, { ...context, toolNames: new Map() });
  const calledTools = messages.content.some((block) => block.type === 'tool_use');
  const finish = finishOfResponse(body, calledTools);
  const searches = withSearches(messages.content, body?.output);
  return {
    ...messages,
    // `msg_` + the response id, not + the Chat step's completion id.
    id: messageIdFromChat(body?.id),
    content: searches.content,
    stop_reason: stopReasonOf(finish?.reason, finish?.raw, calledTools),
    usage: { ...messages.usage, ...serverToolUsage(searches.count) },
  };
}

/** The searches' blocks after the thinking, and the citations on the text (Chat joins all text in one block). */
function withSearches(content: ContentBlock[], output: unknown): { content: ContentBlock[]; count: number } {
  const items: unknown[] = Array.isArray(output) ? output : [];
  const searches = items.flatMap((item) => webSearchCallOf(item) ?? []);
  const citations = textCitations(items);
  if (searches.length === 0 && citations.length === 0) return { content, count: 0 };
  const searchBlocks = searches.flatMap((search, index) => {
    const use: ServerToolUseBlock = {
      type: 'server_tool_use',
      id: serverToolUseId(search.id),
      name: 'web_search',
      input: { query: search.query },
    };
    const results = searchResultsOf(search.sources, citations, index === 0);
    return [use, webSearchToolResult(search.id, results)] as unknown as ContentBlock[];
  });
  const cited = content.map((block) =>
    block.type === 'text' && citations.length > 0
      ? { ...block, citations: citations.map(webSearchCitation) }
      : block,
  );
  const at = cited.findIndex((block) => block.type !== 'thinking' && block.type !== 'redacted_thinking');
  const split = at === -1 ? cited.length : at;
  return {
    content: [...cited.slice(0, split), ...searchBlocks, ...cited.slice(split)],
    count: searches.length,
  };
}

/** Every `url_citation` of the message items' output text, offsets counted in the joined text. */
function textCitations(items: unknown[]): Citation[] {
  let offset = 0;
  const citations: Citation[] = [];
  for (const item of items) {
    if (!isRecord(item) || item.type !== 'message' || !Array.isArray(item.content)) continue;
    for (const part of item.content) {
      if (!isRecord(part) || part.type !== 'output_text' || typeof part.text !== 'string') continue;
      citations.push(...urlCitationsOf(part.annotations, part.text, offset));
      offset += codePointLength(part.text);
    }
  }
  return citations;
}
