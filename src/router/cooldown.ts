import { DEFAULT_CONFIG } from '../config/defaults.js';

const DEFAULT_MAX_RETRY_AFTER_SECONDS = DEFAULT_CONFIG.routing.maxRetryAfterSeconds ?? 600;

/**
 * A circuit breaker per provider (SPEC §6.3): `cooldownAfter` consecutive retryable failures cool a
 * provider down for `cooldownSeconds` (or for as long as its last `retry-after` asked, if longer);
 * it is then tried again, and one success resets it. A single failure never cools a provider down,
 * whatever its retry-after says: that is honoured by the request's own retry. A retry-after counts
 * for at most `maxRetryAfterSeconds` (three 429s saying "one year" once disabled a provider until
 * restart). A client that hangs up, or a request refused before it left, is not a provider failure,
 * so callers do not report those.
 *
 * The cooldown is a preference: while another provider can serve, a cooling one is skipped. When it
 * is the only way left (every candidate of the model cooling), it is blocked only as long as the
 * provider itself asked (`waitWhenOnlyWay`), so a model with one provider is never kept from it
 * longer than that provider said.
 */
export interface CooldownState {
  consecutiveFailures: number;
  /** Epoch ms until which the provider is skipped; 0 when it is not cooling down. */
  coolingUntil: number;
  /** Epoch ms until which the provider asked not to be called (its last retry-after); 0: it did not say. */
  askedUntil: number;
  /** The HTTP status of the last failure; 0 without one (connection failure, timeout, unknown). */
  lastStatus: number;
}

/** How long a cooling provider still keeps a request waiting, and why (its last failure's status). */
export interface CoolingWait {
  provider: string;
  waitMs: number;
  status: number;
}

export class Cooldowns {
  private readonly states = new Map<string, CooldownState>();

  constructor(
    private readonly settings: {
      cooldownAfter: number;
      cooldownSeconds: number;
      maxRetryAfterSeconds?: number;
    },
    private readonly now: () => number = Date.now,
  ) {}

  isCooling(provider: string): boolean {
    return (this.states.get(provider)?.coolingUntil ?? 0) > this.now();
  }

  recordSuccess(provider: string): void {
    this.states.delete(provider);
  }

  /**
   * A retryable failure; `pauseMs` is the provider's own retry-after, if it sent one, and `status`
   * the failure's HTTP status (what a request kept waiting is told: 429, 529 or unavailable).
   */
  recordFailure(provider: string, pauseMs?: number, status = 0): void {
    const state = this.states.get(provider) ?? {
      consecutiveFailures: 0,
      coolingUntil: 0,
      askedUntil: 0,
      lastStatus: 0,
    };
    const maxRetryAfterMs = 1000 * (this.settings.maxRetryAfterSeconds ?? DEFAULT_MAX_RETRY_AFTER_SECONDS);
    const asked = pauseMs === undefined ? undefined : Math.min(pauseMs, maxRetryAfterMs);
    state.consecutiveFailures++;
    state.lastStatus = status;
    state.askedUntil = asked === undefined ? 0 : this.now() + asked;
    if (state.consecutiveFailures >= this.settings.cooldownAfter) {
      const pause = Math.max(this.settings.cooldownSeconds * 1000, asked ?? 0);
      state.coolingUntil = Math.max(state.coolingUntil, this.now() + pause);
    }
    this.states.set(provider, state);
  }

  /**
   * How long a request must still wait for a cooling provider that is its only way: as long as the
   * provider asked (its last retry-after), else the rest of the cooldown; 0 when it may be tried.
   */
  waitWhenOnlyWay(provider: string): CoolingWait {
    const state = this.states.get(provider);
    if (!state || state.coolingUntil <= this.now()) return { provider, waitMs: 0, status: 0 };
    const until = state.askedUntil > 0 ? state.askedUntil : state.coolingUntil;
    return { provider, waitMs: Math.max(0, until - this.now()), status: state.lastStatus };
  }

  /** For /health: providers with failures or a cooldown, and how long is left. */
  snapshot(): Record<string, { consecutiveFailures: number; coolingDownForSeconds: number }> {
    const now = this.now();
    return Object.fromEntries(
      [...this.states].map(([provider, state]) => [
        provider,
        {
          consecutiveFailures: state.consecutiveFailures,
          coolingDownForSeconds: Math.max(0, Math.ceil((state.coolingUntil - now) / 1000)),
        },
      ]),
    );
  }
}

/** What the client of a request kept waiting by cooldowns is told: a status and how long to wait. */
export interface CoolingAnswer {
  /** 429 (rate limited: waiting is enough), 529 (overloaded: another model may be the better move) or 503. */
  status: 429 | 529 | 503;
  waitMs: number;
}

/**
 * Every candidate is cooling: the one that can be tried again first decides. Its wait is the
 * `retry-after` (coming back then, the request goes to it) and its last failure the status: 429
 * when it was rate limited, 529 when it was overloaded — Claude Code retries both and switches to
 * `--fallback-model` on 529 — and 503 for anything else (5xx, timeouts, connection failures). On a
 * tie the rate limit wins: waiting is then enough.
 */
export function coolingAnswer(waits: readonly CoolingWait[]): CoolingAnswer {
  const order = (wait: CoolingWait) => [wait.waitMs, wait.status === 429 ? 0 : 1] as const;
  const [first] = [...waits].sort((a, b) => order(a)[0] - order(b)[0] || order(a)[1] - order(b)[1]);
  const status = first?.status === 429 || first?.status === 529 ? first.status : 503;
  return { status, waitMs: first?.waitMs ?? 0 };
}
