import type { ErrorDetails } from '../errors.js';
import { responsesErrorBody, responsesStreamErrorFrames } from './errors.js';
import { ResponsesStreamTap } from './stream-tap.js';
import { responsesUsageToTokens } from './usage.js';

export {
  responsesErrorBody,
  responsesErrorFromDetails,
  responsesStreamErrorFrames,
  type StreamState,
} from './errors.js';
export { responsesResponseFromChat } from './response-from-chat.js';
export { responsesResponseFromMessages } from './response-from-messages.js';
export { ResponsesStreamTap } from './stream-tap.js';
export { responsesUsageToTokens } from './usage.js';
export { responsesUsageFromChat } from './usage-from-chat.js';
export { responsesUsageFromMessages } from './usage-from-messages.js';
export type { ResponsesRequest, ResponsesResponse, ResponsesStreamEvent, ResponsesUsage } from './wire.js';

/**
 * What the gateway needs to know about the Responses wire format (the shape of
 * `WireFormatInfo` in ../index.ts).
 */
export const openaiResponses = {
  format: 'responses',
  errorBody: responsesErrorBody,
  /** After the stream began: `response.failed` (read by Codex), then an `error` event (the openai SDK throws). */
  streamErrorFrames: (error: ErrorDetails, tap?: unknown) =>
    responsesStreamErrorFrames(error, tap instanceof ResponsesStreamTap ? tap : undefined),
  usageFromBody: (body: unknown) => responsesUsageToTokens((body as { usage?: unknown } | undefined)?.usage),
  createStreamTap: () => new ResponsesStreamTap(),
} as const;
