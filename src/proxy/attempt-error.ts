import { kindOfStatus, type WireFormat } from '../formats/index.js';
import { GatewayError, type UpstreamErrorCodes } from './errors.js';
import { errorHeadersForClient } from './headers.js';
import type { UpstreamErrorFields } from './read-all.js';

/**
 * A provider answered with a retryable error before any byte reached the client, and the caller
 * may still try elsewhere: the answer is held here (not relayed) so that the fallback loop decides.
 */
export class UpstreamAttemptError extends Error {
  override readonly name = 'UpstreamAttemptError';
  /**
   * The upstream's headers the client gets should this answer be the one it is told
   * (errorHeadersForClient: retry timing, rate limits, request id).
   */
  readonly clientHeaders: Record<string, string>;

  constructor(
    readonly provider: string,
    readonly status: number,
    readonly upstreamFormat: WireFormat,
    /** The upstream's error body, as received. */
    readonly body: string,
    readonly retryAfter: string | undefined,
    message: string,
    /** The body's own `code`, `type` and `param` (upstreamErrorFields), kept as fields. */
    readonly fields: Omit<UpstreamErrorFields, 'message'> = {},
    /** The upstream's response headers, as received. */
    headers: Record<string, string | string[] | undefined> = {},
  ) {
    super(message);
    this.clientHeaders = {
      ...(retryAfter !== undefined && { 'retry-after': retryAfter }),
      ...errorHeadersForClient(headers),
    };
  }

  /** Who said what: the body's fields with the wire format they were said in. */
  get upstream(): UpstreamErrorCodes {
    return { format: this.upstreamFormat, ...this.fields };
  }

  /**
   * The same failure as the gateway would answer it: status kept, message from the upstream body,
   * its code, type and param passed on where the client's format has them, its headers the
   * client acts on (retry timing, rate limits, request id) kept.
   */
  toGatewayError(): GatewayError {
    return new GatewayError(kindOfStatus(this.status), this.message, {
      status: this.status,
      upstream: this.upstream,
      headers: this.clientHeaders,
    });
  }
}
