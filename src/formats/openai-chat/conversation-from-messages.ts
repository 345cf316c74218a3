import type {
  ContentBlock,
  MessageParam,
  MessagesRequest,
  ToolResultBlock,
  ToolUseBlock,
} from '../anthropic-messages/wire.js';
import { isRecord } from '../usage.js';
import { chatDocumentPart, chatImagePart } from './parts-from-messages.js';
import type { ChatRequestNotes, Warn } from './request-notes.js';
import { chatToolCallId } from './tool-call-ids.js';
import type {
  ChatAssistantMessage,
  ChatContentPart,
  ChatMessage,
  ChatTextPart,
  ChatToolCall,
  ChatToolMessage,
} from './wire.js';

/** The request's notes: where warnings go, and the name a client's tool is sent under. */
export type ConversationOptions = Pick<ChatRequestNotes, 'warn' | 'toolName'>;

/** Separates system blocks and tool-result blocks joined into one string (they are separate paragraphs). */
const PARAGRAPH = '\n\n';
const THINKING_DROPPED = 'thinking blocks in the history dropped: a Chat provider cannot take them back';

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
  const system = systemText(request.system, options.warn);
  if (system) messages.push({ role: 'system', content: system });
  for (const message of request.messages) messages.push(...chatMessagesOf(message, options));
  return messages;
}

function chatMessagesOf(message: MessageParam, options: ConversationOptions): ChatMessage[] {
  switch (message.role) {
    case 'system': {
      // Claude Code sends these mid-conversation; Chat takes system messages anywhere.
      const text = systemText(message.content, options.warn);
      return text ? [{ role: 'system', content: text }] : [];
    }
    case 'assistant':
      return [assistantMessage(message.content, options)];
    default:
      return userMessages(message.content, options);
  }
}

function systemText(content: string | ContentBlock[] | undefined, warn: Warn): string | undefined {
  if (!Array.isArray(content)) return typeof content === 'string' ? content : undefined;
  const texts: string[] = [];
  for (const block of content) {
    if (!isRecord(block)) continue;
    if (block.type === 'text') texts.push(block.text);
    else warn(`${block.type} block in a system prompt dropped: only text is allowed there`);
  }
  return texts.join(PARAGRAPH);
}

function assistantMessage(
  content: string | ContentBlock[],
  options: ConversationOptions,
): ChatAssistantMessage {
  if (typeof content === 'string') return { role: 'assistant', content };
  const texts: string[] = [];
  const toolCalls: ChatToolCall[] = [];
  for (const block of content) {
    if (block.type === 'text') texts.push(block.text);
    else if (block.type === 'tool_use') toolCalls.push(toolCall(block, options.toolName));
    else if (block.type === 'thinking' || block.type === 'redacted_thinking') options.warn(THINKING_DROPPED);
    else options.warn(`${block.type} block in an assistant message dropped: Chat has no equivalent`);
  }
  // Streamed text split into blocks (citations, interleaved tool calls) is one text: joined as is.
  const text = texts.join('');
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
 * then one user message with the rest: media from the tool results (a `tool` message holds only
 * text), then the user's own text, images and documents.
 */
function userMessages(content: string | ContentBlock[], options: ConversationOptions): ChatMessage[] {
  if (typeof content === 'string') return [{ role: 'user', content }];
  const toolMessages: ChatToolMessage[] = [];
  const movedMedia: ChatContentPart[] = [];
  const parts: ChatContentPart[] = [];
  for (const block of content) {
    if (block.type === 'tool_result') {
      const result = toolResult(block, options.warn);
      toolMessages.push(result.message);
      movedMedia.push(...result.media);
    } else {
      const part = userPart(block, options.warn);
      if (part) parts.push(part);
    }
  }
  const rest = [...movedMedia, ...parts];
  if (rest.length === 0) return toolMessages;
  return [...toolMessages, { role: 'user', content: rest }];
}

function userPart(block: ContentBlock, warn: Warn): ChatContentPart | undefined {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'image':
      return chatImagePart(block, warn);
    case 'document':
      return chatDocumentPart(block, warn);
    default:
      warn(`${block.type} block in a user message dropped: Chat has no equivalent`);
      return undefined;
  }
}

function toolResult(
  block: ToolResultBlock,
  warn: Warn,
): { message: ChatToolMessage; media: ChatContentPart[] } {
  const items: ContentBlock[] =
    typeof block.content === 'string' ? [{ type: 'text', text: block.content }] : (block.content ?? []);
  const texts: string[] = [];
  const media: ChatContentPart[] = [];
  for (const item of items) {
    if (!isRecord(item)) continue;
    const part = userPart(item, warn);
    if (isTextPart(part)) texts.push(part.text);
    else if (part) media.push(part);
  }
  if (media.length > 0)
    texts.push(`[${media.length} attachment(s) of this result follow in the next user message]`);
  const text = texts.join(PARAGRAPH);
  // Chat has no error flag on tool results: the model learns of the failure from the text.
  const content = block.is_error ? (text ? `Error: ${text}` : 'Error') : text;
  return { message: { role: 'tool', tool_call_id: chatToolCallId(block.tool_use_id), content }, media };
}

function isTextPart(part: ChatContentPart | undefined): part is ChatTextPart {
  return part?.type === 'text' && typeof part.text === 'string';
}
