import type { IncomingMessage, ServerResponse } from 'node:http';
import { requireCandidates, resolveModel } from '../router/resolve.js';
import { checkModelName } from './completions.js';
import { countsResponses, countThroughResponses } from './count-tokens-responses.js';
import { asGatewayError, GatewayError, sendError } from './errors.js';
import { newRequestId } from './exchange.js';
import { forward } from './forward.js';
import type { GatewayState } from './gateway-state.js';
import { parseJsonObject, readBody } from './read-body.js';

/**
 * `POST /v1/messages/count_tokens`: a real count or a clean error, never a made-up number.
 *
 * Counted by the first provider of the model that can count it, in the order generation would try
 * them: one that speaks Messages itself (Anthropic, xAI's and Z.AI's Messages endpoints) gets the
 * request forwarded, its own count; one that counts Responses requests (OpenAI's
 * `/v1/responses/input_tokens`) gets it translated as a generation request would be, and its count
 * is answered in Anthropic's shape (count-tokens-responses.ts). That provider's error, if any, is
 * relayed in the Messages dialect. A model no provider can count gets a 404 in the Messages
 * dialect, marked not worth retrying: Claude Code treats the endpoint as optional and, when it
 * fails, estimates context usage locally
 * (https://code.claude.com/docs/en/llm-gateway-protocol, "Optional endpoints"), so an honest
 * refusal costs it nothing, while an estimate answered as a count would mislead every other
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
    const counter = candidates.find((candidate) => candidate.native || countsResponses(candidate));
    if (!counter) throw noCounter(body.model, candidates[0]?.provider.name ?? 'its provider');
    if (!counter.native) {
      await countThroughResponses({
        request,
        response,
        body,
        candidate: counter,
        state,
        signal: abort.signal,
      });
      return;
    }
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
    `count_tokens is not available for ${model}: ${provider} serves it without a token-counting endpoint, and ekai does not answer an estimate as a count`,
    { code: 'count_tokens_unavailable', headers: { 'x-should-retry': 'false' } },
  );
}
