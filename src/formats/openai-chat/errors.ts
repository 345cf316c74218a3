import type { ErrorDetails, ErrorKind } from '../errors.js';

/** OpenAI's error `type` per kind; SDKs pick their error class from the HTTP status, not this. */
const TYPE: Record<ErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'invalid_request_error',
  request_too_large: 'invalid_request_error',
  rate_limit: 'rate_limit_error',
  api_error: 'server_error',
  bad_gateway: 'server_error',
  unavailable: 'server_error',
  timeout: 'timeout_error',
  overloaded: 'server_error',
  not_implemented: 'invalid_request_error',
};

/**
 * `{"error":{"message","type","param","code"}}`: the type is the kind's unless an upstream's own
 * is passed on (same wire format).
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export function chatErrorBody(error: ErrorDetails) {
  return {
    error: {
      message: error.message,
      type: error.upstreamType ?? TYPE[error.kind],
      param: error.param ?? null,
      code: error.code ?? null,
    },
  };
}
