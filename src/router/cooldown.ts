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
 */
export interface CooldownState {
  consecutiveFailures: number;
  /** Epoch ms until which the provider is skipped; 0 when it is not cooling down. */
  coolingUntil: number;
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

  /** A retryable failure; `pauseMs` is the provider's own retry-after, if it sent one. */
  recordFailure(provider: string, pauseMs = 0): void {
    const state = this.states.get(provider) ?? { consecutiveFailures: 0, coolingUntil: 0 };
    state.consecutiveFailures++;
    if (state.consecutiveFailures >= this.settings.cooldownAfter) {
      const maxRetryAfterMs = 1000 * (this.settings.maxRetryAfterSeconds ?? DEFAULT_MAX_RETRY_AFTER_SECONDS);
      const pause = Math.max(this.settings.cooldownSeconds * 1000, Math.min(pauseMs, maxRetryAfterMs));
      state.coolingUntil = Math.max(state.coolingUntil, this.now() + pause);
    }
    this.states.set(provider, state);
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
