import type { ErrorDetails } from '../errors.js';
import { formatSse } from '../sse.js';
import { chatErrorBody } from './errors.js';
import { ChatStreamTap } from './stream-tap.js';
import { chatUsageToTokens } from './usage.js';

export { chatErrorBody } from './errors.js';
export { ChatStreamTap, isUsageOnlyChunk } from './stream-tap.js';
export { chatUsageToTokens } from './usage.js';

export const openaiChat = {
  dialect: 'openai',
  errorBody: chatErrorBody,
  /** After the stream began: an error chunk, then [DONE] so that clients stop reading. */
  streamErrorFrames: (error: ErrorDetails) =>
    `${formatSse(JSON.stringify(chatErrorBody(error)))}data: [DONE]\n\n`,
  usageFromBody: (body: unknown) => chatUsageToTokens((body as { usage?: unknown } | undefined)?.usage),
  createStreamTap: () => new ChatStreamTap(),
} as const;
