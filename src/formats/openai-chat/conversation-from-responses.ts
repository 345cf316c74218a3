import type {
  ResponsesContentPart,
  ResponsesRequest,
  ResponsesToolOutput,
} from '../openai-responses/wire.js';
import { UnsupportedRequestError } from '../translation.js';
import { isRecord } from '../usage.js';
import { LOCAL_SHELL, localShellArguments, localShellCallId } from './local-shell-from-responses.js';
import { flatToolName } from './namespace-tools.js';
import type { ChatRequestNotes } from './request-notes.js';
import { chatToolCallId } from './tool-call-ids.js';
import {
  MEDIA_MOVED,
  mediaFollowsNote,
  mediaOfCallPart,
  mediaStaysInToolMessage,
  toolMessageWithMedia,
} from './tool-result-media.js';
import { TOOL_SEARCH, toolSearchArguments, toolSearchResult } from './tool-search-from-responses.js';
import type {
  ChatAssistantMessage,
  ChatContentPart,
  ChatMessage,
  ChatTextPart,
  ChatToolCall,
} from './wire.js';

/** The request's notes (where warnings go, the name a client's tool is sent under) and its target. */
export interface ConversationOptions extends Pick<ChatRequestNotes, 'warn' | 'toolName'> {
  /** The provider's wire format, as warnings name it ("Chat", "Messages"). */
  target: string;
}

/** Separates system texts and tool-output texts joined into one string (they are separate paragraphs). */
const PARAGRAPH = '\n\n';

/**
 * Responses `instructions` and `input` → Chat messages (TRANSLATION.md, "Responses"): instructions
 * first as a system message; system and developer messages as system messages where they stand; a
 * run of `function_call` items (with the assistant text before them) as one assistant message with
 * `tool_calls`; each `function_call_output` as a `tool` message right after it, images and files it
 * returned moved to the user message that follows (a Chat `tool` message holds only text), or kept
 * in the tool message when the Chat request goes on to Messages (tool-result-media.ts). Codex's own
 * tools' items are calls and results too, under the names their tools go up as
 * (tools-from-responses.ts): a call with a `namespace` as `namespace__name`, `tool_search_call` /
 * `tool_search_output` (the loaded tools listed by name) and `local_shell_call` /
 * `local_shell_call_output`; `additional_tools` items only add tools to the list. Reasoning
 * items are dropped (no provider but OpenAI can take them back). The Messages converter
 * (`messagesRequestFromChat`) takes it from there for Messages providers.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 */
export function chatMessagesFromResponses(
  body: Pick<ResponsesRequest, 'instructions' | 'input'>,
  options: ConversationOptions,
): ChatMessage[] {
  const conversation = new Conversation(options);
  if (typeof body.instructions === 'string' && body.instructions.trim() !== '')
    conversation.system(body.instructions);
  if (typeof body.input === 'string') conversation.user(body.input);
  else if (Array.isArray(body.input))
    body.input.forEach((item, index) => void conversation.item(item, index));
  else throw new UnsupportedRequestError('input: a string or an array of items is required', 'input');
  return conversation.end();
}

/** The Chat messages being built, with the assistant message and the moved media still pending. */
class Conversation {
  private readonly messages: ChatMessage[] = [];
  private assistant: { texts: string[]; calls: ChatToolCall[] } | undefined;
  private media: ChatContentPart[] = [];

  constructor(private readonly options: ConversationOptions) {}

  item(item: unknown, index: number): void {
    if (!isRecord(item)) throw invalidItem(index);
    const type = item.type ?? (typeof item.role === 'string' ? 'message' : undefined);
    switch (type) {
      case 'message':
        this.message(item, index);
        return;
      case 'function_call':
        this.call(item.call_id, calledName(item), typeof item.arguments === 'string' ? item.arguments : '');
        return;
      case 'custom_tool_call':
        this.call(item.call_id, calledName(item), JSON.stringify({ input: String(item.input ?? '') }));
        return;
      case 'function_call_output':
      case 'custom_tool_call_output':
        this.toolOutput(item.call_id, item.output as ResponsesToolOutput);
        return;
      case 'tool_search_call':
        if (this.clientSearch(item)) this.call(item.call_id, TOOL_SEARCH, toolSearchArguments(item));
        return;
      case 'tool_search_output':
        if (this.clientSearch(item)) this.toolOutput(item.call_id, toolSearchResult(item, this.sentName));
        return;
      case 'local_shell_call':
        this.call(localShellCallId(item), LOCAL_SHELL, localShellArguments(item));
        return;
      case 'local_shell_call_output':
        this.toolOutput(localShellCallId(item), item.output as ResponsesToolOutput);
        return;
      case 'additional_tools':
        // Its tools joined the request's tool list (tools-from-responses.ts).
        return;
      case 'reasoning':
        this.options.warn(
          `reasoning items dropped from the history: a ${this.options.target} provider cannot take them back`,
        );
        return;
      case 'item_reference':
        throw new UnsupportedRequestError(
          `input.${index}: item_reference needs stored responses, which ekai does not keep; send the items themselves`,
          `input.${index}`,
        );
      default:
        this.options.warn(
          `${String(type)} items dropped from the input: ${this.options.target} has no equivalent`,
        );
    }
  }

  /**
   * A tool search OpenAI ran (`execution: "server"`, no `call_id` to pair call and output) has no
   * call for a provider to see; the tools it loaded are still sent.
   */
  private clientSearch(item: Record<string, unknown>): boolean {
    if (item.execution !== 'server' && typeof item.call_id === 'string' && item.call_id !== '') return true;
    this.options.warn(
      `${String(item.type)} items of a tool search OpenAI ran dropped from the input: the tools it loaded are sent`,
    );
    return false;
  }

  /** The name a tool a search loaded is sent under (how the search's result names it). */
  private readonly sentName = (tool: Record<string, unknown>, namespace?: string): string | undefined =>
    typeof tool.name === 'string' ? this.options.toolName(flatToolName(namespace, tool.name)) : undefined;

  system(text: string): void {
    this.flushAssistant();
    this.flushMedia();
    this.messages.push({ role: 'system', content: text });
  }

  /** Media moved out of tool outputs goes first in the user message that follows them. */
  user(content: string | ChatContentPart[]): void {
    this.flushAssistant();
    const media = this.media;
    this.media = [];
    const withMedia = media.length > 0 ? [...media, ...asParts(content)] : content;
    // A message whose every part was dropped is left out: Chat refuses empty content.
    if (withMedia.length > 0 || typeof withMedia === 'string')
      this.messages.push({ role: 'user', content: withMedia });
  }

  end(): ChatMessage[] {
    this.flushAssistant();
    this.flushMedia();
    return this.messages;
  }

  private message(item: Record<string, unknown>, index: number): void {
    const { role, content } = item;
    if (typeof content !== 'string' && !Array.isArray(content)) {
      throw new UnsupportedRequestError(
        `input.${index}.content: a string or an array of content parts is required`,
        `input.${index}.content`,
      );
    }
    if (role === 'system' || role === 'developer') {
      const text = this.texts(content, 'system').join(PARAGRAPH);
      if (text.trim() !== '') this.system(text);
    } else if (role === 'assistant') {
      this.assistantText(this.texts(content, 'assistant').join(''));
    } else if (role === 'user') {
      this.user(typeof content === 'string' ? content : this.userParts(content));
    } else {
      this.options.warn(`a message with role "${String(role)}" was dropped`);
    }
  }

  /** Assistant text after tool calls starts the next assistant message: Chat puts text before calls. */
  private assistantText(text: string): void {
    if (text === '') return;
    this.flushMedia();
    if (this.assistant && this.assistant.calls.length > 0) this.flushAssistant();
    this.assistant ??= { texts: [], calls: [] };
    this.assistant.texts.push(text);
  }

  private call(callId: unknown, name: unknown, argumentsText: string): void {
    this.flushMedia();
    this.assistant ??= { texts: [], calls: [] };
    this.assistant.calls.push({
      id: chatToolCallId(String(callId ?? '')),
      type: 'function',
      function: {
        name: this.options.toolName(String(name ?? '')),
        arguments: argumentsText.trim() === '' ? '{}' : argumentsText,
      },
    });
  }

  /**
   * Images and files a tool output returned (Codex's `view_image` returns only an `input_image`)
   * stay in the tool message when the Chat request is handed on to Messages, which takes them
   * inside the `tool_result`; for a Chat provider they go to the user message that follows, after
   * a note naming the call (tool-result-media.ts).
   */
  private toolOutput(callId: unknown, output: ResponsesToolOutput): void {
    this.flushAssistant();
    const id = chatToolCallId(String(callId ?? ''));
    if (typeof output === 'string') {
      this.messages.push({ role: 'tool', tool_call_id: id, content: output });
      return;
    }
    const parts = this.userParts(Array.isArray(output) ? output : []);
    const media = parts.filter((part) => !isTextPart(part));
    if (media.length > 0 && mediaStaysInToolMessage(this.options.target)) {
      this.messages.push(toolMessageWithMedia(id, parts));
      return;
    }
    const texts = parts.filter(isTextPart).map((part) => part.text);
    if (media.length > 0) texts.push(mediaFollowsNote(media.length));
    this.messages.push({ role: 'tool', tool_call_id: id, content: texts.join(PARAGRAPH) });
    if (media.length === 0) return;
    this.options.warn(MEDIA_MOVED);
    this.media.push(mediaOfCallPart(id), ...media);
  }

  private flushAssistant(): void {
    const pending = this.assistant;
    if (pending === undefined) return;
    this.assistant = undefined;
    const text = pending.texts.join('');
    const message: ChatAssistantMessage =
      pending.calls.length === 0
        ? { role: 'assistant', content: text }
        : { role: 'assistant', content: text === '' ? null : text, tool_calls: pending.calls };
    this.messages.push(message);
  }

  private flushMedia(): void {
    if (this.media.length === 0) return;
    this.messages.push({ role: 'user', content: this.media });
    this.media = [];
  }

  /** The text of system and assistant content; anything else there is dropped. */
  private texts(content: string | ResponsesContentPart[], role: string): string[] {
    if (typeof content === 'string') return [content];
    const texts: string[] = [];
    for (const part of content) {
      const text = textOf(part);
      if (text !== undefined) texts.push(text);
      else
        this.options.warn(`${partType(part)} part in a ${role} message dropped: only text is allowed there`);
    }
    return texts;
  }

  private userParts(content: ResponsesContentPart[]): ChatContentPart[] {
    return content.flatMap((part) => {
      const chatPart = chatPartOf(part, this.options);
      return chatPart ? [chatPart] : [];
    });
  }
}

/** The image `detail` values of Chat's `image_url`. */
const CHAT_DETAILS = new Set(['low', 'high', 'auto']);

/**
 * A Responses content part → a Chat content part: text as text, `input_image` as `image_url` (a data
 * or http(s) URL), `input_file` with `file_data` as a `file` part. Uploaded-file ids and file URLs
 * point into OpenAI's storage and have no meaning elsewhere.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 */
function chatPartOf(part: ResponsesContentPart, options: ConversationOptions): ChatContentPart | undefined {
  const text = textOf(part);
  if (text !== undefined) return { type: 'text', text };
  if (
    isRecord(part) &&
    part.type === 'input_image' &&
    typeof part.image_url === 'string' &&
    part.image_url !== ''
  ) {
    const detail = CHAT_DETAILS.has(String(part.detail))
      ? (part.detail as 'low' | 'high' | 'auto')
      : undefined;
    // Codex asks `original` (full resolution) of view_image; Messages has no detail at all.
    if (typeof part.detail === 'string' && !detail && options.target === 'Chat')
      options.warn(`input_image detail "${part.detail}" not sent: Chat takes low, high or auto`);
    return { type: 'image_url', image_url: { url: part.image_url, ...(detail && { detail }) } };
  }
  if (
    isRecord(part) &&
    part.type === 'input_file' &&
    typeof part.file_data === 'string' &&
    part.file_data !== ''
  ) {
    const filename = typeof part.filename === 'string' && part.filename !== '' ? part.filename : undefined;
    return { type: 'file', file: { file_data: part.file_data, ...(filename && { filename }) } };
  }
  const kind = partType(part);
  options.warn(
    kind === 'input_image' || kind === 'input_file'
      ? `${kind} part without inline data dropped: file ids and file URLs refer to OpenAI's storage`
      : `${kind} part dropped: ${options.target} has no equivalent`,
  );
  return undefined;
}

/** A call's tool as it went up: a namespace's tool under `namespace__name`. */
function calledName(item: Record<string, unknown>): string {
  return flatToolName(item.namespace, String(item.name ?? ''));
}

function textOf(part: ResponsesContentPart): string | undefined {
  if (!isRecord(part)) return undefined;
  if ((part.type === 'input_text' || part.type === 'output_text') && typeof part.text === 'string')
    return part.text;
  // A refusal is what the model said instead of an answer: it stays in the history as text.
  if (part.type === 'refusal' && typeof part.refusal === 'string') return part.refusal;
  return undefined;
}

function partType(part: unknown): string {
  return isRecord(part) ? String(part.type) : 'malformed';
}

function asParts(content: string | ChatContentPart[]): ChatContentPart[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

function isTextPart(part: ChatContentPart): part is ChatTextPart {
  return part.type === 'text' && typeof part.text === 'string';
}

function invalidItem(index: number): UnsupportedRequestError {
  return new UnsupportedRequestError(`input.${index}: an object is required`, `input.${index}`);
}
