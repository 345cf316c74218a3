import { searchQueryOf, searchResultsOf, textBlockCitations } from '../anthropic-messages/citations.js';
import { finishReasonFromMessages } from '../anthropic-messages/map-stop-reason.js';
import type { ContentBlock, MessagesResponse } from '../anthropic-messages/wire.js';
import { clientToolName, UNNAMED_TOOL } from '../openai-chat/tool-names.js';
import type { SearchResult } from '../stream-parts.js';
import type { ResponseContext } from '../translation.js';
import { isRecord } from '../usage.js';
import { encryptedContentOf } from './carried-reasoning.js';
import { calledToolItem } from './client-tools.js';
import { compactionResponse, isCompacting } from './compaction.js';
import { callIdFrom, responseIdFrom, unixSeconds } from './ids.js';
import { outcomeOf } from './map-status.js';
import { finishedResponse, messageItem, reasoningItem } from './output-items.js';
import { responsesUsageFromMessages } from './usage-from-messages.js';
import {
  asOutputItem,
  type UrlCitationAnnotation,
  urlCitationAnnotation,
  webSearchCallItem,
} from './web-search-items.js';
import { codePointLength } from './web-search-output.js';
import type { ResponsesOutputItem, ResponsesResponse } from './wire.js';

/**
 * A Messages answer → a Responses response, block by block in order: thinking and redacted thinking
 * → a reasoning item (the signed block carried in `encrypted_content`), a run of text blocks → one message item, `tool_use` → a
 * function call item (`arguments` = the input as JSON; a custom tool call for the client's custom
 * tools; the forced JSON tool of `text.format: json_schema` → its input as the message text).
 * Claude's web search: a `server_tool_use` block of `web_search` → a `web_search_call` item (the
 * pages of its `web_search_tool_result` as the action's sources), the page citations of a text block
 * → `url_citation` annotations of the message's text spanning that block. Other server tools' blocks
 * are left out. `max_tokens` and `refusal` make the response `incomplete`.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 * @see https://platform.openai.com/docs/guides/tools-web-search#output-and-citations
 */
export function responsesResponseFromMessages(
  body: MessagesResponse,
  context: ResponseContext,
): ResponsesResponse {
  const outcome = outcomeOf(finishReasonFromMessages(body.stop_reason));
  const output = outputItems(Array.isArray(body.content) ? body.content : [], context, outcome.status);
  const fields = { id: responseIdFrom(body.id), createdAt: unixSeconds(), model: context.model, output };
  // A compaction Codex asked for: the answer is the summary, given as one compaction item.
  const answer = isCompacting(context) ? compactionResponse : finishedResponse;
  return answer(fields, outcome, responsesUsageFromMessages(body.usage));
}

function outputItems(
  blocks: ContentBlock[],
  context: ResponseContext,
  status: 'completed' | 'incomplete',
): ResponsesOutputItem[] {
  const items: ResponsesOutputItem[] = [];
  const customTools = new Set(context.customTools);
  const usedIds = new Set<string>();
  let text = '';
  let annotations: UrlCitationAnnotation[] = [];
  const flushText = () => {
    if (text.trim() !== '') items.push(annotatedMessage(text, annotations));
    text = '';
    annotations = [];
  };
  const searches = searchesOf(blocks);
  for (const block of blocks) {
    if (!isRecord(block)) continue;
    const search = webSearchItemOf(block, searches);
    if (block.type === 'text' && typeof block.text === 'string') {
      // Offsets count in the message's own text: the citations cover this block within it.
      const start = codePointLength(text);
      for (const citation of textBlockCitations(block, start))
        annotations.push(urlCitationAnnotation(citation, citation.start, citation.end));
      text += block.text;
    } else if (search) {
      flushText();
      items.push(search);
    } else if (
      block.type === 'tool_use' &&
      context.jsonTool !== undefined &&
      block.name === context.jsonTool
    ) {
      text += JSON.stringify(block.input ?? {});
    } else if (block.type === 'tool_use') {
      flushText();
      items.push(calledToolItem(toolCallOf(block, context, usedIds), customTools, context.clientTools));
    } else if (block.type === 'thinking' || block.type === 'redacted_thinking') {
      const item = reasoningItemOf(block, context);
      if (item) {
        flushText();
        items.push(item);
      }
    }
  }
  flushText();
  // The message the model was writing when it was cut off is the incomplete one.
  const last = items.at(-1);
  if (status === 'incomplete' && last?.type === 'message') last.status = 'incomplete';
  return items;
}

/**
 * A thinking block → a reasoning item: its text as the summary, and the block itself, signed, as
 * `encrypted_content` for the client to give back (carried-reasoning.ts). Redacted thinking has
 * only the latter; an unsigned block with blank text, nothing to show or give back.
 */
function reasoningItemOf(
  block: Record<string, unknown>,
  context: ResponseContext,
): ResponsesOutputItem | undefined {
  const origin = { provider: context.provider, model: context.model };
  if (block.type === 'redacted_thinking')
    return typeof block.data === 'string' && block.data !== ''
      ? reasoningItem(
          undefined,
          undefined,
          encryptedContentOf({ ...origin, block: { type: 'redacted_thinking', data: block.data } }),
        )
      : undefined;
  const thinking = typeof block.thinking === 'string' ? block.thinking : '';
  const signature = typeof block.signature === 'string' ? block.signature : '';
  if (signature === '') return thinking.trim() === '' ? undefined : reasoningItem(thinking);
  const carried = encryptedContentOf({ ...origin, block: { type: 'thinking', thinking, signature } });
  return reasoningItem(thinking.trim() === '' ? undefined : thinking, undefined, carried);
}

function annotatedMessage(text: string, annotations: UrlCitationAnnotation[]): ResponsesOutputItem {
  const message = messageItem(text, 'completed');
  for (const part of message.content) part.annotations = annotations;
  return message;
}

/** A `server_tool_use` block of the web search tool (not among the wire module's block types) as an item. */
function webSearchItemOf(
  block: Record<string, unknown>,
  searches: Map<unknown, SearchResult[]>,
): ResponsesOutputItem | undefined {
  if (block.type !== 'server_tool_use' || block.name !== 'web_search') return undefined;
  return asOutputItem(webSearchCallItem(searchQueryOf(block.input), searches.get(block.id), 'completed'));
}

/** Each search's pages, by the id of the `server_tool_use` block that ran it. */
function searchesOf(blocks: readonly unknown[]): Map<unknown, SearchResult[]> {
  const results = new Map<unknown, SearchResult[]>();
  for (const block of blocks)
    if (isRecord(block) && block.type === 'web_search_tool_result')
      results.set(block.tool_use_id, searchResultsOf(block.content));
  return results;
}

function toolCallOf(
  block: Extract<ContentBlock, { type: 'tool_use' }>,
  context: ResponseContext,
  usedIds: Set<string>,
) {
  const name = typeof block.name === 'string' && block.name !== '' ? block.name : UNNAMED_TOOL;
  return {
    callId: callIdFrom(block.id, usedIds),
    name: clientToolName(name, context.toolNames),
    arguments: JSON.stringify(block.input ?? {}),
  };
}
