/**
 * When a failed attempt moves on to the next candidate (SPEC §6.3), as data in one place. Only
 * failures before any byte reached the client are retried: after that the answer is committed.
 */
export const RETRY_POLICY = {
  /** Provider-side trouble: try the next candidate. */
  retryableStatuses: new Set([408, 409, 425, 429, 500, 502, 503, 504, 529]),
  /**
   * The provider refused ekai's own key or account (401, 402, 403): not the client's mistake, and
   * another provider may well serve, so these fall back too (and count towards a cooldown).
   */
  providerAccountStatuses: new Set([401, 402, 403]),
  /** The client's own mistakes: the same request would fail anywhere, so never retried. */
  clientMistakeStatuses: new Set([400, 404, 413, 422]),
  /** Gateway-side failures that are retryable: connection errors and timeouts. */
  retryableErrorKinds: new Set(['bad_gateway', 'timeout', 'unavailable']),
  /** At most this many attempts per request, over all candidates. */
  maxAttempts: 4,
  /** No new attempt starts after this long since the request arrived. */
  maxTotalMs: 120_000,
  /**
   * A `retry-after` up to this long is waited out when the same provider is the only way left;
   * longer ones move on (and cool the provider down for that long).
   */
  maxRetryAfterWaitMs: 5_000,
} as const;

export type FailureClass = 'retryable' | 'client-mistake' | 'final';

/** Classify an upstream HTTP status (>= 400). */
export function classifyStatus(status: number): FailureClass {
  if (RETRY_POLICY.retryableStatuses.has(status) || RETRY_POLICY.providerAccountStatuses.has(status)) {
    return 'retryable';
  }
  if (RETRY_POLICY.clientMistakeStatuses.has(status)) return 'client-mistake';
  return status >= 500 ? 'retryable' : 'final';
}

/** `retry-after` in milliseconds: seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
