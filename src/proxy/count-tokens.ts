import type { IncomingMessage, ServerResponse } from 'node:http';
import { requireCandidates, resolveModel } from '../router/resolve.js';
import { checkModelName } from './completions.js';
import { asGatewayError, GatewayError, sendError } from './errors.js';
import { newRequestId } from './exchange.js';
import { forward } from './forward.js';
import type { GatewayState } from './gateway-state.js';
import { parseJsonObject, readBody } from './read-body.js';

/**
 * `POST /v1/messages/count_tokens`: a real count or a clean error, never a made-up number.
 *
 * Forwarded to the first provider of the model that speaks Messages itself (Anthropic, xAI's and
 * Z.AI's Messages endpoints), whose own count it is; that provider's error, if any, is relayed as
 * it answered. A model only other wire formats serve gets a 404 in the Messages dialect, marked not
 * worth retrying: Claude Code treats the endpoint as optional and, when it fails, estimates context
 * usage locally (https://code.claude.com/docs/en/llm-gateway-protocol, "Optional endpoints"), so an
 * honest refusal costs it nothing, while an estimate answered as a count would mislead every other
 * client. Counting is free, so it is not a usage record.
 */
export async function handleCountTokens(
  request: IncomingMessage,
  response: ServerResponse,
  state: GatewayState,
) {
  // Counting is not a usage record: the request gets an id for the client's logs only.
  response.setHeader('x-ekai-request-id', newRequestId());
  const abort = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) abort.abort();
  });
  try {
    const body = parseJsonObject(await readBody(request, state.config.maxBodyBytes));
    if (typeof body.model !== 'string' || !Array.isArray(body.messages)) {
      throw new GatewayError('invalid_request', '`model` (a string) and `messages` (an array) are required');
    }
    checkModelName(body.model);
    const pinned = request.headers['x-ekai-provider'];
    const resolution = resolveModel(
      {
        requested: body.model,
        clientFormat: 'messages',
        pinnedProvider: typeof pinned === 'string' ? pinned : undefined,
      },
      state.catalog,
      state.providers,
    );
    const candidates = requireCandidates(resolution);
    const counter = candidates.find((candidate) => candidate.native);
    if (!counter) throw noCounter(body.model, candidates[0]?.provider.name ?? 'its provider');
    await forward({
      request,
      response,
      log: { attempts: [], warnings: [] },
      body,
      candidate: counter,
      upstream: state.upstream,
      signal: abort.signal,
      state,
      clientFormat: 'messages',
      endpoint: 'count_tokens',
    });
  } catch (error) {
    if (!abort.signal.aborted && !response.destroyed) sendError(response, 'messages', asGatewayError(error));
  }
}

function noCounter(model: string, provider: string): GatewayError {
  return new GatewayError(
    'not_found',
    `count_tokens is not available for ${model}: ${provider} serves it without a Messages token-counting endpoint, and ekai does not answer an estimate as a count`,
    { code: 'count_tokens_unavailable', headers: { 'x-should-retry': 'false' } },
  );
}
