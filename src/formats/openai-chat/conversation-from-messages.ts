import type {
  CacheControl,
  ContentBlock,
  MessageParam,
  MessagesRequest,
  ToolResultBlock,
  ToolUseBlock,
} from '../anthropic-messages/wire.js';
import { isRecord } from '../usage.js';
import type { ChatProvider } from './chat-providers.js';
import { chatDocumentPart, chatImagePart } from './parts-from-messages.js';
import type { ChatRequestNotes } from './request-notes.js';
import { chatToolCallId } from './tool-call-ids.js';
import { MEDIA_MOVED, mediaFollowsNote, mediaOfCallPart } from './tool-result-media.js';
import type {
  ChatAssistantMessage,
  ChatContentPart,
  ChatMessage,
  ChatTextPart,
  ChatToolCall,
  ChatToolMessage,
} from './wire.js';

/** The request's notes and its target: where warnings go, tool names, the provider. */
export type ConversationOptions = Pick<ChatRequestNotes, 'warn' | 'toolName'> & {
  provider: ChatProvider;
  /**
   * Keep `cache_control` on text parts (OpenRouter's Claude models take it there): the system
   * prompt and any text carrying a breakpoint then stay separate parts, each with its own.
   */
  carryCache: boolean;
};

/** A text part, with its cache breakpoint when the provider takes one. */
type TextPart = ChatTextPart & { cache_control?: CacheControl };

/** Separates system blocks and tool-result blocks joined into one string (they are separate paragraphs). */
const PARAGRAPH = '\n\n';
const THINKING_DROPPED = 'thinking blocks in the history dropped: a Chat provider cannot take them back';
/**
 * Claude Code opens its system prompt with a text block `x-anthropic-billing-header: cc_version=…;
 * cc_entrypoint=…; cch=…;`: metadata for Anthropic's billing, not an instruction. Dropped silently
 * (it is not content the client wrote), so it never becomes the first line of another model's
 * system prompt.
 */
const BILLING_HEADER = 'x-anthropic-billing-header:';

/**
 * The Messages conversation (`system` and `messages`) → Chat messages (TRANSLATION.md, "Requests,
 * Messages → Chat"): one leading system message, system entries in place, tool results as `tool`
 * messages ahead of the rest of their user turn, tool uses as `tool_calls`.
 */
export function chatMessagesFromMessages(
  request: Pick<MessagesRequest, 'system' | 'messages'>,
  options: ConversationOptions,
): ChatMessage[] {
  const messages: ChatMessage[] = [];
  const system = systemContent(request.system, options);
  if (system) messages.push({ role: 'system', content: system });
  request.messages.forEach((message, index) => {
    messages.push(...chatMessagesOf(message, `messages.${index}`, options));
  });
  return messages;
}

function chatMessagesOf(message: MessageParam, at: string, options: ConversationOptions): ChatMessage[] {
  switch (message.role) {
    case 'system': {
      // Claude Code sends these mid-conversation; Chat takes system messages anywhere.
      const content = systemContent(message.content, options);
      return content ? [{ role: 'system', content }] : [];
    }
    case 'assistant':
      return [assistantMessage(message.content, options)];
    default:
      return userMessages(message.content, at, options);
  }
}

/** One string, or text parts when they carry cache breakpoints; undefined when there is no text. */
function systemContent(
  content: string | ContentBlock[] | undefined,
  options: ConversationOptions,
): string | TextPart[] | undefined {
  if (!Array.isArray(content)) return typeof content === 'string' && content !== '' ? content : undefined;
  const parts: TextPart[] = [];
  for (const block of content) {
    if (!isRecord(block)) continue;
    if (block.type !== 'text') {
      options.warn(`${block.type} block in a system prompt dropped: only text is allowed there`);
    } else if (!block.text.startsWith(BILLING_HEADER)) {
      parts.push(textPart(block.text, block.cache_control, options));
    }
  }
  if (parts.length === 0) return undefined;
  return options.carryCache ? parts : parts.map((part) => part.text).join(PARAGRAPH);
}

function textPart(
  text: string,
  cacheControl: CacheControl | undefined,
  options: ConversationOptions,
): TextPart {
  const carried = options.carryCache && isRecord(cacheControl);
  return carried ? { type: 'text', text, cache_control: cacheControl } : { type: 'text', text };
}

function assistantMessage(
  content: string | ContentBlock[],
  options: ConversationOptions,
): ChatAssistantMessage {
  if (typeof content === 'string') return { role: 'assistant', content };
  const texts: TextPart[] = [];
  const toolCalls: ChatToolCall[] = [];
  for (const block of content) {
    if (block.type === 'text') texts.push(textPart(block.text, block.cache_control, options));
    else if (block.type === 'tool_use') toolCalls.push(toolCall(block, options.toolName));
    else if (block.type === 'thinking' || block.type === 'redacted_thinking') options.warn(THINKING_DROPPED);
    else options.warn(`${block.type} block in an assistant message dropped: Chat has no equivalent`);
  }
  // Streamed text split into blocks (citations, interleaved tool calls) is one text: joined as is,
  // unless a block carries a cache breakpoint, which needs its own part.
  const broken = texts.some((part) => part.cache_control !== undefined);
  const text = broken ? texts : texts.map((part) => part.text).join('');
  if (toolCalls.length === 0) return { role: 'assistant', content: text };
  return { role: 'assistant', content: text === '' ? null : text, tool_calls: toolCalls };
}

function toolCall(block: ToolUseBlock, toolName: (name: string) => string): ChatToolCall {
  return {
    id: chatToolCallId(block.id),
    type: 'function',
    function: { name: toolName(block.name), arguments: JSON.stringify(block.input ?? {}) },
  };
}

/**
 * Chat requires the `tool` messages right after the assistant's `tool_calls`, so they come first,
 * then one user message with the rest: media from the tool results, each result's opened by a note
 * naming its call (a `tool` message holds only text: tool-result-media.ts), then the user's own
 * text, images and documents.
 */
function userMessages(
  content: string | ContentBlock[],
  at: string,
  options: ConversationOptions,
): ChatMessage[] {
  if (typeof content === 'string') return [{ role: 'user', content }];
  const toolMessages: ChatToolMessage[] = [];
  const movedMedia: ChatContentPart[] = [];
  const parts: ChatContentPart[] = [];
  content.forEach((block, index) => {
    if (block.type === 'tool_result') {
      const result = toolResult(block, `${at}.content.${index}`, options);
      toolMessages.push(result.message);
      if (result.media.length === 0) return;
      options.warn(MEDIA_MOVED);
      movedMedia.push(mediaOfCallPart(result.message.tool_call_id), ...result.media);
    } else {
      const part = userPart(block, `${at}.content.${index}`, options);
      if (part) parts.push(part);
    }
  });
  const rest = [...movedMedia, ...parts];
  if (rest.length === 0) return toolMessages;
  return [...toolMessages, { role: 'user', content: rest }];
}

function userPart(
  block: ContentBlock,
  at: string,
  options: ConversationOptions,
): ChatContentPart | undefined {
  const place = { at, provider: options.provider };
  switch (block.type) {
    case 'text':
      return textPart(block.text, block.cache_control, options);
    case 'image':
      return chatImagePart(block, place);
    case 'document':
      return chatDocumentPart(block, place);
    default:
      options.warn(`${block.type} block in a user message dropped: Chat has no equivalent`);
      return undefined;
  }
}

function toolResult(
  block: ToolResultBlock,
  at: string,
  options: ConversationOptions,
): { message: ChatToolMessage; media: ChatContentPart[] } {
  const items: ContentBlock[] =
    typeof block.content === 'string' ? [{ type: 'text', text: block.content }] : (block.content ?? []);
  const texts: string[] = [];
  const media: ChatContentPart[] = [];
  items.forEach((item, index) => {
    if (!isRecord(item)) return;
    const part = userPart(item, `${at}.content.${index}`, options);
    if (isTextPart(part)) texts.push(part.text);
    else if (part) media.push(part);
  });
  if (media.length > 0) texts.push(mediaFollowsNote(media.length));
  const text = texts.join(PARAGRAPH);
  // Chat has no error flag on tool results: the model learns of the failure from the text.
  const result = block.is_error ? (text ? `Error: ${text}` : 'Error') : text;
  // Claude Code puts its last breakpoint on the newest tool result: kept on the result's one text part.
  const part = textPart(result, block.cache_control, options);
  const content = part.cache_control ? [part] : result;
  return { message: { role: 'tool', tool_call_id: chatToolCallId(block.tool_use_id), content }, media };
}

function isTextPart(part: ChatContentPart | undefined): part is ChatTextPart {
  return part?.type === 'text' && typeof part.text === 'string';
}
