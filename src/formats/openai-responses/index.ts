import type { ErrorDetails } from '../errors.js';
import { responsesErrorBody, responsesStreamErrorFrames } from './errors.js';
import { ResponsesStreamReader } from './stream-reader.js';
import { responsesUsageToTokens } from './usage.js';

export {
  responsesErrorBody,
  responsesErrorFromDetails,
  responsesStreamErrorFrames,
  type StreamState,
} from './errors.js';
export { finishFromResponses } from './map-status.js';
export { responsesRequestFromChat } from './request-from-chat.js';
export { responsesRequestFromMessages } from './request-from-messages.js';
export { responsesResponseFromChat } from './response-from-chat.js';
export { responsesResponseFromMessages } from './response-from-messages.js';
export { ResponsesStreamReader } from './stream-reader.js';
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
    responsesStreamErrorFrames(error, tap instanceof ResponsesStreamReader ? tap : undefined),
  usageFromBody: (body: unknown) => responsesUsageToTokens((body as { usage?: unknown } | undefined)?.usage),
  /** The stream reader without a sink: the tap of native Responses streams (usage, error, end). */
  createStreamTap: () => new ResponsesStreamReader(),
} as const;
