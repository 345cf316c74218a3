/**
 * Error bodies in the two wire shapes.
 * OpenAI: https://platform.openai.com/docs/guides/error-codes
 * Anthropic: https://docs.anthropic.com/en/api/errors
 */

export type ErrorShape = 'openai' | 'anthropic';

export interface ErrorReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

interface OpenAiErrorFields {
  message: string;
  type: string;
  param?: string | null;
  code?: string | null;
}

const ANTHROPIC_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const ANTHROPIC_MESSAGES: Record<string, string> = {
  invalid_request_error: 'Invalid request',
  authentication_error: 'invalid x-api-key',
  permission_error: 'Your API key does not have permission to use the specified resource.',
  not_found_error: 'Not found',
  request_too_large: 'Request exceeds the maximum allowed number of bytes.',
  rate_limit_error:
    'Number of request tokens has exceeded your per-minute rate limit (https://docs.anthropic.com/en/api/rate-limits); see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.',
  api_error: 'Internal server error',
  timeout_error: 'Request timeout',
  overloaded_error: 'Overloaded',
};

const OPENAI_DEFAULTS: Record<number, OpenAiErrorFields> = {
  400: { message: 'Invalid request.', type: 'invalid_request_error' },
  401: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { message: 'You are not allowed to sample from this model', type: 'invalid_request_error' },
  404: {
    message: 'The model does not exist or you do not have access to it.',
    type: 'invalid_request_error',
    code: 'model_not_found',
  },
  429: {
    message: 'Rate limit reached for requests. Please try again later.',
    type: 'requests',
    code: 'rate_limit_exceeded',
  },
  500: {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
  },
  503: { message: 'The server is overloaded or not ready yet.', type: 'server_error' },
};

export function anthropicErrorType(status: number): string {
  return ANTHROPIC_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

/** The server adds `request_id` (echoed in error bodies since 2025) when it sends one. */
export function anthropicErrorBody(type: string, message?: string): unknown {
  return { type: 'error', error: { type, message: message ?? ANTHROPIC_MESSAGES[type] ?? 'Error' } };
}

export function openAiErrorBody(fields: OpenAiErrorFields): unknown {
  return {
    error: {
      message: fields.message,
      type: fields.type,
      param: fields.param ?? null,
      code: fields.code ?? null,
    },
  };
}

export function openAiDefaultFields(status: number): OpenAiErrorFields {
  return (
    OPENAI_DEFAULTS[status] ??
    (status >= 500
      ? { message: 'The server had an error processing your request.', type: 'server_error' }
      : { message: 'Invalid request.', type: 'invalid_request_error' })
  );
}

/** The default error body for a status in a shape. */
export function defaultErrorBody(shape: ErrorShape, status: number): unknown {
  if (shape === 'anthropic') return anthropicErrorBody(anthropicErrorType(status));
  return openAiErrorBody(openAiDefaultFields(status));
}

/** A client error (400/401/404…) with a specific message, in the given shape. */
export function clientError(
  shape: ErrorShape,
  status: number,
  message: string,
  openAi: Partial<OpenAiErrorFields> = {},
): ErrorReply {
  if (shape === 'anthropic') return { status, body: anthropicErrorBody(anthropicErrorType(status), message) };
  return {
    status,
    body: openAiErrorBody({ type: 'invalid_request_error', ...openAi, message }),
  };
}
