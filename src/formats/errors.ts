/**
 * What went wrong, independent of wire format; each format renders it in its own error shape. The
 * HTTP status follows from the kind unless an upstream status is kept as is.
 */
export type ErrorKind =
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'request_too_large'
  | 'rate_limit'
  | 'api_error'
  | 'bad_gateway'
  | 'unavailable'
  | 'timeout'
  | 'overloaded'
  | 'not_implemented';

export const STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid_request: 400,
  authentication: 401,
  permission: 403,
  not_found: 404,
  request_too_large: 413,
  rate_limit: 429,
  api_error: 500,
  not_implemented: 501,
  bad_gateway: 502,
  unavailable: 503,
  timeout: 504,
  overloaded: 529,
};

/** The kind an HTTP status stands for (for upstream statuses passed on in another wire format). */
export function kindOfStatus(status: number): ErrorKind {
  if (status === 401) return 'authentication';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit';
  if (status === 529) return 'overloaded';
  if (status === 504 || status === 408) return 'timeout';
  if (status === 503) return 'unavailable';
  if (status === 502) return 'bad_gateway';
  if (status >= 500) return 'api_error';
  return 'invalid_request';
}

export interface ErrorDetails {
  kind: ErrorKind;
  message: string;
  /**
   * OpenAI's `code`: the gateway's own (model_not_found) or an OpenAI upstream's
   * (context_length_exceeded); Anthropic has no such field.
   */
  code?: string | undefined;
  /** OpenAI's `param`, the request field at fault. */
  param?: string | undefined;
  /**
   * The error `type` to render instead of the kind's: an upstream's own, set only when the client
   * speaks the upstream's wire format (the formats' types mean different things). Not named `type`:
   * a stream part `{type: 'error', …}` is rendered as ErrorDetails too.
   */
  upstreamType?: string | undefined;
}
