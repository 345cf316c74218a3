import type { Dialect } from '../config/catalog-schema.js';
import { anthropicMessages } from './anthropic-messages/index.js';
import type { ErrorDetails } from './errors.js';
import { openaiChat } from './openai-chat/index.js';
import { openaiResponses } from './openai-responses/index.js';
import type { StreamTap } from './stream-tap.js';
import type { TokenUsage } from './usage.js';

export type { ErrorDetails, ErrorKind } from './errors.js';
export { kindOfStatus, STATUS_OF_KIND } from './errors.js';
export { formatSse, SseByteParser, type SseEvent, SseParser } from './sse.js';
export type { StreamTap } from './stream-tap.js';
export { type TokenUsage, ZERO_USAGE } from './usage.js';

/** What a client speaks: a provider dialect, or OpenAI's Responses API (Codex). */
export type ClientDialect = Dialect | 'responses';

/** What the gateway needs to know about a dialect on the wire. */
export interface DialectFormat {
  dialect: ClientDialect;
  errorBody(error: ErrorDetails): object;
  /** Frames that end a stream with an error; `tap` (of this dialect) tells what was already sent. */
  streamErrorFrames(error: ErrorDetails, tap?: StreamTap): string;
  usageFromBody(body: unknown): TokenUsage | undefined;
  createStreamTap(): StreamTap;
}

export const FORMATS: Record<ClientDialect, DialectFormat> = {
  openai: openaiChat,
  anthropic: anthropicMessages,
  responses: openaiResponses,
};
