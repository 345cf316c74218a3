import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dialect } from '../config/catalog-schema.js';
import type { Endpoint } from '../providers/index.js';
import { type Candidate, requireCandidates, resolveModel } from '../router/resolve.js';
import { asGatewayError, GatewayError, sendError } from './errors.js';
import { Exchange } from './exchange.js';
import { forward } from './forward.js';
import type { GatewayState } from './gateway-state.js';
import { parseJsonObject, readBody } from './read-body.js';

export interface CompletionRoute {
  dialect: Dialect;
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
  const exchange = new Exchange(request, route.dialect, route.path);
  response.setHeader('x-ekai-request-id', exchange.id);
  const abort = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) abort.abort();
  });
  try {
    const body = parseJsonObject(await readBody(request, state.config.maxBodyBytes));
    checkCompletionBody(body);
    exchange.requestedModel = body.model as string;
    exchange.stream = body.stream === true;
    const candidate = chooseCandidate(request, body.model as string, route.dialect, state, exchange);
    await forward({
      clientDialect: route.dialect,
      endpoint: route.endpoint,
      request,
      response,
      exchange,
      body,
      candidate,
      upstream: state.upstream,
      signal: abort.signal,
    });
  } catch (error) {
    if (abort.signal.aborted || response.destroyed) {
      exchange.abort();
    } else {
      const failure = asGatewayError(error);
      exchange.fail(failure.status, failure.message);
      sendError(response, route.dialect, failure);
    }
  } finally {
    if (abort.signal.aborted && exchange.outcome !== 'aborted') exchange.abort();
    state.recorder.record(exchange.toEvent());
  }
}

/** The gateway's own checks (SPEC §5); deeper ones are the provider's. */
function checkCompletionBody(body: Record<string, unknown>): void {
  if (typeof body.model !== 'string' || body.model.trim() === '') {
    throw new GatewayError('invalid_request', '`model` is required and must be a non-empty string', {
      param: 'model',
    });
  }
  if (!Array.isArray(body.messages)) {
    throw new GatewayError('invalid_request', '`messages` is required and must be an array', {
      param: 'messages',
    });
  }
  if (body.stream !== undefined && typeof body.stream !== 'boolean') {
    throw new GatewayError('invalid_request', '`stream` must be a boolean', { param: 'stream' });
  }
}

/** Resolve the model and pick who serves it: the best-ranked candidate (translated when it must be). */
function chooseCandidate(
  request: IncomingMessage,
  requested: string,
  clientDialect: Dialect,
  state: GatewayState,
  exchange: Exchange,
): Candidate {
  const pinned = request.headers['x-ekai-provider'];
  const resolution = resolveModel(
    { requested, clientDialect, pinnedProvider: typeof pinned === 'string' ? pinned : undefined },
    state.catalog,
    state.providers,
  );
  exchange.model = resolution.modelId;
  const [candidate] = requireCandidates(resolution) as [Candidate, ...Candidate[]];
  exchange.provider = candidate.provider.name;
  exchange.upstreamModel = candidate.upstreamModel;
  exchange.offer = candidate.offer;
  return candidate;
}
