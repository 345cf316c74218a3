import type { ChatContentPart, ChatToolCall, ChatToolMessage } from '../openai-chat/wire.js';
import { isRecord } from '../usage.js';
import type {
  CacheControl,
  DocumentBlock,
  ImageBlock,
  TextBlock,
  ToolResultBlock,
  ToolUseBlock,
} from './wire.js';

export type MediaBlock = TextBlock | ImageBlock | DocumentBlock;

/**
 * Chat content (a string or parts) → Messages blocks. Blank text is dropped: Messages rejects empty
 * and whitespace-only text blocks with a 400 (bug 9). `detail` has no equivalent and is dropped.
 * @see https://docs.anthropic.com/en/api/messages#body-messages-content
 */
export function blocksFromChatContent(content: unknown, warnings: string[]): MediaBlock[] {
  if (typeof content === 'string') return textBlocks(content);
  if (!Array.isArray(content)) return [];
  return content.flatMap((part: ChatContentPart) => blocksFromPart(part, warnings));
}

/** `arguments` is a JSON string in Chat and an object in Messages; anything else is wrapped, never a string. */
export function toolUseFromChat(call: ChatToolCall, warnings: string[]): ToolUseBlock {
  return {
    type: 'tool_use',
    id: toolUseId(call.id),
    name: call.function?.name ?? '',
    input: toolInputOf(call.function?.arguments, warnings),
  };
}

export function toolResultFromChat(message: ChatToolMessage, warnings: string[]): ToolResultBlock {
  const content =
    typeof message.content === 'string' ? message.content : blocksFromChatContent(message.content, warnings);
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

function blocksFromPart(part: ChatContentPart, warnings: string[]): MediaBlock[] {
  if (!isRecord(part)) return [];
  if (part.type === 'text') return textBlocks(part.text, cacheControlOf(part));
  if (part.type === 'image_url' && isRecord(part.image_url))
    return mediaBlocks(part.image_url.url, part, warnings);
  if (part.type === 'file' && isRecord(part.file)) return fileBlocks(part.file, part, warnings);
  warnings.push(`${String(part.type)} content part dropped: Messages has no equivalent`);
  return [];
}

function textBlocks(text: unknown, cacheControl?: CacheControl): TextBlock[] {
  if (typeof text !== 'string' || text.trim() === '') return [];
  return [{ type: 'text', text, ...(cacheControl && { cache_control: cacheControl }) }];
}

/** A data URL becomes base64 (a PDF a document), an http(s) URL a URL image. */
function mediaBlocks(url: unknown, part: Record<string, unknown>, warnings: string[]): MediaBlock[] {
  const cacheControl = cacheControlOf(part);
  const extra = cacheControl ? { cache_control: cacheControl } : {};
  const data = typeof url === 'string' ? parseDataUrl(url) : undefined;
  if (data?.mediaType === 'application/pdf') return [{ type: 'document', source: base64(data), ...extra }];
  if (data) return [{ type: 'image', source: base64(data), ...extra }];
  if (typeof url === 'string' && /^https?:\/\//i.test(url))
    return [{ type: 'image', source: { type: 'url', url }, ...extra }];
  warnings.push('image_url part dropped: only data: and http(s) URLs can be sent to Messages');
  return [];
}

/** `file_data` is a data URL (or bare base64 with a .pdf filename); only PDFs have a Messages equivalent. */
function fileBlocks(
  file: Record<string, unknown>,
  part: Record<string, unknown>,
  warnings: string[],
): MediaBlock[] {
  const { file_data: fileData, filename } = file;
  const data =
    typeof fileData !== 'string'
      ? undefined
      : (parseDataUrl(fileData) ??
        (typeof filename === 'string' && /\.pdf$/i.test(filename)
          ? { mediaType: 'application/pdf', data: fileData }
          : undefined));
  if (data?.mediaType !== 'application/pdf') {
    warnings.push(
      'file part dropped: only PDF file_data can be sent to Messages (not file_id or other types)',
    );
    return [];
  }
  const cacheControl = cacheControlOf(part);
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

/** Not in OpenAI's API, but OpenRouter and LiteLLM let Chat clients mark parts for Anthropic's cache. */
function cacheControlOf(part: Record<string, unknown>): CacheControl | undefined {
  const value = part.cache_control;
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
