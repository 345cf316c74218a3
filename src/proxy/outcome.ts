import type { Offer } from '../config/catalog.js';
import type { Attempt } from '../usage/event.js';
import type { TokenUsage } from '../usage/tokens.js';

/**
 * What relaying one answer ended with. Relays return it; only the request handler turns outcomes
 * into the usage record (Exchange.settle), so nothing else writes the record.
 */
export interface RelayOutcome {
  usage?: TokenUsage | undefined;
  /** What went wrong with the answer: an error the provider reported, a stream cut short. */
  error?: string | undefined;
  /** The client went away before the end. */
  aborted?: boolean;
  /** When the first byte reached the client (performance.now()). */
  firstByteAt?: number | undefined;
}

/** What one attempt at a provider ended with. */
export interface AttemptOutcome extends RelayOutcome {
  /** The provider's status (0: no answer). */
  status: number;
  /** The answer was a stream. */
  stream: boolean;
}

/**
 * The attempts of one request, in order, and what ekai changed in the request on the way (every
 * attempt's notes: they reach the client in `x-ekai-warnings` and the record). Kept by the fallback
 * loop; each attempt adds to it.
 */
export interface AttemptLog {
  readonly attempts: Attempt[];
  readonly warnings: string[];
}

/** What serving a request ended with: who served it (or was tried last), and how. */
export interface ServeOutcome extends Partial<AttemptOutcome>, AttemptLog {
  served?: { provider: string; upstreamModel: string; offer: Offer | undefined };
  /** A failure to answer the client with, instead of an answer (the handler renders it). */
  failure?: unknown;
}
