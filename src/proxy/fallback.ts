import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { WireFormat } from '../formats/index.js';
import { kindOfStatus } from '../formats/index.js';
import type { Candidate } from '../router/resolve.js';
import { RETRY_POLICY, retryAfterMs } from '../router/retry-policy.js';
import { UpstreamAttemptError } from './attempt-error.js';
import { GatewayError, sendError } from './errors.js';
import { type ForwardInput, forward } from './forward.js';
import type { GatewayState } from './gateway-state.js';
import type { AttemptLog, AttemptOutcome, ServeOutcome } from './outcome.js';
import type { UpstreamClient } from './upstream.js';

export interface FallbackInput extends Omit<ForwardInput, 'candidate' | 'interceptRetryable' | 'log'> {
  candidates: readonly Candidate[];
  state: GatewayState;
  /** Notes known before any attempt (a retired model's successor): they lead `x-ekai-warnings`. */
  warnings?: readonly string[];
}

type Failure = UpstreamAttemptError | GatewayError;

/**
 * Try the candidates in order (SPEC §6.3): a retryable failure before any byte reached the client
 * moves on to the next one; client mistakes and anything after the first byte do not. Bounded by
 * RETRY_POLICY's attempts and time. Each attempt's outcome feeds the provider's cooldown. Returns
 * how serving ended, failures included (`failure`: an error the handler answers with).
 */
export async function serveWithFallback(input: FallbackInput): Promise<ServeOutcome> {
  const log: AttemptLog = { attempts: [], warnings: [...(input.warnings ?? [])] };
  let served: ServeOutcome['served'];
  try {
    const outcome = await tryCandidates(input, log, (candidate) => {
      served = {
        provider: candidate.provider.name,
        upstreamModel: candidate.upstreamModel,
        offer: candidate.offer,
      };
    });
    return { ...outcome, ...log, served };
  } catch (failure) {
    return {
      ...log,
      served,
      failure,
      usage: failure instanceof GatewayError ? failure.details.usage : undefined,
    };
  }
}

async function tryCandidates(
  input: FallbackInput,
  log: AttemptLog,
  attribute: (candidate: Candidate) => void,
): Promise<Partial<AttemptOutcome>> {
  const { candidates, state } = input;
  const deadline = performance.now() + RETRY_POLICY.maxTotalMs;
  const failures: Failure[] = [];
  let index = 0;
  let waitedForRetryAfter = false;
  const watched = watchLocalRefusals(input.upstream);
  while (index < candidates.length) {
    const candidate = candidates[index] as Candidate;
    attribute(candidate);
    const canContinue =
      state.config.routing.fallback &&
      log.attempts.length + 1 < RETRY_POLICY.maxAttempts &&
      performance.now() < deadline;
    watched.refusal = undefined;
    try {
      const upstream = watched.upstream;
      const outcome = await forward({ ...input, log, upstream, candidate, interceptRetryable: canContinue });
      noteOutcome(state, candidate, outcome.status);
      return outcome;
    } catch (error) {
      if (watched.refusal) throw refusedLocally(candidate, watched.refusal);
      if (!isRetryable(error) || input.response.headersSent || input.signal.aborted) throw error;
      const pause = error instanceof UpstreamAttemptError ? retryAfterMs(error.retryAfter) : undefined;
      state.cooldowns.recordFailure(candidate.provider.name, pause, error.status);
      failures.push(error);
      if (!canContinue) break;
      // Nothing else left and the provider asked for a short pause: wait it out and ask again, once.
      const last = index === candidates.length - 1;
      if (last && !waitedForRetryAfter && pause !== undefined && pause <= RETRY_POLICY.maxRetryAfterWaitMs) {
        waitedForRetryAfter = true;
        await delay(pause, undefined, { signal: input.signal });
        continue;
      }
      index++;
    }
  }
  return answerFailures(input.response, input.clientFormat, failures);
}

/**
 * undici refuses some requests before a byte leaves (a header it will not send, a malformed value):
 * that says nothing about the provider, so it must not count towards its cooldown nor fall back.
 */
const LOCAL_REFUSALS = new Set(['UND_ERR_INVALID_ARG', 'UND_ERR_NOT_SUPPORTED']);

/** The upstream client, noting a request it refused locally (forward turns every failure into a 502). */
function watchLocalRefusals(upstream: UpstreamClient) {
  const watched: { upstream: UpstreamClient; refusal: Error | undefined } = {
    refusal: undefined,
    upstream: {
      request: (request) =>
        upstream.request(request).catch((error: unknown) => {
          if (LOCAL_REFUSALS.has((error as { code?: string })?.code ?? '')) watched.refusal = error as Error;
          throw error;
        }),
      close: () => upstream.close(),
    },
  };
  return watched;
}

function refusedLocally(candidate: Candidate, error: Error): GatewayError {
  return new GatewayError(
    'invalid_request',
    `the request could not be sent to ${candidate.provider.name}: ${error.message}`,
  );
}

/** A relayed answer still tells about the provider: its own retryable errors count against it. */
function noteOutcome(state: GatewayState, candidate: Candidate, status: number): void {
  const failed = status >= 500 || status === 429 || status === 408;
  if (failed) state.cooldowns.recordFailure(candidate.provider.name, undefined, status);
  else state.cooldowns.recordSuccess(candidate.provider.name);
}

function isRetryable(error: unknown): error is Failure {
  if (error instanceof UpstreamAttemptError) return true;
  return error instanceof GatewayError && RETRY_POLICY.retryableErrorKinds.has(error.kind);
}

/**
 * Every attempt failed. One attempt: its own answer, as the provider gave it when the wire formats
 * match. Several: one error listing what each attempt got, with the last status when it was a
 * client error (4xx), else 502 (SPEC §5).
 */
function answerFailures(
  response: ServerResponse,
  format: WireFormat,
  failures: Failure[],
): Partial<AttemptOutcome> {
  const last = failures.at(-1);
  if (!last) throw new GatewayError('unavailable', 'no provider could be tried');
  if (failures.length === 1 && last instanceof UpstreamAttemptError && last.upstreamFormat === format) {
    response.writeHead(last.status, { ...last.clientHeaders, 'content-type': 'application/json' });
    response.end(last.body);
    return { status: last.status, error: `${kindOfStatus(last.status)}: ${last.message}` };
  }
  const error = failures.length === 1 ? asGateway(last) : summarize(failures);
  sendError(response, format, error);
  return { status: error.statusFor(format), error: error.message };
}

function asGateway(failure: Failure): GatewayError {
  return failure instanceof UpstreamAttemptError ? failure.toGatewayError() : failure;
}

function summarize(failures: Failure[]): GatewayError {
  const parts = failures.map((failure) =>
    failure instanceof UpstreamAttemptError
      ? `${failure.provider}: ${failure.status} ${failure.message}`
      : failure.message,
  );
  const last = failures.at(-1) as Failure;
  const lastStatus = last instanceof UpstreamAttemptError ? last.status : 0;
  const status = lastStatus >= 400 && lastStatus < 500 ? lastStatus : 502;
  const retryAfter = last instanceof UpstreamAttemptError ? last.retryAfter : undefined;
  // The last provider's code, type, param and headers go with its status, when that is what the client gets.
  const told = last instanceof UpstreamAttemptError && status === lastStatus ? last : undefined;
  return new GatewayError(
    kindOfStatus(status),
    `all ${failures.length} attempts failed: ${parts.join('; ')}`,
    {
      status,
      ...(told && { upstream: told.upstream, headers: told.clientHeaders }),
      ...(!told && retryAfter !== undefined && { headers: { 'retry-after': retryAfter } }),
    },
  );
}
