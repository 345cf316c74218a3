import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord } from '../formats/usage.js';
import { endpointUrl, profileFor } from '../providers/index.js';
import type { Candidate } from '../router/resolve.js';
import { bridgeFor } from './bridges.js';
import { GatewayError } from './errors.js';
import { ekaiHeaders, translateRequest, upstreamHeaders } from './forward.js';
import type { GatewayState } from './gateway-state.js';
import { returnableResponseHeaders } from './headers.js';
import { decodedBody } from './pipe.js';
import { withRedactedError } from './redact.js';
import { relayTranslated } from './relay-translated.js';
import { upstreamFailure } from './upstream.js';

/**
 * Providers that count a Responses request without running it, by profile name, and where. OpenAI:
 * `POST /v1/responses/input_tokens` takes the body `responses.create` would get and answers
 * `{"object": "response.input_tokens", "input_tokens": N}`
 * (https://platform.openai.com/docs/api-reference/responses/input-tokens,
 * https://developers.openai.com/api/docs/guides/token-counting). xAI documents no such route for
 * Responses (only `/v1/tokenize-text`, plain text for one model, which would miss tools and
 * framing; its Messages models count through Messages), nor does OpenRouter: neither is listed.
 */
const RESPONSES_COUNTERS: ReadonlySet<string> = new Set(['openai']);

/**
 * The fields the counting route reads (OpenAI's InputTokenCountParams): what the model would
 * receive. Generation-only fields (`max_output_tokens`, `stream`, `store`, `include`, sampling,
 * `prompt_cache_key`, …) do not change the count, and the route does not take them.
 */
const COUNTED_FIELDS = [
  'model',
  'instructions',
  'input',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'reasoning',
  'text',
  'truncation',
] as const;

/** This candidate's provider counts Responses requests, and the model is served in Responses there. */
export function countsResponses(candidate: Candidate): boolean {
  const formats = candidate.offer?.formats ?? candidate.provider.formats;
  return RESPONSES_COUNTERS.has(profileFor(candidate.provider.name).name) && formats.includes('responses');
}

export interface ResponsesCount {
  request: IncomingMessage;
  response: ServerResponse;
  /** The client's Messages count_tokens body. */
  body: Record<string, unknown>;
  candidate: Candidate;
  state: GatewayState;
  signal: AbortSignal;
}

/**
 * A Messages `count_tokens` request counted by a provider that counts Responses requests: the
 * body goes through the same Messages → Responses translation as a generation request (so the
 * count is of what the model would be sent), keeps the fields the counting route reads, and the
 * provider's `input_tokens` is answered in Anthropic's shape `{"input_tokens": N}`
 * (https://docs.anthropic.com/en/api/messages-count-tokens). What the translation dropped or
 * changed reaches the client in `x-ekai-warnings`; the provider's errors in the Messages dialect.
 */
export async function countThroughResponses(count: ResponsesCount): Promise<void> {
  const { request, response, candidate, state, signal } = count;
  const { provider } = candidate;
  const bridge = bridgeFor('messages', 'responses');
  if (!bridge) throw new GatewayError('not_implemented', 'no translation from messages to responses');
  const translated = translateRequest(bridge, count.body, candidate, {});
  const counted = pick(translated.body as Record<string, unknown>, COUNTED_FIELDS);
  const log = { attempts: [], warnings: [...translated.warnings] };
  let upstream: Awaited<ReturnType<typeof state.upstream.request>>;
  try {
    upstream = await state.upstream.request({
      url: endpointUrl(provider.baseUrl, provider.name, 'input_tokens'),
      headers: upstreamHeaders({ request, candidate, clientFormat: 'messages', log }, 'responses', true),
      body: JSON.stringify(counted),
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw upstreamFailure(error, provider.name);
  }
  const answered = await withRedactedError(upstream, provider.apiKey);
  const warnings = log.warnings;
  await relayTranslated({
    body: decodedBody(answered.body, answered.headers['content-encoding']),
    status: answered.status,
    headers: {
      ...returnableResponseHeaders(answered.headers, { keepLength: false }),
      ...ekaiHeaders(candidate, warnings),
    },
    isStream: false,
    response,
    provider: provider.name,
    bridge: { ...bridge, response: messagesCountFromResponses },
    context: { model: candidate.upstreamModel, provider: provider.name, toolNames: translated.toolNames },
    clientFormat: 'messages',
    upstreamFormat: 'responses',
    limits: state.config.limits,
    apiKey: provider.apiKey,
  });
}

/** `{"object": "response.input_tokens", "input_tokens": N}` → `{"input_tokens": N}`. */
function messagesCountFromResponses(body: unknown): object {
  const tokens = isRecord(body) ? body.input_tokens : undefined;
  if (typeof tokens !== 'number' || !Number.isFinite(tokens))
    throw new Error('no numeric input_tokens in the count');
  return { input_tokens: tokens };
}

function pick(body: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((field) => body[field] !== undefined).map((f) => [f, body[f]]));
}
