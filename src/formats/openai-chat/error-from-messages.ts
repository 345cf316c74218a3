import type { ErrorKind } from '../errors.js';
import { isRecord } from '../usage.js';
import { chatErrorBody } from './errors.js';

/**
 * A Messages error (`{type, message}`, as in an `event: error` frame) → a Chat error body
 * `{"error":{"message","type","param","code"}}`, its type picked through the shared ErrorKind.
 * @see https://docs.anthropic.com/en/api/errors
 */
export function chatErrorFromMessages(error: unknown): ReturnType<typeof chatErrorBody> {
  const fields = isRecord(error) ? error : {};
  const message = typeof fields.message === 'string' ? fields.message : 'upstream sent an error event';
  return chatErrorBody({ kind: kindOf(fields.type), message });
}

function kindOf(type: unknown): ErrorKind {
  switch (type) {
    case 'invalid_request_error':
      return 'invalid_request';
    case 'authentication_error':
      return 'authentication';
    case 'permission_error':
      return 'permission';
    case 'not_found_error':
      return 'not_found';
    case 'request_too_large':
      return 'request_too_large';
    case 'rate_limit_error':
      return 'rate_limit';
    case 'timeout_error':
      return 'timeout';
    case 'overloaded_error':
      return 'overloaded';
    default:
      return 'api_error'; // api_error and any type added later
  }
}
