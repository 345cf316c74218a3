import type { WireFormat } from '../wire.js';
import { anthropicMessages } from './anthropic-messages/index.js';
import type { ErrorDetails } from './errors.js';
import { openaiChat } from './openai-chat/index.js';
import { openaiResponses } from './openai-responses/index.js';
import type { StreamTap } from './stream-tap.js';
import type { TokenUsage } from './usage.js';

export type { ProviderFormat, WireFormat } from '../wire.js';
export type { ErrorDetails, ErrorKind } from './errors.js';
export { kindOfStatus, STATUS_OF_KIND } from './errors.js';
export { formatSse, SseByteParser, type SseEvent, SseParser } from './sse.js';
export type { StreamTap } from './stream-tap.js';
export { type TokenUsage, ZERO_USAGE } from './usage.js';

/** What the gateway needs to know about a wire format. */
export interface WireFormatInfo {
  format: WireFormat;
  errorBody(error: ErrorDetails): object;
  /** Frames that end a stream with an error; `tap` (of this format) tells what was already sent. */
  streamErrorFrames(error: ErrorDetails, tap?: StreamTap): string;
  usageFromBody(body: unknown): TokenUsage | undefined;
  createStreamTap(): StreamTap;
}

export const FORMATS: Record<WireFormat, WireFormatInfo> = {
  chat: openaiChat,
  messages: anthropicMessages,
  responses: openaiResponses,
};
