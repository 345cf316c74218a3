import { type ClientDialect, kindOfStatus } from '../formats/index.js';
import { GatewayError } from './errors.js';

/**
 * A provider answered with a retryable error before any byte reached the client, and the caller
 * may still try elsewhere: the answer is held here (not relayed) so that the fallback loop decides.
 */
export class UpstreamAttemptError extends Error {
  override readonly name = 'UpstreamAttemptError';

  constructor(
    readonly provider: string,
    readonly status: number,
    readonly upstreamDialect: ClientDialect,
    /** The upstream's error body, as received. */
    readonly body: string,
    readonly retryAfter: string | undefined,
    message: string,
  ) {
    super(message);
  }

  /** The same failure as the gateway would answer it: status kept, message from the upstream body. */
  toGatewayError(): GatewayError {
    return new GatewayError(kindOfStatus(this.status), this.message, {
      status: this.status,
      ...(this.retryAfter !== undefined && { headers: { 'retry-after': this.retryAfter } }),
    });
  }
}
