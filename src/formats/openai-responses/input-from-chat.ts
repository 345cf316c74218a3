import type { Warn } from '../openai-chat/request-notes.js';
import { UnsupportedRequestError } from '../translation.js';
import { isRecord } from '../usage.js';
import type { ResponsesContentPart, ResponsesInputItem } from './wire.js';

/** The conversation as a Responses request holds it. */
export interface ResponsesConversation {
  /** The system and developer messages that open the conversation, joined. */
  instructions?: string;
  input: ResponsesInputItem[];
}

/** Separates system texts and tool-output texts joined into one string (they are separate paragraphs). */
const PARAGRAPH = '\n\n';

/**
 * Chat `messages` → Responses `instructions` and `input` items (TRANSLATION.md, "Responses"): the
 * system and developer messages that lead the conversation become `instructions`; later ones stay
 * where they stand, as developer messages (a system message mid-conversation steers from there on,
 * which `instructions` would not). User and assistant messages become message items (`input_text`,
 * `input_image`, `input_file` / `output_text`, `refusal`), each assistant tool call a
 * `function_call` (`custom_tool_call`) item and each tool message its output item.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 */
export function responsesInputFromChat(messages: unknown, warn: Warn): ResponsesConversation {
  if (!Array.isArray(messages))
    throw new UnsupportedRequestError('messages: an array is required', 'messages');
  const leading: string[] = [];
  const input: ResponsesInputItem[] = [];
  // A custom tool's result is answered with a custom_tool_call_output item, not a function's.
  const customCalls = new Set<string>();
  messages.forEach((message: unknown, index) => {
    if (!isRecord(message))
      throw new UnsupportedRequestError(`messages.${index}: an object is required`, `messages.${index}`);
    if (typeof message.name === 'string' && message.name !== '')
      warn('message name dropped: Responses has no equivalent');
    switch (message.role) {
      case 'system':
      case 'developer': {
        const text = textOf(message.content, 'system', warn);
        if (text === '') return;
        if (input.length === 0) leading.push(text);
        else input.push({ type: 'message', role: 'developer', content: [inputText(text)] });
        return;
      }
      case 'user':
        input.push(...userItems(message.content, index, warn));
        return;
      case 'assistant':
        input.push(...assistantItems(message, index, warn, customCalls));
        return;
      case 'tool':
        input.push(toolOutputItem(message, customCalls, `messages.${index}.content`, warn));
        return;
      default:
        warn(`a message with role "${String(message.role)}" was dropped`);
    }
  });
  return { ...(leading.length > 0 && { instructions: leading.join(PARAGRAPH) }), input };
}

function inputText(text: string): ResponsesContentPart {
  return { type: 'input_text', text };
}

/** The text of a system, developer or tool message; anything else there is dropped. */
function textOf(content: unknown, role: string, warn: Warn): string {
  if (typeof content === 'string') return content;
  const texts: string[] = [];
  for (const part of Array.isArray(content) ? content : []) {
    if (isRecord(part) && part.type === 'text' && typeof part.text === 'string') texts.push(part.text);
    else warn(`${partType(part)} part in a ${role} message dropped: only text is allowed there`);
  }
  return texts.join(PARAGRAPH);
}

function userItems(content: unknown, index: number, warn: Warn): ResponsesInputItem[] {
  if (typeof content === 'string') return [{ type: 'message', role: 'user', content: [inputText(content)] }];
  if (!Array.isArray(content))
    throw new UnsupportedRequestError(
      `messages.${index}.content: a string or an array of content parts is required`,
      `messages.${index}.content`,
    );
  const parts = content.flatMap((part: unknown, partIndex) =>
    inputPart(part, `messages.${index}.content.${partIndex}`, warn),
  );
  // A message whose every part was dropped is left out: an empty message says nothing.
  return parts.length > 0 ? [{ type: 'message', role: 'user', content: parts }] : [];
}

/**
 * A Chat user content part → a Responses one: `text` → `input_text`, `image_url` → `input_image`
 * (data or http(s) URL, `detail` kept), `file` → `input_file` (inline data or an OpenAI file id).
 * Audio input has no place in a Responses message: the request cannot be served.
 */
export function inputPart(
  part: unknown,
  param: string,
  warn: Warn,
  role: 'user' | 'tool' = 'user',
): ResponsesContentPart[] {
  if (!isRecord(part)) {
    warn(`malformed part in a ${role} message dropped`);
    return [];
  }
  if (part.type === 'text' && typeof part.text === 'string') return [inputText(part.text)];
  if (part.type === 'image_url') {
    const image = isRecord(part.image_url) ? part.image_url : {};
    if (typeof image.url === 'string' && image.url !== '') {
      const detail = typeof image.detail === 'string' ? image.detail : undefined;
      return [{ type: 'input_image', image_url: image.url, ...(detail && { detail }) }];
    }
  }
  if (part.type === 'file') {
    const file = isRecord(part.file) ? part.file : {};
    const fields = Object.fromEntries(
      ['file_data', 'file_id', 'filename'].flatMap((key) => {
        const value = file[key];
        return typeof value === 'string' && value !== '' ? [[key, value]] : [];
      }),
    );
    if (fields.file_data !== undefined || fields.file_id !== undefined)
      return [{ type: 'input_file', ...fields }];
  }
  if (part.type === 'input_audio')
    throw new UnsupportedRequestError(
      `${param}: input_audio is not supported: Responses takes no audio in messages`,
      param,
    );
  warn(`${partType(part)} part in a ${role} message dropped: Responses has no equivalent`);
  return [];
}

/**
 * An assistant message → its text as an assistant message item (`output_text`, refusals as
 * `refusal` parts), then one item per tool call. `reasoning_content` cannot go back: Responses
 * takes back only its own reasoning items, with their encrypted content.
 */
function assistantItems(
  message: Record<string, unknown>,
  index: number,
  warn: Warn,
  customCalls: Set<string>,
): ResponsesInputItem[] {
  if (message.audio !== undefined && message.audio !== null)
    throw new UnsupportedRequestError(
      `messages.${index}.audio: audio answers are not supported: Responses answers in text`,
      `messages.${index}.audio`,
    );
  if (typeof message.reasoning_content === 'string' && message.reasoning_content !== '')
    warn('assistant reasoning_content dropped: Responses takes back only its own reasoning items');
  const parts = assistantParts(message.content, warn);
  if (typeof message.refusal === 'string' && message.refusal !== '')
    parts.push({ type: 'refusal', refusal: message.refusal });
  const items: ResponsesInputItem[] =
    parts.length > 0 ? [{ type: 'message', role: 'assistant', content: parts }] : [];
  for (const call of Array.isArray(message.tool_calls) ? message.tool_calls : []) {
    const item = callItem(call, customCalls);
    if (item) items.push(item);
    else warn('a malformed tool call in an assistant message was dropped');
  }
  return items;
}

function assistantParts(content: unknown, warn: Warn): ResponsesContentPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'output_text', text: content }];
  const parts: ResponsesContentPart[] = [];
  for (const part of Array.isArray(content) ? content : []) {
    if (isRecord(part) && part.type === 'text' && typeof part.text === 'string') {
      if (part.text !== '') parts.push({ type: 'output_text', text: part.text });
    } else if (isRecord(part) && part.type === 'refusal' && typeof part.refusal === 'string') {
      parts.push({ type: 'refusal', refusal: part.refusal });
    } else {
      warn(`${partType(part)} part in an assistant message dropped: only text is allowed there`);
    }
  }
  return parts;
}

/**
 * A Chat tool call → `function_call` {call_id, name, arguments}; a custom tool call (free-text input)
 * → `custom_tool_call` {call_id, name, input}.
 * @see https://platform.openai.com/docs/guides/function-calling#custom-tools
 */
function callItem(call: unknown, customCalls: Set<string>): ResponsesInputItem | undefined {
  if (!isRecord(call) || typeof call.id !== 'string') return undefined;
  if (call.type === 'custom' && isRecord(call.custom) && typeof call.custom.name === 'string') {
    customCalls.add(call.id);
    const input = typeof call.custom.input === 'string' ? call.custom.input : '';
    return { type: 'custom_tool_call', call_id: call.id, name: call.custom.name, input };
  }
  const fn = isRecord(call.function) ? call.function : undefined;
  if (typeof fn?.name !== 'string') return undefined;
  const args = typeof fn.arguments === 'string' && fn.arguments.trim() !== '' ? fn.arguments : '{}';
  return { type: 'function_call', call_id: call.id, name: fn.name, arguments: args };
}

/**
 * A tool message → its output item. Text alone stays a string; a tool message carrying images or
 * files (some Chat clients send them, though OpenAI's Chat API refuses them there) becomes an output
 * array of `input_text` / `input_image` / `input_file` parts, in order, which Responses takes.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input (function_call_output: output, string or array of input_text, input_image, input_file)
 */
function toolOutputItem(
  message: Record<string, unknown>,
  customCalls: Set<string>,
  param: string,
  warn: Warn,
): ResponsesInputItem {
  const callId = String(message.tool_call_id ?? '');
  return {
    type: customCalls.has(callId) ? 'custom_tool_call_output' : 'function_call_output',
    call_id: callId,
    output: hasMedia(message.content)
      ? toolOutputParts(message.content as unknown[], param, warn)
      : textOf(message.content, 'tool', warn),
  };
}

function hasMedia(content: unknown): boolean {
  return (
    Array.isArray(content) &&
    content.some((part) => isRecord(part) && (part.type === 'image_url' || part.type === 'file'))
  );
}

/** A tool message's parts as a Responses output array (text, images, files; audio is refused). */
function toolOutputParts(content: unknown[], param: string, warn: Warn): ResponsesContentPart[] {
  return content.flatMap((part, index) => inputPart(part, `${param}.${index}`, warn, 'tool'));
}

function partType(part: unknown): string {
  return isRecord(part) ? String(part.type) : 'malformed';
}
