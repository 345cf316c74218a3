import { finishReasonFromChat } from '../openai-chat/map-finish-reason.js';
import { messageReasoningText } from '../openai-chat/reasoning-text.js';
import { calledToolName } from '../openai-chat/tool-names.js';
import { chatUrlCitationsOf } from '../openai-chat/url-citations.js';
import type { ChatResponse, ChatToolCall } from '../openai-chat/wire.js';
import type { ResponseContext, ToolNameMap } from '../translation.js';
import { messageIdFromChat, toolUseId } from './ids.js';
import { stopReasonOf } from './map-stop-reason.js';
import { toolInputFromArguments } from './tool-input.js';
import { UNSIGNED_THINKING_SIGNATURE } from './unsigned-thinking.js';
import { messagesUsageFromChat } from './usage-from-chat.js';
import { webSearchCitation } from './web-search-blocks.js';
import type { ContentBlock, MessagesResponse } from './wire.js';

type ChatResponseMessage = NonNullable<ChatResponse['choices'][number]>['message'];

/**
 * Chat completion → Messages response: reasoning → a thinking block first, then the text (never an
 * empty text block), then one `tool_use` per tool call with the client's tool names. The message's
 * `url_citation` annotations (OpenRouter's web search) become the text's `web_search_result_location`
 * citations; OpenRouter reports no search of its own, so no search blocks are made up for them.
 * @see https://docs.anthropic.com/en/api/messages#response-content
 * @see https://openrouter.ai/docs/features/web-search
 */
export function messagesResponseFromChat(body: ChatResponse, context: ResponseContext): MessagesResponse {
  const choice = Array.isArray(body.choices) ? body.choices[0] : undefined;
  const content = choice?.message ? contentBlocks(choice.message, context.toolNames) : [];
  const calledTools = content.some((block) => block.type === 'tool_use');
  return {
    id: messageIdFromChat(body.id),
    type: 'message',
    role: 'assistant',
    model: context.model,
    content,
    stop_reason: stopReasonOf(
      finishReasonFromChat(choice?.finish_reason),
      typeof choice?.finish_reason === 'string' ? choice.finish_reason : undefined,
      calledTools,
    ),
    stop_sequence: null,
    usage: messagesUsageFromChat(body.usage),
  };
}

function contentBlocks(message: ChatResponseMessage, toolNames: ToolNameMap): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  // xAI and DeepSeek call it reasoning_content, OpenRouter reasoning (and reasoning_details).
  const reasoning = nonBlank(messageReasoningText(message));
  if (reasoning)
    blocks.push({ type: 'thinking', thinking: reasoning, signature: UNSIGNED_THINKING_SIGNATURE });
  // A refusal is what the model said instead of an answer: the client shows it as text.
  const text = nonBlank(textOf(message.content)) ?? nonBlank(message.refusal);
  if (text) blocks.push({ type: 'text', text, ...citationsOf(message, text) });
  const usedIds = new Set<string>();
  for (const call of Array.isArray(message.tool_calls) ? message.tool_calls : []) {
    blocks.push(toolUseBlock(call, toolNames, usedIds));
  }
  return blocks;
}

function toolUseBlock(call: ChatToolCall, toolNames: ToolNameMap, usedIds: Set<string>): ContentBlock {
  return {
    type: 'tool_use',
    id: toolUseId(call.id, usedIds),
    name: calledToolName(call.function?.name, toolNames),
    input: toolInputFromArguments(
      typeof call.function?.arguments === 'string' ? call.function.arguments : '',
    ),
  };
}

/** The text's citations, if the message has any (the annotations are not in the wire types). */
function citationsOf(message: ChatResponseMessage, text: string): { citations?: unknown[] } {
  const annotations = (message as unknown as Record<string, unknown>).annotations;
  const citations = chatUrlCitationsOf(annotations, text).map(webSearchCitation);
  return citations.length > 0 ? { citations } : {};
}

/** Some providers send content as an array of text parts. */
function textOf(content: unknown): unknown {
  if (!Array.isArray(content)) return content;
  return content.map((part) => (typeof part?.text === 'string' ? part.text : '')).join('');
}

/** The text, unless it is missing or whitespace only (an empty text block is a 400 when replayed, bug 9). */
function nonBlank(text: unknown): string | undefined {
  return typeof text === 'string' && text.trim() !== '' ? text : undefined;
}
