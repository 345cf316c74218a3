import type { ServerResponse } from 'node:http';
import { type ErrorMeaning, errorMeaningFor } from '../formats/errors.js';
import {
  type ErrorDetails,
  type ErrorKind,
  FORMATS,
  kindOfStatus,
  STATUS_OF_KIND,
  type WireFormat,
} from '../formats/index.js';
import type { TokenUsage } from '../usage/tokens.js';
import { withoutRetryHeaders } from './headers.js';
import type { UpstreamErrorFields } from './read-all.js';

/**
 * What an upstream error said besides its message, kept as fields (undici style) so that the
 * client gets them where its wire format has them (see `upstreamFieldsFor`).
 */
export interface UpstreamErrorCodes extends Omit<UpstreamErrorFields, 'message'> {
  /** The wire format the upstream answered in: its `type` means something only there. */
  format: WireFormat;
}

/**
 * A failure the gateway answers itself. It knows its kind (and so its status) but not its
 * wire format: `sendError` renders it for the client, in this one place.
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
      /** The upstream's own code, type and param, when the failure is a provider's error answer. */
      upstream?: UpstreamErrorCodes;
      /** What the provider billed for an answer that then could not be relayed. */
      usage?: TokenUsage | undefined;
    } = {},
  ) {
    super(message);
    this.status = details.status ?? STATUS_OF_KIND[kind];
  }

  /**
   * What the renderers need. Given the client's format, the upstream's code, type and param are
   * added where that format has them (`upstreamFieldsFor`), and an error from the other family is
   * told with the meaning it has there (`errorMeaningFor`); without it, only the gateway's own.
   */
  toDetails(client?: WireFormat): ErrorDetails {
    const upstream = client && this.details.upstream ? upstreamFieldsFor(client, this.details.upstream) : {};
    const meaning = this.meaningFor(client);
    return {
      kind: meaning.kind ?? this.kind,
      message: meaning.message ?? this.message,
      code: meaning.code ?? upstream.code ?? this.details.code,
      param: meaning.param ?? upstream.param ?? this.details.param,
      ...(upstream.upstreamType !== undefined && { upstreamType: upstream.upstreamType }),
    };
  }

  /** The HTTP status a client of `client` gets (an upstream's, unless its meaning there differs). */
  statusFor(client: WireFormat): number {
    return this.meaningFor(client).status ?? this.status;
  }

  /** The response headers a client of `client` gets: an error that retrying cannot mend says so. */
  headersFor(client: WireFormat): Record<string, string> {
    const headers = this.details.headers ?? {};
    return this.meaningFor(client).final ? withoutRetryHeaders(headers) : headers;
  }

  private meaningFor(client: WireFormat | undefined): ErrorMeaning {
    const upstream = this.details.upstream;
    if (!client || !upstream) return {};
    return errorMeaningFor(client, { ...upstream, status: this.status, message: this.message });
  }
}

const OPENAI_ERROR_SHAPE: ReadonlySet<WireFormat> = new Set(['chat', 'responses']);

/**
 * Which of an upstream error's fields a client of `client` gets:
 * - the upstream's own format: code, type and param, unchanged;
 * - Chat ↔ Responses (both answer errors as `{"error":{"message","type","param","code"}}`): code
 *   and param (`context_length_exceeded`, `insufficient_quota`: Codex acts on them), the type
 *   still derived from the kind;
 * - across Messages and the OpenAI formats: none of them (Anthropic has no code or param, and
 *   neither side's types mean anything to the other); what the error means there is told instead
 *   (`errorMeaningFor`: `insufficient_quota` → 403, prompt too long ⇄ `context_length_exceeded`).
 */
export function upstreamFieldsFor(
  client: WireFormat,
  upstream: UpstreamErrorCodes,
): Pick<ErrorDetails, 'code' | 'upstreamType' | 'param'> {
  if (client === upstream.format)
    return { code: upstream.code, upstreamType: upstream.type, param: upstream.param };
  if (OPENAI_ERROR_SHAPE.has(client) && OPENAI_ERROR_SHAPE.has(upstream.format))
    return { code: upstream.code, param: upstream.param };
  return {};
}

/**
 * Router and other typed errors carry a status, a stable code and sometimes the parameter at fault
 * (a converter's UnsupportedRequestError: `n` for Chat `n > 1` into Messages); anything else is our
 * bug (500).
 */
export function asGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const typed = error as { status?: unknown; code?: unknown; param?: unknown; message?: unknown };
  if (typeof typed?.status === 'number' && typeof typed.message === 'string') {
    const code = typeof typed.code === 'string' ? typed.code : undefined;
    const param = typeof typed.param === 'string' ? typed.param : undefined;
    return new GatewayError(kindOfStatus(typed.status), typed.message, {
      status: typed.status,
      ...(code && { code }),
      ...(param && { param }),
    });
  }
  return new GatewayError(
    'api_error',
    `internal gateway error: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** Answer with an error in the client's wire format, or — when the response already began — end it with one. */
export function sendError(response: ServerResponse, format: WireFormat, error: GatewayError): void {
  const wire = FORMATS[format];
  if (response.headersSent) {
    if (!response.writableEnded) response.end(wire.streamErrorFrames(error.toDetails(format)));
    return;
  }
  const body = JSON.stringify(wire.errorBody(error.toDetails(format)));
  response.writeHead(error.statusFor(format), {
    ...error.headersFor(format),
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}
