import type { ContentBlock, MessagesRequest, ToolResultBlock } from '../anthropic-messages/wire.js';
import type { ChatProvider } from '../openai-chat/chat-providers.js';
import { chatDocumentPart, chatImagePart } from '../openai-chat/parts-from-messages.js';
import type { Warn } from '../openai-chat/request-notes.js';
import { chatToolCallId } from '../openai-chat/tool-call-ids.js';
import { isRecord } from '../usage.js';
import { inputPart } from './input-from-chat.js';
import type { ResponsesContentPart, ResponsesInputItem, ResponsesRequest } from './wire.js';

/**
 * Images and documents inside Messages `tool_result` blocks (a browser tool's screenshot), for a
 * Responses provider. Messages → Responses goes through Chat, whose tool messages hold only text
 * (the Chat step would move the media to a user message after them). Responses takes them where
 * they were: a `function_call_output` whose `output` is an array of `input_text`, `input_image` and
 * `input_file` parts. So such results are taken out of the Messages body before the Chat step
 * (`holdToolResultMedia`: the Chat step sees their text and whatever else they hold, and warns
 * about that as usual) and their whole content, in order, is put back as the output
 * (`withToolResultMedia`).
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input (function_call_output.output)
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use#handling-tool-use-and-tool-result-content-blocks
 */
export interface HeldToolResultMedia {
  /** The request with the media taken out of its tool results. */
  body: MessagesRequest;
  /** Each such result's output parts, by the call id the Chat step gives its tool use. */
  outputs: Map<string, ResponsesContentPart[]>;
}

const MEDIA = new Set(['image', 'document']);

export function holdToolResultMedia(
  body: MessagesRequest,
  provider: ChatProvider,
  warn: Warn,
): HeldToolResultMedia {
  const outputs = new Map<string, ResponsesContentPart[]>();
  if (!Array.isArray(body.messages)) return { body, outputs };
  const messages = body.messages.map((message, m) => {
    if (message?.role !== 'user' || !Array.isArray(message.content)) return message;
    const content = message.content.map((block, b) => {
      if (!withMedia(block)) return block;
      const at = `messages.${m}.content.${b}`;
      outputs.set(chatToolCallId(block.tool_use_id), outputParts(block, { at, provider }, warn));
      return { ...block, content: block.content.filter((item) => !isMedia(item)) };
    });
    return { ...message, content };
  });
  return { body: outputs.size > 0 ? { ...body, messages } : body, outputs };
}

/** The Responses request with each held result's parts as its output item's `output`. */
export function withToolResultMedia(
  request: ResponsesRequest,
  outputs: ReadonlyMap<string, ResponsesContentPart[]>,
): ResponsesRequest {
  if (outputs.size === 0 || !Array.isArray(request.input)) return request;
  const input = request.input.map((item): ResponsesInputItem => {
    const parts = isRecord(item) && item.type === 'function_call_output' && outputs.get(String(item.call_id));
    return parts ? { ...item, output: parts } : item;
  });
  return { ...request, input };
}

type ResultWithMedia = ToolResultBlock & { content: Exclude<ToolResultBlock['content'], string | undefined> };

function withMedia(block: ContentBlock): block is ResultWithMedia {
  return block.type === 'tool_result' && Array.isArray(block.content) && block.content.some(isMedia);
}

function isMedia(item: unknown): boolean {
  return isRecord(item) && MEDIA.has(String(item.type));
}

/**
 * The result's text, images and documents as Responses parts, in order, through the same Chat
 * parts every Messages → OpenAI conversion uses (an unreadable source is the same 400). Chat has no
 * error flag on results and Responses none either: a failed result says so in its text, as the Chat
 * step writes it.
 */
function outputParts(
  block: ResultWithMedia,
  place: { at: string; provider: ChatProvider },
  warn: Warn,
): ResponsesContentPart[] {
  const parts = block.content.flatMap((item, index): ResponsesContentPart[] => {
    const itemPlace = { ...place, at: `${place.at}.content.${index}` };
    if (!isRecord(item)) return [];
    if (item.type === 'text' && typeof item.text === 'string')
      return [{ type: 'input_text', text: item.text }];
    const chatPart =
      item.type === 'image'
        ? chatImagePart(item, itemPlace)
        : item.type === 'document'
          ? chatDocumentPart(item, itemPlace)
          : undefined;
    // Other blocks stayed in the result the Chat step saw, which warned of them.
    return chatPart ? inputPart(chatPart, itemPlace.at, warn, 'tool') : [];
  });
  if (!block.is_error) return parts;
  const [first, ...rest] = parts;
  return first?.type === 'input_text'
    ? [{ type: 'input_text', text: `Error: ${String(first.text)}` }, ...rest]
    : [{ type: 'input_text', text: 'Error' }, ...parts];
}
