import type { DocumentBlock, ImageBlock } from '../anthropic-messages/wire.js';
import type { Warn } from './request-notes.js';
import type { ChatContentPart, ChatImagePart } from './wire.js';

function dataUrl(mediaType: unknown, data: unknown): string | undefined {
  if (typeof mediaType !== 'string' || typeof data !== 'string') return undefined;
  return `data:${mediaType};base64,${data}`;
}

function urlOf(source: object): unknown {
  return 'url' in source ? source.url : undefined;
}

/**
 * An image block → an `image_url` part: base64 as a data URL, a url source as is.
 * @see https://platform.openai.com/docs/guides/images-vision#giving-a-model-images-as-input
 */
export function chatImagePart(block: ImageBlock, warn: Warn): ChatImagePart | undefined {
  const source = block.source;
  const url = source.type === 'base64' ? dataUrl(source.media_type, source.data) : urlOf(source);
  if (typeof url === 'string' && url !== '') return { type: 'image_url', image_url: { url } };
  warn(`image with a "${source.type}" source dropped: Chat takes only base64 and URL images`);
  return undefined;
}

/**
 * A document block → a `file` part for a base64 PDF, a text part for a plain-text document; other
 * sources (URLs, file ids) have no Chat form and are dropped.
 * @see https://platform.openai.com/docs/guides/pdf-files
 */
export function chatDocumentPart(block: DocumentBlock, warn: Warn): ChatContentPart | undefined {
  const source = block.source;
  if (source.type === 'text' && typeof source.data === 'string') {
    return { type: 'text', text: block.title ? `${block.title}\n\n${source.data}` : source.data };
  }
  const fileData = source.type === 'base64' ? dataUrl(source.media_type, source.data) : undefined;
  if (fileData !== undefined) {
    return { type: 'file', file: { filename: block.title ?? 'document.pdf', file_data: fileData } };
  }
  warn(`document with a "${source.type}" source dropped: Chat takes only base64 and text documents`);
  return undefined;
}
