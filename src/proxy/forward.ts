import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { Dialect } from '../config/catalog-schema.js';
import { FORMATS, kindOfStatus, SseByteParser } from '../formats/index.js';
import { isRecord } from '../formats/usage.js';
import { adapterFor, ENDPOINT_PATHS, type Endpoint } from '../providers/index.js';
import type { Candidate } from '../router/resolve.js';
import { GatewayError, sendError } from './errors.js';
import type { Exchange } from './exchange.js';
import { forwardableRequestHeaders, returnableResponseHeaders } from './headers.js';
import { decodedBody, isCompressed, write } from './pipe.js';
import { type UpstreamClient, upstreamFailure } from './upstream.js';
import { UsageChunkFilter } from './usage-chunk-filter.js';

/** Anthropic requires a version header; clients that omit it get the stable one. */
const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';

export interface ForwardInput {
  request: IncomingMessage;
  response: ServerResponse;
  exchange: Exchange;
  body: Record<string, unknown>;
  candidate: Candidate;
  endpoint: Endpoint;
  upstream: UpstreamClient;
  /** Aborted when the client goes away: the upstream request is aborted with it. */
  signal: AbortSignal;
}

/** Send a same-dialect request to one provider and relay its answer, tapping usage on the way. */
export async function forwardSameDialect(input: ForwardInput): Promise<void> {
  const { request, response, exchange, candidate, upstream, signal } = input;
  const { provider, dialect } = candidate;
  const { text, injectedUsage } = upstreamBody(input.body, candidate);
  const started = performance.now();
  let upstreamResponse: Awaited<ReturnType<UpstreamClient['request']>>;
  try {
    upstreamResponse = await upstream.request({
      url: upstreamUrl(provider.baseUrl, ENDPOINT_PATHS[input.endpoint], request.url),
      headers: upstreamHeaders(request, candidate),
      body: text,
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    const failure = upstreamFailure(error, provider.name);
    exchange.addAttempt({
      provider: provider.name,
      status: 0,
      durationMs: elapsed(started),
      error: failure.message,
    });
    throw failure;
  }
  exchange.addAttempt({
    provider: provider.name,
    status: upstreamResponse.status,
    durationMs: elapsed(started),
  });
  exchange.status = upstreamResponse.status;
  const headers: OutgoingHttpHeaders = {
    ...returnableResponseHeaders(upstreamResponse.headers, {
      keepLength: !isCompressed(upstreamResponse.headers['content-encoding']),
    }),
    'x-ekai-provider': provider.name,
    'x-ekai-model': candidate.upstreamModel,
  };
  const body = decodedBody(upstreamResponse.body, upstreamResponse.headers['content-encoding']);
  const isStream = String(upstreamResponse.headers['content-type'] ?? '').includes('text/event-stream');
  response.writeHead(upstreamResponse.status, headers);
  if (isStream && upstreamResponse.status < 400) {
    await relayStream(body, response, exchange, dialect, injectedUsage ? new UsageChunkFilter() : undefined);
  } else {
    await relayJson(body, response, exchange, dialect);
  }
}

/** The client's body with the upstream model id; OpenAI streams also ask for the usage chunk. */
function upstreamBody(body: Record<string, unknown>, candidate: Candidate) {
  const out: Record<string, unknown> = { ...body, model: candidate.upstreamModel };
  const streamOptions = isRecord(body.stream_options) ? body.stream_options : undefined;
  const injectedUsage =
    candidate.dialect === 'openai' && body.stream === true && streamOptions?.include_usage !== true;
  if (injectedUsage) out.stream_options = { ...streamOptions, include_usage: true };
  return { text: JSON.stringify(out), injectedUsage };
}

/** baseUrl (which may carry a path: openrouter.ai/api) + the dialect's path + the client's query string. */
function upstreamUrl(baseUrl: string, path: string, clientUrl: string | undefined): URL {
  const query = clientUrl?.includes('?') ? clientUrl.slice(clientUrl.indexOf('?')) : '';
  return new URL(`${baseUrl.replace(/\/+$/, '')}${path}${query}`);
}

function upstreamHeaders(request: IncomingMessage, candidate: Candidate): Record<string, string> {
  const { provider, dialect } = candidate;
  const adapter = adapterFor(provider.name);
  const headers: Record<string, string> = {
    ...forwardableRequestHeaders(request.headers, { keepAnthropicHeaders: dialect === 'anthropic' }),
    ...adapter.extraHeaders,
    ...adapter.auth(provider.apiKey ?? '', dialect),
    'content-type': 'application/json',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (dialect === 'anthropic') headers['anthropic-version'] ??= DEFAULT_ANTHROPIC_VERSION;
  return headers;
}

/**
 * Stream bytes to the client as they arrive, tapping usage off a parallel SSE parse. An upstream
 * failure mid-stream, or a stream that ends without its proper end, closes the client's stream
 * with an in-stream error in its dialect.
 */
async function relayStream(
  body: Readable,
  response: ServerResponse,
  exchange: Exchange,
  dialect: Dialect,
  filter: UsageChunkFilter | undefined,
): Promise<void> {
  exchange.stream = true;
  const format = FORMATS[dialect];
  const tap = format.createStreamTap();
  const parser = new SseByteParser((event) => tap.onEvent(event));
  let failure: GatewayError | undefined;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      parser.write(chunk);
      const out = filter ? filter.push(chunk) : chunk;
      if (out.length === 0) continue;
      exchange.markFirstByte();
      await write(response, out);
    }
    parser.end();
    if (filter) {
      const rest = filter.end();
      if (rest) await write(response, rest);
    }
  } catch (error) {
    if (response.destroyed) return endAborted(exchange, tap.usage);
    failure = upstreamFailure(error, exchange.provider ?? 'upstream');
  }
  exchange.usage = tap.usage;
  if (response.destroyed) return endAborted(exchange, tap.usage);
  failure ??=
    tap.complete || tap.error ? undefined : new GatewayError('bad_gateway', 'upstream stream ended early');
  if (tap.error) exchange.fail(exchange.status, tap.error);
  if (failure) {
    exchange.fail(exchange.status, failure.message);
    sendError(response, dialect, failure);
    return;
  }
  response.end();
}

function endAborted(exchange: Exchange, usage: Exchange['usage']): void {
  exchange.usage = usage;
  exchange.abort();
}

/** A JSON answer (success or upstream error): relayed as it arrives, parsed at the end for usage or the error. */
async function relayJson(body: Readable, response: ServerResponse, exchange: Exchange, dialect: Dialect) {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      exchange.markFirstByte();
      await write(response, chunk);
    }
  } catch (error) {
    if (response.destroyed) return exchange.abort();
    const failure = upstreamFailure(error, exchange.provider ?? 'upstream');
    exchange.fail(exchange.status, failure.message);
    response.destroy(failure);
    return;
  }
  response.end();
  const parsed = parseQuietly(Buffer.concat(chunks).toString('utf8'));
  if (exchange.status >= 400) {
    exchange.fail(exchange.status, upstreamErrorMessage(parsed, exchange.status));
    return;
  }
  exchange.usage = FORMATS[dialect].usageFromBody(parsed);
}

function upstreamErrorMessage(body: unknown, status: number): string {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const message = typeof error?.message === 'string' ? error.message : `upstream answered ${status}`;
  return `${kindOfStatus(status)}: ${message}`.slice(0, 500);
}

function parseQuietly(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}
