import type { IncomingMessage, ServerResponse } from 'node:http';
import { retirementNote } from '../config/catalog.js';
import { kindOfStatus, type WireFormat } from '../formats/index.js';
import { type Endpoint, profileFor, servesNatively } from '../providers/index.js';
import { type CoolingWait, coolingAnswer } from '../router/cooldown.js';
import { requestEstimate } from '../router/estimate.js';
import { type Candidate, requireCandidates, resolveModel } from '../router/resolve.js';
import { asGatewayError, GatewayError, sendError } from './errors.js';
import { Exchange } from './exchange.js';
import { serveWithFallback } from './fallback.js';
import type { GatewayState } from './gateway-state.js';
import { parseJsonObject, readBody } from './read-body.js';

export interface CompletionRoute {
  format: WireFormat;
  endpoint: Endpoint;
  /** The gateway path, recorded with the usage event. */
  path: string;
}

/** One client request to /v1/chat/completions or /v1/messages, recorded exactly once whatever happens. */
export async function handleCompletion(
  request: IncomingMessage,
  response: ServerResponse,
  state: GatewayState,
  route: CompletionRoute,
): Promise<void> {
  const exchange = new Exchange(request, route.format, route.path);
  state.inFlight.add(exchange);
  response.setHeader('x-ekai-request-id', exchange.id);
  const abort = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) abort.abort();
  });
  try {
    const body = parseJsonObject(await readBody(request, state.config.maxBodyBytes));
    checkCompletionBody(body, route.format);
    exchange.requestedModel = body.model as string;
    exchange.stream = body.stream === true;
    const { candidates, warnings } = chooseCandidates(request, body, route.format, state, exchange);
    const outcome = await serveWithFallback({
      warnings,
      clientFormat: route.format,
      endpoint: route.endpoint,
      request,
      response,
      body,
      candidates,
      state,
      upstream: state.upstream,
      signal: abort.signal,
    });
    // Only here is the record written: from what serving returned.
    exchange.settle(outcome);
    if (outcome.failure !== undefined) throw outcome.failure;
  } catch (error) {
    if (abort.signal.aborted || response.destroyed) {
      exchange.abort();
    } else {
      const failure = asGatewayError(error);
      exchange.fail(failure.status, failure.message);
      sendError(response, route.format, failure);
    }
  } finally {
    state.inFlight.delete(exchange);
    if (abort.signal.aborted && !exchange.aborted) exchange.abort();
    state.recorder.record(exchange.toEvent());
  }
}

/**
 * No real model name comes close; longer ones are refused before any matching, so a hostile name
 * is never edit-distanced, stored, summarised or logged.
 */
export const MAX_MODEL_NAME_CHARS = 256;

/** A model name the gateway will look up and record, or a 400 in the client's wire format. */
export function checkModelName(model: unknown): void {
  if (typeof model === 'string' && model.length > MAX_MODEL_NAME_CHARS) {
    throw new GatewayError(
      'invalid_request',
      `\`model\` is ${model.length} characters long; at most ${MAX_MODEL_NAME_CHARS} are accepted`,
      { param: 'model' },
    );
  }
}

/** The gateway's own checks (SPEC §5); deeper ones are the provider's. */
function checkCompletionBody(body: Record<string, unknown>, format: WireFormat): void {
  if (typeof body.model !== 'string' || body.model.trim() === '') {
    throw new GatewayError('invalid_request', '`model` is required and must be a non-empty string', {
      param: 'model',
    });
  }
  checkModelName(body.model);
  if (format === 'responses') {
    if (typeof body.input !== 'string' && !Array.isArray(body.input)) {
      throw new GatewayError('invalid_request', '`input` is required and must be a string or an array', {
        param: 'input',
      });
    }
    if (Array.isArray(body.input)) requireObjectEntries(body.input, 'input');
  } else if (!Array.isArray(body.messages)) {
    throw new GatewayError('invalid_request', '`messages` is required and must be an array', {
      param: 'messages',
    });
  } else requireObjectEntries(body.messages, 'messages');
  if (body.stream !== undefined && typeof body.stream !== 'boolean') {
    throw new GatewayError('invalid_request', '`stream` must be a boolean', { param: 'stream' });
  }
}

/** Each entry of `messages` / `input` is an object; one shallow pass, however deep the entries nest. */
function requireObjectEntries(entries: unknown[], param: string): void {
  const index = entries.findIndex(
    (entry) => typeof entry !== 'object' || entry === null || Array.isArray(entry),
  );
  if (index === -1) return;
  throw new GatewayError('invalid_request', `\`${param}[${index}]\` must be an object`, {
    param: `${param}[${index}]`,
  });
}

/**
 * Resolve the model and rank who may serve it for this request's size (SPEC §6.2), leaving out
 * providers that are cooling down; when all of them are, those whose own pause is over are tried
 * anyway, and otherwise the client is told why and for how long (coolingDownError). A retired
 * model is still served (the provider's answer decides; some still serve it): `warnings` names its
 * successor.
 */
function chooseCandidates(
  request: IncomingMessage,
  body: Record<string, unknown>,
  clientFormat: WireFormat,
  state: GatewayState,
  exchange: Exchange,
): { candidates: Candidate[]; warnings: string[] } {
  const pinned = request.headers['x-ekai-provider'];
  const resolution = resolveModel(
    {
      requested: body.model as string,
      // Responses is OpenAI's: rank as a Chat client, then see who serves Responses itself.
      clientFormat: clientFormat === 'responses' ? 'chat' : clientFormat,
      pinnedProvider: typeof pinned === 'string' ? pinned : undefined,
    },
    state.catalog,
    state.providers,
    requestEstimate(body),
  );
  exchange.model = resolution.modelId;
  const retired = retirementNote(resolution.model);
  const warnings = retired !== undefined ? [retired] : [];
  const ranked = requireCandidates(resolution).map((candidate) =>
    clientFormat === 'responses'
      ? {
          ...candidate,
          native: servesNatively(profileFor(candidate.provider.name), 'responses', candidate.upstreamModel),
        }
      : candidate,
  );
  const available = ranked.filter((candidate) => !state.cooldowns.isCooling(candidate.provider.name));
  if (available.length > 0) return { candidates: available, warnings };
  // Every candidate is cooling: each is now the only way, kept from it only as long as its provider asked.
  const waits = ranked.map((candidate) => state.cooldowns.waitWhenOnlyWay(candidate.provider.name));
  const ready = ranked.filter((_candidate, index) => waits[index]?.waitMs === 0);
  if (ready.length > 0) return { candidates: ready, warnings };
  throw coolingDownError(body.model as string, waits);
}

const STATUS_WORDS: Record<number, string> = { 429: 'rate limited', 529: 'overloaded' };

/**
 * Every provider of the model is cooling down: the client is told what the one coming back first
 * said (429 rate limit, 529 overloaded, else 503; see coolingAnswer) and the real wait, in both
 * forms the SDKs read (`retry-after-ms` first, then `retry-after` in whole seconds).
 */
function coolingDownError(model: string, waits: readonly CoolingWait[]): GatewayError {
  const { status, waitMs } = coolingAnswer(waits);
  const list = waits
    .map(({ provider, waitMs: wait, status: failed }) => {
      const why = STATUS_WORDS[failed] ?? (failed > 0 ? `failed with ${failed}` : 'failing');
      return `${provider} (${why}, ${Math.ceil(wait / 1000)} s)`;
    })
    .join(', ');
  return new GatewayError(
    kindOfStatus(status),
    `every provider for "${model}" is cooling down after failures: ${list}`,
    {
      status,
      headers: {
        'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))),
        'retry-after-ms': String(Math.max(1, Math.ceil(waitMs))),
      },
    },
  );
}
