import type { DocumentBlock, ImageBlock } from '../anthropic-messages/wire.js';
import { UnsupportedRequestError } from '../translation.js';
import { isRecord } from '../usage.js';
import type { ChatProvider } from './chat-providers.js';
import type { ChatContentPart, ChatImagePart } from './wire.js';

/** Where a media block sits (`messages.2.content.0`), and whom it is for. */
export interface PartPlace {
  at: string;
  provider: ChatProvider;
}

function dataUrl(mediaType: unknown, data: unknown): string | undefined {
  if (typeof mediaType !== 'string' || typeof data !== 'string') return undefined;
  return `data:${mediaType};base64,${data}`;
}

function urlOf(source: object): unknown {
  return 'url' in source ? source.url : undefined;
}

/**
 * An input the model would not see is a 400 naming the part, never a silent 200 answered without
 * it: a file id belongs to Anthropic's Files API, which no Chat provider can read.
 */
function unseen(block: { type: string; source: { type: string } }, place: PartPlace, why: string): never {
  const reason = block.source.type === 'file' ? "its file_id names a file in Anthropic's Files API" : why;
  throw new UnsupportedRequestError(
    `${place.at}: ${block.type} with a "${block.source.type}" source cannot be sent to ${place.provider.label}: ${reason}`,
    place.at,
  );
}

/**
 * An image block → an `image_url` part: base64 as a data URL, a url source as is.
 * @see https://platform.openai.com/docs/guides/images-vision#giving-a-model-images-as-input
 */
export function chatImagePart(block: ImageBlock, place: PartPlace): ChatImagePart {
  const source = block.source;
  const url = source.type === 'base64' ? dataUrl(source.media_type, source.data) : urlOf(source);
  if (typeof url === 'string' && url !== '') return { type: 'image_url', image_url: { url } };
  return unseen(block, place, 'Chat takes only base64 and URL images');
}

/**
 * A document block → a `file` part for a base64 PDF (or a PDF URL, where the provider fetches it),
 * a text part for a plain-text document or one given as text blocks.
 * @see https://platform.openai.com/docs/guides/pdf-files
 * @see https://docs.anthropic.com/en/docs/build-with-claude/pdf-support
 */
export function chatDocumentPart(block: DocumentBlock, place: PartPlace): ChatContentPart {
  const source = block.source;
  const titled = (text: string) => (block.title ? `${block.title}\n\n${text}` : text);
  if (source.type === 'text' && typeof source.data === 'string')
    return { type: 'text', text: titled(source.data) };
  const text = source.type === 'content' ? contentText(source.content) : undefined;
  if (text !== undefined) return { type: 'text', text: titled(text) };
  const fileData =
    source.type === 'base64'
      ? dataUrl(source.media_type, source.data)
      : source.type === 'url' && place.provider.fetchesDocumentUrls
        ? urlOf(source)
        : undefined;
  if (typeof fileData === 'string' && fileData !== '') {
    return { type: 'file', file: { filename: block.title ?? 'document.pdf', file_data: fileData } };
  }
  const why =
    source.type === 'url'
      ? 'it does not fetch documents by URL'
      : 'Chat takes base64 PDFs and text documents only';
  return unseen(block, place, why);
}

/** A `content` source holding only text (a string or text blocks) as one text; anything else has no Chat form. */
function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content.map((item) =>
    isRecord(item) && item.type === 'text' && typeof item.text === 'string' ? item.text : undefined,
  );
  return texts.every((text) => text !== undefined) ? texts.join('\n\n') : undefined;
}
