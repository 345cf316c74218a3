import type { ErrorDetails, ErrorKind } from '../errors.js';
import { chatErrorBody } from '../openai-chat/errors.js';
import { errorEvent, formatResponsesEvent } from './event-writer.js';
import { randomId, unixSeconds } from './ids.js';
import { failedResponse } from './output-items.js';
import type { ResponsesError } from './wire.js';

/**
 * The Responses API answers errors in the Chat Completions shape:
 * `{"error":{"message","type","param","code"}}`.
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export const responsesErrorBody = chatErrorBody;

/** Upstream error codes Codex acts on (context window, quota, retry delay); passed on unchanged. */
const KNOWN_CODES = new Set([
  'context_length_exceeded',
  'insufficient_quota',
  'rate_limit_exceeded',
  'server_error',
  'invalid_prompt',
]);

/**
 * The `code` of a `response.failed` error. Codex retries any failure, waits as told on
 * `rate_limit_exceeded`, and stops on `context_length_exceeded` and `insufficient_quota`.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-error
 */
function codeOfKind(kind: ErrorKind): string {
  if (kind === 'rate_limit') return 'rate_limit_exceeded';
  return kind === 'invalid_request' || kind === 'request_too_large'
    ? 'invalid_request_error'
    : 'server_error';
}

/**
 * An upstream's in-stream error (a stream part) → the `response.failed` error: the codes Codex acts
 * on pass unchanged, a rate limit is `rate_limit_exceeded`, anything else `server_error`.
 */
export function responsesErrorFromUpstream(error: {
  kind: ErrorKind;
  message: string;
  code?: string | undefined;
}): ResponsesError {
  const { message, code } = error;
  if (code !== undefined && KNOWN_CODES.has(code)) return { code, message };
  return { code: error.kind === 'rate_limit' ? 'rate_limit_exceeded' : 'server_error', message };
}

/** An error the gateway itself reports (ErrorDetails) → a Responses error. */
export function responsesErrorFromDetails(error: ErrorDetails): ResponsesError {
  return { code: error.code ?? codeOfKind(error.kind), message: error.message };
}

/** What is known of the stream being closed (a ResponsesStreamTap has it for native streams). */
export interface StreamState {
  responseId?: string | undefined;
  model?: string | undefined;
  /** The last sequence number sent; the error frames continue from it. */
  lastSequenceNumber?: number | undefined;
}

/**
 * Closes a Responses stream the gateway cannot finish (the upstream failed or ended early after the
 * first byte): `response.failed`, for Codex, then an `error` event, on which the openai SDK throws.
 * Without `state` the frames carry a fresh response id and no sequence numbers; the translators'
 * `fail()` writes the same frames with the stream's own.
 */
export function responsesStreamErrorFrames(error: ErrorDetails, state: StreamState = {}): string {
  const responsesError = responsesErrorFromDetails(error);
  const fields = {
    id: state.responseId ?? randomId('resp_'),
    createdAt: unixSeconds(),
    model: state.model ?? '',
    output: [],
  };
  const last = state.lastSequenceNumber;
  const failed = failedResponse(fields, responsesError);
  return (
    formatResponsesEvent(
      { type: 'response.failed', response: failed },
      last === undefined ? undefined : last + 1,
    ) + formatResponsesEvent(errorEvent(responsesError), last === undefined ? undefined : last + 2)
  );
}
