/**
 * A circuit breaker per provider (SPEC §6.3): `cooldownAfter` consecutive retryable failures cool a
 * provider down for `cooldownSeconds`; it is then tried again, and one success resets it. A
 * provider may also ask for a pause itself (`retry-after` on a 429). A client that hangs up is not
 * a provider failure, so callers do not report those.
 */
export interface CooldownState {
  consecutiveFailures: number;
  /** Epoch ms until which the provider is skipped; 0 when it is not cooling down. */
  coolingUntil: number;
}

export class Cooldowns {
  private readonly states = new Map<string, CooldownState>();

  constructor(
    private readonly settings: { cooldownAfter: number; cooldownSeconds: number },
    private readonly now: () => number = Date.now,
  ) {}

  isCooling(provider: string): boolean {
    return (this.states.get(provider)?.coolingUntil ?? 0) > this.now();
  }

  recordSuccess(provider: string): void {
    this.states.delete(provider);
  }

  /** A retryable failure; `pauseMs` is the provider's own retry-after, if it sent one. */
  recordFailure(provider: string, pauseMs?: number): void {
    const state = this.states.get(provider) ?? { consecutiveFailures: 0, coolingUntil: 0 };
    state.consecutiveFailures++;
    const now = this.now();
    if (state.consecutiveFailures >= this.settings.cooldownAfter) {
      state.coolingUntil = Math.max(state.coolingUntil, now + this.settings.cooldownSeconds * 1000);
    }
    if (pauseMs !== undefined) state.coolingUntil = Math.max(state.coolingUntil, now + pauseMs);
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
