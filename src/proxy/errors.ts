import type { ServerResponse } from 'node:http';
import type { ClientDialect } from '../formats/index.js';
import {
  type ErrorDetails,
  type ErrorKind,
  FORMATS,
  kindOfStatus,
  STATUS_OF_KIND,
} from '../formats/index.js';

/**
 * A failure the gateway answers itself. It knows its kind (and so its status) but not its
 * dialect: `sendError` renders it for the client, in this one place.
 */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly status: number;

  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details: {
      status?: number;
      code?: string;
      param?: string;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.status = details.status ?? STATUS_OF_KIND[kind];
  }

  toDetails(): ErrorDetails {
    return { kind: this.kind, message: this.message, code: this.details.code, param: this.details.param };
  }
}

/** Router and other typed errors carry a status and a stable code; anything else is our bug (500). */
export function asGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const typed = error as { status?: unknown; code?: unknown; message?: unknown };
  if (typeof typed?.status === 'number' && typeof typed.message === 'string') {
    const code = typeof typed.code === 'string' ? typed.code : undefined;
    return new GatewayError(kindOfStatus(typed.status), typed.message, {
      status: typed.status,
      ...(code && { code }),
    });
  }
  return new GatewayError(
    'api_error',
    `internal gateway error: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** Answer with an error in the client's dialect, or — when the response already began — end it with one. */
export function sendError(response: ServerResponse, dialect: ClientDialect, error: GatewayError): void {
  const format = FORMATS[dialect];
  if (response.headersSent) {
    if (!response.writableEnded) response.end(format.streamErrorFrames(error.toDetails()));
    return;
  }
  const body = JSON.stringify(format.errorBody(error.toDetails()));
  response.writeHead(error.status, {
    ...error.details.headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}
