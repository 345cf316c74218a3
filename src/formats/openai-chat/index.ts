import type { ErrorDetails } from '../errors.js';
import { formatSse } from '../sse.js';
import { chatErrorBody } from './errors.js';
import { ChatStreamReader } from './stream-reader.js';
import { chatUsageToTokens } from './usage.js';

export { chatErrorBody } from './errors.js';
export { chatResponseFromResponses } from './response-from-responses.js';
export { ChatStreamReader, isUsageOnlyChunk } from './stream-reader.js';
export { chatUsageToTokens } from './usage.js';

export const openaiChat = {
  format: 'chat',
  errorBody: chatErrorBody,
  /** After the stream began: an error chunk, then [DONE] so that clients stop reading. */
  streamErrorFrames: (error: ErrorDetails) =>
    `${formatSse(JSON.stringify(chatErrorBody(error)))}data: [DONE]\n\n`,
  usageFromBody: (body: unknown) => chatUsageToTokens((body as { usage?: unknown } | undefined)?.usage),
  createStreamTap: () => new ChatStreamReader(),
} as const;
