import { randomUUID } from 'node:crypto';
import { textBlockCitations } from '../anthropic-messages/citations.js';
import { finishReasonFromMessages } from '../anthropic-messages/map-stop-reason.js';
import type { Citation } from '../anthropic-messages/web-search-blocks.js';
import type { ContentBlock, MessagesResponse, ToolUseBlock } from '../anthropic-messages/wire.js';
import { unixSeconds } from '../ids.js';
import { customToolInput } from '../openai-responses/output-items.js';
import { codePointLength } from '../openai-responses/web-search-output.js';
import type { ResponseContext } from '../translation.js';
import { chatFinishReason } from './map-finish-reason.js';
import { chatUsageFromMessages } from './usage-from-messages.js';
import type { ChatFinishReason, ChatResponse, ChatToolCall } from './wire.js';

/**
 * A Messages answer → a Chat completion: text blocks joined into `content`, thinking surfaced as
 * `reasoning_content` (signatures have no place in Chat and are dropped), `tool_use` blocks as
 * `tool_calls` (custom tool calls for the client's custom tools), usage with the cache counted
 * inside `prompt_tokens`. The page citations of Claude's web search become `annotations`
 * (`url_citation`, offsets into `content`); its search blocks have no place in Chat (the text
 * reporting them is kept), nor does its usage's count of searches.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 * @see https://platform.openai.com/docs/guides/tools-web-search?api-mode=chat
 */
export function chatResponseFromMessages(body: MessagesResponse, context: ResponseContext): ChatResponse {
  const blocks = body.content ?? [];
  const jsonAnswer = blocks.find((block) => isJsonToolUse(block, context));
  const toolUses = blocks.filter(
    (block): block is ToolUseBlock => block.type === 'tool_use' && block !== jsonAnswer,
  );
  const text = jsonAnswer ? JSON.stringify(jsonAnswer.input ?? {}) : joinText(blocks, 'text');
  const reasoning = joinText(blocks, 'thinking');
  const annotations = jsonAnswer ? [] : citationsOf(blocks).map(chatAnnotation);
  return {
    id: chatCompletionId(body.id),
    object: 'chat.completion',
    created: unixSeconds(),
    model: context.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text === '' && toolUses.length > 0 ? null : text,
          refusal: null,
          ...(reasoning !== '' && { reasoning_content: reasoning }),
          ...(annotations.length > 0 && { annotations }),
          ...(toolUses.length > 0 && { tool_calls: toolUses.map((block) => toolCallOf(block, context)) }),
        },
        logprobs: null,
        finish_reason: finishReasonOf(body.stop_reason, toolUses.length, jsonAnswer !== undefined),
      },
    ],
    usage: chatUsageFromMessages(body.usage),
  };
}

/**
 * A citation as Chat's `url_citation` annotation. The type is written here: ChatAssistantMessage and
 * ChatChunk in wire.ts do not declare `annotations`.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 */
export interface ChatAnnotation {
  type: 'url_citation';
  url_citation: { url: string; title: string; start_index: number; end_index: number };
}

export function chatAnnotation(citation: Citation): ChatAnnotation {
  const { url, title, start, end } = citation;
  return {
    type: 'url_citation',
    url_citation: { url, title: title ?? url, start_index: start, end_index: end },
  };
}

/** The page citations of the text blocks, offsets counted in the text blocks joined (as `content`). */
function citationsOf(blocks: ContentBlock[]): Citation[] {
  let offset = 0;
  return blocks.flatMap((block) => {
    if (block.type !== 'text') return [];
    const citations = textBlockCitations(block, offset);
    offset += codePointLength(block.text);
    return citations;
  });
}

/** `chatcmpl-` + the upstream message id, so the client's id and the provider's match in logs. */
export function chatCompletionId(messageId: string | undefined): string {
  return `chatcmpl-${messageId || randomUUID()}`;
}

/**
 * With `response_format: json_schema` the request forced a tool (ResponseContext.jsonTool): its call
 * is the answer, so a stop caused by it is a plain `stop`; other tool calls keep `tool_calls`.
 */
export function finishReasonOf(
  stopReason: string | null | undefined,
  toolCalls: number,
  answeredByJsonTool: boolean,
): ChatFinishReason {
  if (stopReason === 'tool_use' && answeredByJsonTool && toolCalls === 0) return 'stop';
  return chatFinishReason(finishReasonFromMessages(stopReason));
}

function isJsonToolUse(block: ContentBlock, context: ResponseContext): block is ToolUseBlock {
  return block.type === 'tool_use' && context.jsonTool !== undefined && block.name === context.jsonTool;
}

function joinText(blocks: ContentBlock[], type: 'text' | 'thinking'): string {
  let joined = '';
  for (const block of blocks) {
    if (type === 'text' && block.type === 'text') joined += block.text;
    if (type === 'thinking' && block.type === 'thinking') joined += block.thinking;
  }
  return joined;
}

/**
 * A function call, or — for a tool the client declared custom, which went upstream taking
 * `{"input": string}` — a custom tool call carrying that string as its input.
 */
function toolCallOf(block: ToolUseBlock, context: ResponseContext): ChatToolCall {
  const name = context.toolNames.get(block.name) ?? block.name;
  const args = JSON.stringify(block.input ?? {});
  if (context.customTools?.includes(name))
    return { id: block.id, type: 'custom', custom: { name, input: customToolInput(args) } };
  return { id: block.id, type: 'function', function: { name, arguments: args } };
}
