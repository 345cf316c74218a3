/**
 * The usage record of one request: written by the proxy, stored by storage/, shown by the views
 * and counted by metrics/. It lives here, in a module that depends on none of them.
 */
import type { WireFormat } from '../wire.js';

export type Outcome = 'ok' | 'error' | 'aborted';

/** One try at one provider. */
export interface Attempt {
  provider: string;
  /** HTTP status from the provider; 0 when no response arrived (connection error, timeout). */
  status: number;
  durationMs: number;
  error?: string;
}

/**
 * Everything recorded about one client request (SPEC §8), successful or not. Never holds an API
 * key or prompt text.
 */
export interface UsageEvent {
  id: string;
  /** Start of the request, epoch milliseconds. */
  ts: number;
  latencyMs: number;
  /** Time until the first response byte was sent to the client; null when none was. */
  ttfbMs: number | null;
  /**
   * The wire format the client spoke: `chat`, `messages` or `responses` (the field and its
   * `client_dialect` column keep their names: the dashboard, CSV export and /usage API expose them).
   */
  clientDialect: WireFormat;
  /** The gateway route, e.g. /v1/messages. */
  endpoint: string;
  /** The `model` the client asked for, as sent. */
  requestedModel: string;
  /** The catalog model id, or the requested name when the catalog does not know it. */
  model: string;
  /** Who finally served (or last failed); null when no provider was tried. */
  provider: string | null;
  upstreamModel: string | null;
  stream: boolean;
  /** HTTP status the client got. */
  status: number;
  outcome: Outcome;
  attempts: Attempt[];
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number | null;
  /** USD; null when a needed price is unknown — never a silent zero. */
  costUsd: number | null;
  errorMessage: string | null;
  /** Features translation dropped or changed for this request (short notes, never prompt text). */
  warnings: string[];
  /** From the user agent: claude-cli, codex, openai-sdk, anthropic-sdk, … */
  clientName: string | null;
  /** The `x-ekai-tag` request header. */
  tag: string | null;
}

/** Receives every finished request. Must not block or throw: persistence happens off the response path. */
export interface UsageRecorder {
  record(event: UsageEvent): void;
  /** Persist whatever is queued (called on shutdown). */
  flush(): Promise<void>;
  /** Records the database refused and that were set aside in its dead-letter table (a store's writer). */
  readonly setAside?: number;
}
