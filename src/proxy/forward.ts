import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { DEFAULT_CONFIG } from '../config/defaults.js';
import type { EkaiConfig } from '../config/schema.js';
import { strippedNote, withoutEkaiMadeBlocks } from '../formats/anthropic-messages/strip-ekai-made-blocks.js';
import type { WireFormat } from '../formats/index.js';
import { sessionCacheKey } from '../formats/openai-chat/chat-providers.js';
import { MEDIA_MOVED, withToolMediaInUserMessages } from '../formats/openai-chat/tool-result-media.js';
import type { ClientToolMap } from '../formats/openai-responses/client-tools.js';
import { withoutUnresolvableReasoning } from '../formats/openai-responses/strip-unpersisted-reasoning.js';
import { type ResponseContext, UnsupportedRequestError } from '../formats/translation.js';
import { isRecord } from '../formats/usage.js';
import { withoutRejectedBetas } from '../providers/betas.js';
import {
  applyProviderRules,
  authHeaders,
  ENDPOINTS,
  type Endpoint,
  endpointUrl,
  generationEndpoint,
  profileFor,
  type RequestTarget,
} from '../providers/index.js';
import type { Candidate } from '../router/resolve.js';
import { classifyStatus } from '../router/retry-policy.js';
import { UpstreamAttemptError } from './attempt-error.js';
import { type Bridge, bridgeFor } from './bridges.js';
import { GatewayError } from './errors.js';
import { headerValue } from './header-value.js';
import {
  clientSession,
  forwardableRequestHeaders,
  isOtherVendor,
  returnableResponseHeaders,
} from './headers.js';
import { prependTopLevelField, replaceTopLevelValue } from './json-splice.js';
import type { AttemptLog, AttemptOutcome, RelayOutcome } from './outcome.js';
import { decodedBody, isCompressed } from './pipe.js';
import { parseQuietly, readAll, upstreamErrorFields } from './read-all.js';
import { rawTextOf } from './read-body.js';
import { withRedactedError } from './redact.js';
import { relayJson, relayStream } from './relay-passthrough.js';
import { relayTranslated } from './relay-translated.js';
import { type UpstreamClient, type UpstreamResponse, upstreamFailure } from './upstream.js';
import { UsageChunkFilter } from './usage-chunk-filter.js';

export interface ForwardInput {
  request: IncomingMessage;
  response: ServerResponse;
  /** The request's attempts and notes so far: this attempt adds its own. */
  log: AttemptLog;
  body: Record<string, unknown>;
  candidate: Candidate;
  clientFormat: WireFormat;
  /** The endpoint the client called. */
  endpoint: Endpoint;
  upstream: UpstreamClient;
  /** Aborted when the client goes away: the upstream request is aborted with it. */
  signal: AbortSignal;
  /**
   * Hold retryable upstream errors back (throw UpstreamAttemptError) instead of relaying them, so
   * that the caller can try another candidate.
   */
  interceptRetryable?: boolean;
  /** The gateway's settings (its `limits`); absent (count_tokens), the defaults apply. */
  state?: { readonly config: Pick<EkaiConfig, 'limits' | 'cache'> };
}

/** What goes upstream, and how the answer comes back. */
interface Plan {
  endpoint: Endpoint;
  text: string;
  /** The client's query string (`?beta=true`), only meaningful in its own wire format. */
  query: string;
  /** Same wire format: ekai added include_usage, so the usage-only chunk must be hidden again. */
  injectedUsage: boolean;
  translation?: { bridge: Bridge; context: ResponseContext };
}

/**
 * Send the request to one provider and relay its answer: piped when wire formats match, translated when
 * not. Returns how the attempt ended; throws when it failed before anything reached the client.
 */
export async function forward(input: ForwardInput): Promise<AttemptOutcome> {
  const { response, log, candidate } = input;
  // Spoken natively, the provider answers in the client's own format (Responses included).
  const upstreamFormat: WireFormat = candidate.native ? input.clientFormat : candidate.format;
  const plan = planRequest(input, upstreamFormat);
  // An error answer is read whole and has the provider key taken out, before anything else sees it.
  const upstreamResponse = await withRedactedError(await send(input, plan), candidate.provider.apiKey);
  const { status } = upstreamResponse;
  if (input.interceptRetryable && classifyStatus(upstreamResponse.status) === 'retryable') {
    throw await heldBack(upstreamResponse, input, upstreamFormat);
  }
  const headers: OutgoingHttpHeaders = {
    ...returnableResponseHeaders(upstreamResponse.headers, {
      keepLength: !plan.translation && !isCompressed(upstreamResponse.headers['content-encoding']),
    }),
    ...ekaiHeaders(candidate, log.warnings),
  };
  const body = decodedBody(upstreamResponse.body, upstreamResponse.headers['content-encoding']);
  const isStream = String(upstreamResponse.headers['content-type'] ?? '').includes('text/event-stream');
  const provider = candidate.provider.name;
  const limits = input.state?.config.limits ?? DEFAULT_CONFIG.limits;
  const relayed = (outcome: RelayOutcome): AttemptOutcome => ({ status, stream: isStream, ...outcome });
  if (plan.translation) {
    return relayed(
      await relayTranslated({
        body,
        status,
        headers,
        isStream,
        response,
        provider,
        ...plan.translation,
        clientFormat: input.clientFormat,
        upstreamFormat: candidate.format,
        limits,
        apiKey: candidate.provider.apiKey,
      }),
    );
  }
  if (isStream && status < 400) {
    response.writeHead(status, headers);
    return relayed(
      await relayStream({
        body,
        response,
        format: upstreamFormat,
        filter: plan.injectedUsage ? new UsageChunkFilter() : undefined,
        maxSseLineBytes: limits.maxSseLineBytes,
        provider,
        apiKey: candidate.provider.apiKey,
      }),
    );
  }
  return relayed(
    await relayJson(body, response, upstreamFormat, {
      status,
      headers,
      provider,
      maxBytes: limits.maxUpstreamBodyBytes,
      apiKey: candidate.provider.apiKey,
    }),
  );
}

/** Read a retryable upstream error whole, note it on the attempt, and hand it to the fallback loop. */
async function heldBack(
  upstreamResponse: UpstreamResponse,
  input: ForwardInput,
  upstreamFormat: WireFormat,
): Promise<UpstreamAttemptError> {
  const { candidate, log } = input;
  const text = (
    await readAll(decodedBody(upstreamResponse.body, upstreamResponse.headers['content-encoding']))
  ).toString('utf8');
  const { message, ...fields } = upstreamErrorFields(parseQuietly(text), upstreamResponse.status);
  const attempt = log.attempts.at(-1);
  if (attempt) attempt.error = message;
  const retryAfter = upstreamResponse.headers['retry-after'];
  return new UpstreamAttemptError(
    candidate.provider.name,
    upstreamResponse.status,
    upstreamFormat,
    text,
    typeof retryAfter === 'string' ? retryAfter : undefined,
    message,
    fields,
    upstreamResponse.headers,
  );
}

function planRequest(input: ForwardInput, upstreamFormat: WireFormat): Plan {
  const { body, candidate, clientFormat } = input;
  const query = input.request.url?.includes('?')
    ? input.request.url.slice(input.request.url.indexOf('?'))
    : '';
  const bridge = candidate.native ? undefined : bridgeFor(clientFormat, candidate.format);
  if (!bridge) {
    if (!candidate.native)
      throw new GatewayError('not_implemented', `no translation from ${clientFormat} to ${candidate.format}`);
    const warnings = input.log.warnings;
    return {
      endpoint: input.endpoint,
      query,
      ...sameFormatBody(body, candidate, upstreamFormat, warnings),
    };
  }
  const translated = translateRequest(bridge, body, candidate, {
    session: clientSession(input.request.headers),
    cacheTtl: input.state?.config.cache?.ttl,
  });
  input.log.warnings.push(...translated.warnings);
  const streamOptions = isRecord(body.stream_options) ? body.stream_options : undefined;
  return {
    endpoint: generationEndpoint(candidate.format),
    text: JSON.stringify(translated.body),
    query: '',
    injectedUsage: false,
    translation: {
      bridge,
      context: {
        model: candidate.upstreamModel,
        provider: candidate.provider.name,
        toolNames: translated.toolNames,
        includeUsage: streamOptions?.include_usage === true,
        // What the request side decided and the response side needs (Responses' custom tools, JSON mode).
        ...('jsonTool' in translated &&
          typeof translated.jsonTool === 'string' && { jsonTool: translated.jsonTool }),
        ...('customTools' in translated &&
          Array.isArray(translated.customTools) && { customTools: translated.customTools as string[] }),
        ...('clientTools' in translated &&
          translated.clientTools instanceof Map && { clientTools: translated.clientTools as ClientToolMap }),
        // A Responses compaction turn (Codex's compaction_trigger): answered with one compaction item.
        ...('compaction' in translated && translated.compaction === true && { compaction: true }),
      },
    },
  };
}

/**
 * The request in the provider's wire format, its rules applied (Bridge.request). Converters check
 * shapes only as far as they need; a request malformed in a way the gateway's own checks let
 * through makes one throw. That is the client's mistake (400), never a crash.
 */
export function translateRequest(
  bridge: Bridge,
  body: Record<string, unknown>,
  candidate: Candidate,
  client: Pick<RequestTarget, 'session' | 'cacheTtl'>,
) {
  try {
    return bridge.request(body, {
      upstreamModel: candidate.upstreamModel,
      provider: candidate.provider.name,
      maxOutput: candidate.offer?.maxOutput,
      profile: profileFor(candidate.provider.name),
      ...client,
    });
  } catch (error) {
    if (error instanceof UnsupportedRequestError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new GatewayError(
      'invalid_request',
      `the request could not be translated for ${candidate.provider.name}: ${reason}`,
    );
  }
}

/**
 * The client's body with the upstream model id and the provider's rules applied (a request the
 * provider would refuse is mended, with a note); OpenAI streams also ask for the usage chunk, and
 * Anthropic histories lose the blocks ekai itself made from another provider's answer (unsigned
 * thinking, web searches another provider ran).
 */
function sameFormatBody(
  clientBody: Record<string, unknown>,
  candidate: Candidate,
  format: WireFormat,
  warnings: string[],
) {
  const profile = profileFor(candidate.provider.name);
  const ruled = applyProviderRules(profile, {
    body: clientBody,
    format,
    model: candidate.upstreamModel,
    maxOutput: candidate.offer?.maxOutput,
  });
  warnings.push(...ruled.warnings);
  // Unchanged by the rules, it is the client's own object, whose raw text can be spliced.
  const body = ruled.body;
  const streamOptions = isRecord(body.stream_options) ? body.stream_options : undefined;
  const injectedUsage = format === 'chat' && body.stream === true && streamOptions?.include_usage !== true;
  // Stream options the client sent and ekai must extend are merged the slow way; anything else is spliced.
  const mergeOptions = injectedUsage && 'stream_options' in body;
  const cleaned = HISTORY_CLEANUP[format]?.(body, profile.name);
  const spliced =
    mergeOptions || ruled.changed || cleaned ? undefined : splicedBody(body, candidate, injectedUsage);
  if (spliced !== undefined) return { text: spliced, injectedUsage };
  const out: Record<string, unknown> = { ...body, model: candidate.upstreamModel, ...cleaned?.patch };
  if (cleaned?.note) warnings.push(cleaned.note);
  if (injectedUsage) out.stream_options = { ...streamOptions, include_usage: true };
  return { text: JSON.stringify(out), injectedUsage };
}

/**
 * What a same-format history may carry that this format's provider cannot take back (mostly what
 * ekai made from another provider's answer): dropped or moved, with the note the client gets, or
 * undefined when there is none (then the client's bytes can be spliced).
 */
const HISTORY_CLEANUP: Partial<
  Record<
    WireFormat,
    (
      body: Record<string, unknown>,
      provider: string,
    ) => { patch: Record<string, unknown>; note: string | undefined } | undefined
  >
> = {
  // Unsigned thinking, searches another provider ran, their citations (strip-ekai-made-blocks.ts).
  messages(body) {
    if (!Array.isArray(body.messages)) return undefined;
    const stripped = withoutEkaiMadeBlocks(body.messages);
    const note = strippedNote(stripped);
    return note === undefined ? undefined : { patch: { messages: stripped.messages }, note };
  },
  // Images and documents in tool messages, which OpenAI refuses there: moved to a user message
  // right after the tool messages, as the converters do (tool-result-media.ts).
  chat(body, provider) {
    if (!Array.isArray(body.messages)) return undefined;
    const messages = withToolMediaInUserMessages(body.messages, provider);
    return messages === undefined ? undefined : { patch: { messages }, note: MEDIA_MOVED };
  },
  // Reasoning items without their encrypted content under store false, encrypted content another
  // maker wrote (Claude's thinking ekai carried, another provider's), and xAI's reshaping
  // (strip-unpersisted-reasoning.ts).
  responses(body, provider) {
    const cleanup = withoutUnresolvableReasoning(body, provider);
    const { input, unpersisted, foreign } = cleanup;
    if (input === body.input) return undefined;
    const notes = [
      unpersisted > 0 &&
        `dropped ${unpersisted} reasoning item(s) without encrypted_content: with store false the provider keeps none to look up`,
      foreign > 0 &&
        `dropped ${foreign} reasoning item(s) another provider or model encrypted: only the one that made it can read it`,
      cleanup.compactions > 0 &&
        `${cleanup.compactions} compaction item(s) ekai wrote sent as the summary they carry (a user message): the provider cannot read ekai's envelope`,
    ].filter((note) => typeof note === 'string');
    return { patch: { input }, note: notes.length === 0 ? undefined : notes.join('; ') };
  },
};

/**
 * The fast way to the same body: edit the client's own text (model id, and the usage request when
 * there were no stream options) instead of re-serialising a history that may weigh megabytes.
 * Used only when the body needs nothing more (no ekai-made blocks to drop, no stream options to
 * merge, no provider rule that changed it); undefined when the raw text is not known.
 */
function splicedBody(
  body: Record<string, unknown>,
  candidate: Candidate,
  addUsageRequest: boolean,
): string | undefined {
  const raw = rawTextOf(body);
  if (raw === undefined) return undefined;
  let text =
    body.model === candidate.upstreamModel
      ? raw
      : replaceTopLevelValue(raw, 'model', JSON.stringify(candidate.upstreamModel));
  if (text !== undefined && addUsageRequest)
    text = prependTopLevelField(text, 'stream_options', '{"include_usage":true}');
  return text;
}

/**
 * Who served, and what ekai dropped or changed in the request: the latter reaches the client, not
 * only the record (SPEC §11).
 */
export function ekaiHeaders(candidate: Candidate, warnings: readonly string[]): OutgoingHttpHeaders {
  return {
    'x-ekai-provider': candidate.provider.name,
    'x-ekai-model': headerValue(candidate.upstreamModel),
    ...(warnings.length > 0 && { 'x-ekai-warnings': headerValue(warnings.join('; ')) }),
  };
}

/** One attempt at the provider; connection failures and timeouts become GatewayErrors. */
async function send(input: ForwardInput, plan: Plan): Promise<UpstreamResponse> {
  const { log, candidate, signal } = input;
  const { provider } = candidate;
  const started = performance.now();
  try {
    const upstreamResponse = await input.upstream.request({
      url: endpointUrl(provider.baseUrl, provider.name, plan.endpoint, plan.query),
      headers: upstreamHeaders(input, ENDPOINTS[plan.endpoint].format, plan.translation !== undefined),
      body: plan.text,
      signal,
    });
    log.attempts.push({
      provider: provider.name,
      status: upstreamResponse.status,
      durationMs: elapsed(started),
    });
    return upstreamResponse;
  } catch (error) {
    if (signal.aborted) throw error;
    const failure = upstreamFailure(error, provider.name);
    log.attempts.push({
      provider: provider.name,
      status: 0,
      durationMs: elapsed(started),
      error: failure.message,
    });
    throw failure;
  }
}

/**
 * The client's forwardable headers as the provider's profile wants them for a body in `format`, and
 * its key (also the Responses token count's: count-tokens-responses.ts).
 */
export function upstreamHeaders(
  input: Pick<ForwardInput, 'request' | 'candidate' | 'clientFormat' | 'log'>,
  format: WireFormat,
  translated: boolean,
): Record<string, string> {
  const { request, candidate } = input;
  const { provider } = candidate;
  const profile = profileFor(provider.name);
  const rules = profile.headers[format];
  const forwarded = Object.entries(
    forwardableRequestHeaders(request.headers, {
      keepAnthropicHeaders: true,
      // What identifies the user, session or installation stays with the client's own vendor.
      otherVendor: isOtherVendor(input.clientFormat, provider.name),
    }),
  );
  const refused = rules.refused ?? [];
  const headers: Record<string, string> = {
    ...Object.fromEntries(forwarded.filter(([name]) => !refused.some((prefix) => name.startsWith(prefix)))),
    ...rules.set,
    ...authHeaders(profile, format, provider.apiKey ?? ''),
    'content-type': 'application/json',
    'accept-encoding': 'gzip, deflate, br',
  };
  for (const [name, value] of Object.entries(rules.defaults ?? {})) headers[name] ??= value;
  const session = clientSession(request.headers);
  if (rules.session && translated && session !== undefined) headers[rules.session] = sessionCacheKey(session);
  // Beta values this provider refuses for this model: taken out, with a note (src/providers/betas.ts).
  return withoutRejectedBetas(
    headers,
    { provider: provider.name, model: candidate.upstreamModel },
    input.log.warnings,
  );
}

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}
