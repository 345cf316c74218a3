import type { ChatContentPart, ChatToolCall, ChatToolMessage } from '../openai-chat/wire.js';
import { UnsupportedRequestError } from '../translation.js';
import { isRecord } from '../usage.js';
import { customInputOf } from './custom-tools-from-chat.js';
import type {
  CacheControl,
  DocumentBlock,
  ImageBlock,
  TextBlock,
  ToolResultBlock,
  ToolUseBlock,
} from './wire.js';

export type MediaBlock = TextBlock | ImageBlock | DocumentBlock;

/** Where a message's content is and how its explicit cache breakpoints are marked. */
export interface ContentPlace {
  /** The content's path in the Chat request (`messages[2].content`), named by errors. */
  path: string;
  /** What a part's `prompt_cache_breakpoint` becomes: a mark with the configured lifetime. */
  breakpoint: CacheControl;
}

const DEFAULT_PLACE: ContentPlace = { path: 'content', breakpoint: { type: 'ephemeral' } };

/**
 * Chat content (a string or parts) → Messages blocks. Blank text is dropped: Messages rejects empty
 * and whitespace-only text blocks with a 400 (bug 9). `detail` has no equivalent and is dropped.
 * Parts the model would not see (audio, files stored at OpenAI, non-PDF files) are a 400 naming the
 * part, never a silent answer to a prompt that lost them.
 * @see https://docs.anthropic.com/en/api/messages#body-messages-content
 */
export function blocksFromChatContent(
  content: unknown,
  warnings: string[],
  place: ContentPlace = DEFAULT_PLACE,
): MediaBlock[] {
  if (typeof content === 'string') return textBlocks(content);
  if (!Array.isArray(content)) return [];
  return content.flatMap((part: ChatContentPart, index) =>
    blocksFromPart(part, warnings, { ...place, path: `${place.path}[${index}]` }),
  );
}

/**
 * A function call's `arguments` is a JSON string in Chat and an object in Messages; anything else is
 * wrapped, never a string. A custom tool's call carries free text, sent as `{"input": text}` (the
 * tool's Messages schema, custom-tools-from-chat.ts).
 */
export function toolUseFromChat(call: ChatToolCall, warnings: string[]): ToolUseBlock {
  const custom = customInputOf(call);
  return {
    type: 'tool_use',
    id: toolUseId(call.id),
    name: custom?.name ?? call.function?.name ?? '',
    input: custom?.input ?? toolInputOf(call.function?.arguments, warnings),
  };
}

export function toolResultFromChat(
  message: ChatToolMessage,
  warnings: string[],
  place: ContentPlace = DEFAULT_PLACE,
): ToolResultBlock {
  const content =
    typeof message.content === 'string'
      ? message.content
      : blocksFromChatContent(message.content, warnings, place);
  // An empty result is sent without content: a blank text block would be a 400.
  const blank = typeof content === 'string' ? content.trim() === '' : content.length === 0;
  return { type: 'tool_result', tool_use_id: toolUseId(message.tool_call_id), ...(!blank && { content }) };
}

/**
 * Messages tool ids must match ^[a-zA-Z0-9_-]+$; ids from other providers (e.g. Kimi's
 * `functions.get_weather:0`) may not. The same mapping on both sides keeps each pair matched.
 */
export function toolUseId(id: unknown): string {
  return typeof id === 'string' ? id.replace(/[^a-zA-Z0-9_-]/g, '_') : '';
}

function blocksFromPart(part: ChatContentPart, warnings: string[], place: ContentPlace): MediaBlock[] {
  if (!isRecord(part)) return [];
  if (part.type === 'text') return textBlocks(part.text, cacheControlOf(part, place));
  if (part.type === 'image_url' && isRecord(part.image_url))
    return mediaBlocks(part.image_url.url, part, warnings, place);
  if (part.type === 'file' && isRecord(part.file)) return fileBlocks(part.file, part, place);
  if (part.type === 'input_audio')
    throw unseen(place, 'an input_audio part cannot be sent: Messages models take no audio input');
  warnings.push(`${String(part.type)} content part dropped: Messages has no equivalent`);
  return [];
}

/** A part the model would not see: refused, naming it (`messages[1].content[0]`). */
function unseen(place: ContentPlace, why: string): UnsupportedRequestError {
  return new UnsupportedRequestError(`${place.path}: ${why}`, place.path);
}

function textBlocks(text: unknown, cacheControl?: CacheControl): TextBlock[] {
  if (typeof text !== 'string' || text.trim() === '') return [];
  return [{ type: 'text', text, ...(cacheControl && { cache_control: cacheControl }) }];
}

/** A data URL becomes base64 (a PDF a document), an http(s) URL a URL image. */
function mediaBlocks(
  url: unknown,
  part: Record<string, unknown>,
  warnings: string[],
  place: ContentPlace,
): MediaBlock[] {
  const cacheControl = cacheControlOf(part, place);
  const extra = cacheControl ? { cache_control: cacheControl } : {};
  const data = typeof url === 'string' ? parseDataUrl(url) : undefined;
  if (data?.mediaType === 'application/pdf') return [{ type: 'document', source: base64(data), ...extra }];
  if (data) return [{ type: 'image', source: base64(data), ...extra }];
  if (typeof url === 'string' && /^https?:\/\//i.test(url))
    return [{ type: 'image', source: { type: 'url', url }, ...extra }];
  warnings.push('image_url part dropped: only data: and http(s) URLs can be sent to Messages');
  return [];
}

/**
 * `file_data` is a data URL (or bare base64 with a .pdf filename); only PDFs have a Messages
 * equivalent. A `file_id` names a file uploaded to OpenAI, which Anthropic cannot read.
 */
function fileBlocks(
  file: Record<string, unknown>,
  part: Record<string, unknown>,
  place: ContentPlace,
): MediaBlock[] {
  const { file_data: fileData, file_id: fileId, filename } = file;
  if (typeof fileData !== 'string' && typeof fileId === 'string')
    throw unseen(
      place,
      `file_id ${fileId} cannot be sent: it names a file stored at OpenAI, which Messages providers cannot read (send the file as file_data)`,
    );
  const data =
    typeof fileData !== 'string'
      ? undefined
      : (parseDataUrl(fileData) ??
        (typeof filename === 'string' && /\.pdf$/i.test(filename)
          ? { mediaType: 'application/pdf', data: fileData }
          : undefined));
  if (data?.mediaType !== 'application/pdf')
    throw unseen(
      place,
      `a file part${data ? ` of type ${data.mediaType}` : ''} cannot be sent: Messages takes only PDF file_data`,
    );
  const cacheControl = cacheControlOf(part, place);
  return [
    {
      type: 'document',
      source: base64(data),
      ...(typeof filename === 'string' && filename !== '' && { title: filename }),
      ...(cacheControl && { cache_control: cacheControl }),
    },
  ];
}

interface DataUrl {
  mediaType: string;
  data: string;
}

function parseDataUrl(url: string): DataUrl | undefined {
  const match = /^data:([^;,]+)[^,]*;base64,(.*)$/s.exec(url);
  if (!match) return undefined;
  const mediaType = match[1]!.toLowerCase();
  // `image/jpg` is common in the wild; Messages accepts only the registered `image/jpeg`.
  return { mediaType: mediaType === 'image/jpg' ? 'image/jpeg' : mediaType, data: match[2]! };
}

function base64({ mediaType, data }: DataUrl) {
  return { type: 'base64' as const, media_type: mediaType, data };
}

/**
 * OpenAI's `prompt_cache_breakpoint` (explicit breakpoints, GPT-5.6 on) marks the end of a reusable
 * prefix, as Anthropic's `cache_control` does; the lifetime is the configured one. `cache_control`
 * itself is not in OpenAI's API, but OpenRouter and LiteLLM let Chat clients mark parts with it.
 * @see https://platform.openai.com/docs/guides/prompt-caching
 */
function cacheControlOf(part: Record<string, unknown>, place: ContentPlace): CacheControl | undefined {
  const value = part.cache_control;
  if (isRecord(part.prompt_cache_breakpoint) && part.prompt_cache_breakpoint.mode === 'explicit')
    return place.breakpoint;
  if (!isRecord(value) || value.type !== 'ephemeral') return undefined;
  return { type: 'ephemeral', ...((value.ttl === '5m' || value.ttl === '1h') && { ttl: value.ttl }) };
}

function toolInputOf(json: unknown, warnings: string[]): Record<string, unknown> {
  if (typeof json !== 'string' || json.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(json);
    if (isRecord(parsed)) return parsed;
  } catch {
    // Not JSON: a model's broken output replayed by the client; wrapped below.
  }
  warnings.push('tool call arguments that are not a JSON object were wrapped as {"arguments": "…"}');
  return { arguments: json };
}
