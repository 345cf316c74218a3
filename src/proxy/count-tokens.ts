import type { IncomingMessage, ServerResponse } from 'node:http';
import { estimateInputTokens } from '../formats/anthropic-messages/estimate-tokens.js';
import { sendJson } from '../net/http-json.js';
import { requireCandidates, resolveModel } from '../router/resolve.js';
import { checkModelName } from './completions.js';
import { asGatewayError, GatewayError, sendError } from './errors.js';
import { newRequestId } from './exchange.js';
import { forward } from './forward.js';
import type { GatewayState } from './gateway-state.js';
import { parseJsonObject, readBody } from './read-body.js';

/**
 * `POST /v1/messages/count_tokens` (SPEC §5): forwarded when the chosen provider speaks Messages,
 * else estimated locally (x-ekai-estimated: true). Counting is free, so it is not a usage record.
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
    const [candidate] = requireCandidates(resolution);
    if (candidate?.native) {
      const input = {
        request,
        response,
        log: { attempts: [], warnings: [] },
        body,
        candidate,
        upstream: state.upstream,
        signal: abort.signal,
        state,
      };
      await forward({ ...input, clientFormat: 'messages', endpoint: 'count_tokens' });
      return;
    }
    response.setHeader('x-ekai-estimated', 'true');
    if (candidate) response.setHeader('x-ekai-provider', candidate.provider.name);
    sendJson(response, 200, { input_tokens: estimateInputTokens(body) });
  } catch (error) {
    if (!abort.signal.aborted && !response.destroyed) sendError(response, 'messages', asGatewayError(error));
  }
}
