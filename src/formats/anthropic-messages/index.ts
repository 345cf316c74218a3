import type { ErrorDetails } from '../errors.js';
import { formatSse } from '../sse.js';
import { messagesErrorBody } from './errors.js';
import { MessagesStreamReader } from './stream-reader.js';
import { messagesUsageToTokens } from './usage.js';

export { messagesErrorBody } from './errors.js';
export { messagesResponseFromResponses } from './response-from-responses.js';
export { MessagesStreamReader } from './stream-reader.js';
export { mergeMessagesUsage, messagesUsageToTokens } from './usage.js';

export const anthropicMessages = {
  format: 'messages',
  errorBody: messagesErrorBody,
  /** After the stream began: an `event: error` frame (a frame with only `data:` is skipped by SDKs). */
  streamErrorFrames: (error: ErrorDetails) => formatSse(JSON.stringify(messagesErrorBody(error)), 'error'),
  usageFromBody: (body: unknown) => messagesUsageToTokens((body as { usage?: unknown } | undefined)?.usage),
  createStreamTap: () => new MessagesStreamReader(),
} as const;
