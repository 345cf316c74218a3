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

/**
 * Chat providers whose API refuses media in a `tool` message, by profile name. OpenAI answers 400
 * "Image URLs are only allowed for messages with role 'user', but this message with role 'tool'
 * contains an image URL" (https://github.com/OpenHands/OpenHands/issues/7700). Others are left
 * with what their client sent, which they may take.
 */
const TOOL_MESSAGES_TEXT_ONLY: ReadonlySet<string> = new Set(['openai']);

/**
 * A Chat client's own messages for such a provider (the native path: no converter ran), with the
 * media of each `tool` message moved as the converters move it: the tool message keeps its text
 * and ends with `mediaFollowsNote`, and one user message after the run of tool messages holds each
 * result's media opened by `mediaOfCallPart` (a user message cannot go between tool messages: they
 * must follow the assistant's `tool_calls`). Undefined when there is nothing to move, so that the
 * client's bytes can be sent as they are.
 */
export function withToolMediaInUserMessages(
  messages: readonly unknown[],
  provider: string,
): unknown[] | undefined {
  if (!TOOL_MESSAGES_TEXT_ONLY.has(provider) || !messages.some(hasToolMedia)) return undefined;
  const out: unknown[] = [];
  let moved: ChatContentPart[] = [];
  const flush = () => {
    if (moved.length > 0) out.push({ role: 'user', content: moved });
    moved = [];
  };
  for (const message of messages) {
    if (!isToolMessage(message)) {
      flush();
      out.push(message);
      continue;
    }
    if (!hasToolMedia(message)) {
      out.push(message);
      continue;
    }
    const parts = message.content as ChatContentPart[];
    const media = parts.filter((part) => !isText(part));
    const texts = parts.filter(isText);
    out.push({ ...message, content: [...texts, { type: 'text', text: mediaFollowsNote(media.length) }] });
    moved.push(mediaOfCallPart(String(message.tool_call_id)), ...media);
  }
  flush();
  return out;
}

function isToolMessage(message: unknown): message is { role: 'tool'; [field: string]: unknown } {
  return typeof message === 'object' && message !== null && (message as { role?: unknown }).role === 'tool';
}

function hasToolMedia(message: unknown): boolean {
  return (
    isToolMessage(message) &&
    Array.isArray(message.content) &&
    message.content.some((part) => !isText(part as ChatContentPart))
  );
}

function isText(part: ChatContentPart): part is ChatTextPart {
  return typeof part === 'object' && part !== null && part.type === 'text';
}
