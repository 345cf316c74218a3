import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Offer } from '../config/catalog.js';
import { type TokenUsage, ZERO_USAGE } from '../formats/index.js';
import { costOf } from '../router/cost.js';
import type { Attempt, Outcome, UsageEvent } from '../usage/event.js';
import type { ClientDialect } from '../wire.js';
import { clientNameOf } from './client-name.js';

/** Random per process, so that ids from several gateway processes sharing a store never collide. */
const PROCESS_TAG = randomBytes(4).toString('hex');
let sequence = 0;

/**
 * Request ids sort by time and are unique without coordination: time, this process's random tag,
 * and a counter (cheaper than fresh random bytes on every request).
 */
export function newRequestId(now = Date.now()): string {
  sequence = (sequence + 1) % 0x1000000;
  return `req_${now.toString(36)}${PROCESS_TAG}${sequence.toString(16).padStart(6, '0')}`;
}

/**
 * What one client request went through, gathered as it happens and turned into exactly one usage
 * event at the end. Per request only: nothing here is shared between requests.
 */
export class Exchange {
  readonly id = newRequestId();
  readonly ts = Date.now();
  private readonly startedAt = performance.now();
  private firstByteAt: number | undefined;
  requestedModel = '';
  model = '';
  provider: string | null = null;
  upstreamModel: string | null = null;
  offer: Offer | undefined;
  stream = false;
  status = 0;
  outcome: Outcome = 'ok';
  errorMessage: string | null = null;
  usage: TokenUsage | undefined;
  readonly attempts: Attempt[] = [];
  /** What translation dropped or changed (never prompt text). */
  readonly warnings: string[] = [];
  private readonly clientName: string | null;
  private readonly tag: string | null;

  constructor(
    request: IncomingMessage,
    readonly clientDialect: ClientDialect,
    readonly endpoint: string,
  ) {
    this.clientName = clientNameOf(request.headers['user-agent']);
    const tag = request.headers['x-ekai-tag'];
    this.tag = typeof tag === 'string' ? tag.slice(0, 200) : null;
  }

  markFirstByte(): void {
    this.firstByteAt ??= performance.now();
  }

  addAttempt(attempt: Attempt): void {
    this.attempts.push(attempt);
  }

  fail(status: number, message: string): void {
    this.status = status;
    this.outcome = 'error';
    this.errorMessage = message;
  }

  abort(): void {
    this.outcome = 'aborted';
    this.errorMessage ??= 'client closed the connection';
  }

  toEvent(): UsageEvent {
    const usage = this.usage ?? ZERO_USAGE;
    return {
      id: this.id,
      ts: this.ts,
      latencyMs: Math.round(performance.now() - this.startedAt),
      ttfbMs: this.firstByteAt === undefined ? null : Math.round(this.firstByteAt - this.startedAt),
      clientDialect: this.clientDialect,
      endpoint: this.endpoint,
      requestedModel: this.requestedModel,
      model: this.model || this.requestedModel,
      provider: this.provider,
      upstreamModel: this.upstreamModel,
      stream: this.stream,
      status: this.status,
      outcome: this.outcome,
      attempts: this.attempts,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      cacheReadTokens: usage.cacheReadTokens,
      cacheWriteTokens: usage.cacheWriteTokens,
      reasoningTokens: usage.reasoningTokens ?? null,
      // No usage at all (a failed request) costs nothing; usage with an unknown price is unknown.
      costUsd: this.usage ? costOf(this.usage, this.offer) : 0,
      errorMessage: this.errorMessage,
      warnings: this.warnings,
      clientName: this.clientName,
      tag: this.tag,
    };
  }
}
