import type { ErrorDetails, ErrorKind } from '../errors.js';

const TYPE: Record<ErrorKind, string> = {
  invalid_request: 'invalid_request_error',
  authentication: 'authentication_error',
  permission: 'permission_error',
  not_found: 'not_found_error',
  request_too_large: 'request_too_large',
  rate_limit: 'rate_limit_error',
  api_error: 'api_error',
  bad_gateway: 'api_error',
  unavailable: 'api_error',
  timeout: 'timeout_error',
  overloaded: 'overloaded_error',
  not_implemented: 'invalid_request_error',
};

/**
 * `{"type":"error","error":{"type","message"}}`: the type is the kind's unless an upstream's own is
 * passed on (same wire format). Anthropic errors have no code or param.
 * @see https://docs.anthropic.com/en/api/errors
 */
export function messagesErrorBody(error: ErrorDetails) {
  return { type: 'error', error: { type: error.upstreamType ?? TYPE[error.kind], message: error.message } };
}
