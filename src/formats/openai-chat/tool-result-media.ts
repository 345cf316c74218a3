import type { ChatContentPart, ChatMessage, ChatTextPart } from './wire.js';

/**
 * Images and documents a tool returned (a browser tool's screenshot, Codex's `view_image`), for Chat
 * requests. A Chat `tool` message holds text only: OpenAI answers 400 "Image URLs are only allowed
 * for messages with role 'user', but this message with role 'tool' contains an image URL". So the
 * media goes in one user message right after the tool messages, each result's media opened by a
 * text naming its call (parallel results would otherwise be indistinguishable), and the tool
 * message says that it follows.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages (tool message: text parts only)
 */

/** The line a tool message ends with when its media follows in the next user message. */
export function mediaFollowsNote(count: number): string {
  return `[${count} attachment(s) of this result follow in the next user message]`;
}

/** The text opening a result's media in the follow-up user message: the call it answers. */
export function mediaOfCallPart(callId: string): ChatTextPart {
  return { type: 'text', text: `[attachment(s) of the result of tool call ${callId}]` };
}

export const MEDIA_MOVED =
  'images and documents in tool results sent in a user message right after the tool messages, each opened by a note naming its call: a Chat tool message holds only text';

/**
 * Where a Chat request's tool-result media goes, by the wire format the Chat request is written
 * for. Responses → Messages goes through Chat (request-from-responses.ts): that Chat request never
 * leaves ekai, and Messages takes images and documents inside a `tool_result`
 * (https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use#handling-tool-use-and-tool-result-content-blocks),
 * so there they stay in the tool message, for the Messages converter (content-from-chat.ts) to put
 * back inside the result. A Chat provider gets them in the follow-up user message.
 */
const MEDIA_STAYS_IN_TOOL_MESSAGE: Readonly<Record<string, boolean>> = { Messages: true, Chat: false };

export function mediaStaysInToolMessage(target: string): boolean {
  return MEDIA_STAYS_IN_TOOL_MESSAGE[target] === true;
}

/**
 * A tool message holding media, for a Chat request handed on to the Messages converter only
 * (`mediaStaysInToolMessage`): Chat's wire type allows text parts alone, as OpenAI does.
 */
export function toolMessageWithMedia(toolCallId: string, content: ChatContentPart[]): ChatMessage {
  return { role: 'tool', tool_call_id: toolCallId, content } as ChatMessage;
}
