import { formatSse } from '../sse.js';
import type { MessagesStreamEvent } from './wire.js';

export type ContentBlockDelta = Extract<MessagesStreamEvent, { type: 'content_block_delta' }>['delta'];

/** One Messages SSE frame with both `event:` and `data:` lines: Anthropic clients skip frames without `event:`. */
export function formatMessagesEvent(event: MessagesStreamEvent): string {
  return formatSse(JSON.stringify(event), event.type);
}
