import type { StreamPart } from '../stream-parts.js';
import { isRecord } from '../usage.js';

type Citation = Extract<StreamPart, { type: 'citation' }>;

/**
 * A Chat message's `url_citation` annotations (OpenRouter's web search; OpenAI's search models) →
 * citations of the answer `text`. The offsets are taken as code points into the whole answer, as
 * the Responses reader takes OpenAI's. The cited text is the page passage OpenRouter adds as
 * `content` when it has one, else the span of the answer the annotation covers.
 * @see https://openrouter.ai/docs/features/web-search
 * @see https://platform.openai.com/docs/guides/tools-web-search?api-mode=chat
 */
export function chatUrlCitationsOf(annotations: unknown, text: string): Citation[] {
  // Called on every streamed delta with the whole answer so far: most deltas carry no annotation,
  // and the answer is split into code points only when a citation needs its span.
  if (!Array.isArray(annotations) || annotations.length === 0) return [];
  let codePoints: string[] | undefined;
  const span = (start: number, end: number) => {
    codePoints ??= Array.from(text);
    return codePoints.slice(start, end).join('');
  };
  return annotations.flatMap((annotation: unknown) => {
    const cited =
      isRecord(annotation) && annotation.type === 'url_citation' ? annotation.url_citation : undefined;
    if (!isRecord(cited) || typeof cited.url !== 'string') return [];
    const start = typeof cited.start_index === 'number' ? cited.start_index : 0;
    const end = typeof cited.end_index === 'number' ? cited.end_index : start;
    const page = typeof cited.content === 'string' && cited.content.trim() !== '' ? cited.content : undefined;
    return [
      {
        type: 'citation' as const,
        url: cited.url,
        title: typeof cited.title === 'string' ? cited.title : undefined,
        citedText: page ?? span(start, end),
        start,
        end,
      },
    ];
  });
}
