import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Offer } from '../config/catalog.js';
import { type TokenUsage, ZERO_USAGE } from '../formats/index.js';
import { costOf } from '../router/cost.js';
import type { Attempt, Outcome, UsageEvent } from '../usage/event.js';
import type { WireFormat } from '../wire.js';
import { clientNameOf } from './client-name.js';
import type { ServeOutcome } from './outcome.js';

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
 * One client request, turned into exactly one usage event at the end. The handler sets what the
 * request asked for and settles it with the serving outcome (relays and the fallback loop return
 * outcomes; none of them writes here). Per request only: nothing here is shared between requests.
 */
export class Exchange {
  readonly id = newRequestId();
  readonly ts = Date.now();
  private readonly startedAt = performance.now();
  private firstByteAt: number | undefined;
  requestedModel = '';
  model = '';
  /** Asked for a stream (the in-flight count of streams reads it); the answer may say otherwise. */
  stream = false;
  private provider: string | null = null;
  private upstreamModel: string | null = null;
  private offer: Offer | undefined;
  private status = 0;
  private outcome: Outcome = 'ok';
  private errorMessage: string | null = null;
  private usage: TokenUsage | undefined;
  private attempts: Attempt[] = [];
  /** What translation dropped or changed (never prompt text). */
  private warnings: string[] = [];
  private readonly clientName: string | null;
  private readonly tag: string | null;

  constructor(
    request: IncomingMessage,
    readonly clientFormat: WireFormat,
    readonly endpoint: string,
  ) {
    this.clientName = clientNameOf(request.headers['user-agent']);
    const tag = request.headers['x-ekai-tag'];
    this.tag = typeof tag === 'string' ? tag.slice(0, 200) : null;
  }

  /** How serving went: who served, each attempt, the answer's status, usage and any error. */
  settle(outcome: ServeOutcome): void {
    if (outcome.served) {
      this.provider = outcome.served.provider;
      this.upstreamModel = outcome.served.upstreamModel;
      this.offer = outcome.served.offer;
    }
    this.attempts = outcome.attempts;
    this.warnings = outcome.warnings;
    if (outcome.status !== undefined) this.status = outcome.status;
    if (outcome.stream) this.stream = true;
    if (outcome.usage) this.usage = outcome.usage;
    this.firstByteAt = outcome.firstByteAt;
    if (outcome.error !== undefined) this.fail(this.status, outcome.error);
    if (outcome.aborted) this.abort();
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

  get aborted(): boolean {
    return this.outcome === 'aborted';
  }

  toEvent(): UsageEvent {
    const usage = this.usage ?? ZERO_USAGE;
    return {
      id: this.id,
      ts: this.ts,
      latencyMs: Math.round(performance.now() - this.startedAt),
      ttfbMs: this.firstByteAt === undefined ? null : Math.round(this.firstByteAt - this.startedAt),
      clientDialect: this.clientFormat,
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
