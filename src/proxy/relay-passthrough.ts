import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { ClientDialect } from '../formats/index.js';
import { type ErrorDetails, FORMATS, kindOfStatus, SseByteParser, type StreamTap } from '../formats/index.js';
import { GatewayError } from './errors.js';
import type { Exchange } from './exchange.js';
import { write } from './pipe.js';
import { parseQuietly, readAll, upstreamErrorMessage } from './read-all.js';
import { clientBytes } from './redact.js';
import { SseFrameSplitter } from './sse-frames.js';
import { upstreamFailure } from './upstream.js';
import type { UsageChunkFilter } from './usage-chunk-filter.js';

/**
 * Same dialect: stream bytes to the client as they arrive, whole events only, tapping usage off a
 * parallel SSE parse of the same events. An upstream failure mid-stream, or a stream that ends
 * without its proper end, closes the client's stream with an in-stream error in its dialect; the
 * half event the upstream was cut in is never relayed (the error frame would be glued to it).
 */
export async function relayStream(
  body: Readable,
  response: ServerResponse,
  exchange: Exchange,
  dialect: ClientDialect,
  filter: UsageChunkFilter | undefined,
  maxSseLineBytes?: number,
  /** The key the provider was sent: redacted should it echo it. */
  apiKey?: string,
): Promise<void> {
  const tap = FORMATS[dialect].createStreamTap();
  // The splitter holds the unfinished event (and enforces the limit); the parser sees whole events only.
  const frames = new SseFrameSplitter(maxSseLineBytes);
  const parser = new SseByteParser((event) => tap.onEvent(event), { maxLineLength: maxSseLineBytes });
  const relay = async (bytes: Buffer) => {
    if (bytes.length === 0) return;
    parser.write(bytes);
    const out = filter ? filter.push(bytes) : bytes;
    if (out.length === 0) return;
    exchange.markFirstByte();
    await write(response, clientBytes(out, apiKey));
  };
  let failure: GatewayError | undefined;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) await relay(frames.push(chunk));
    // Bytes after the last blank line: relayed only if the parser finds the stream's proper end in
    // them (line breaks the splitter does not look for, such as \n then \r\n), else dropped.
    const rest = frames.rest();
    parser.write(rest);
    parser.end();
    if (tap.complete || tap.error) {
      const out = filter ? filter.push(rest) + filter.end() : rest;
      if (out.length > 0) await write(response, clientBytes(out, apiKey));
    }
  } catch (error) {
    failure = response.destroyed ? undefined : upstreamFailure(error, exchange.provider ?? 'upstream');
  }
  finishStream(response, exchange, dialect, tap, failure);
}

/**
 * Close a relayed stream: record its usage and outcome; on a failure (or a stream that ended
 * without its proper end) send the client an in-stream error, else end it normally.
 */
export function finishStream(
  response: ServerResponse,
  exchange: Exchange,
  clientDialect: ClientDialect,
  tap: StreamTap,
  failure: GatewayError | undefined,
  closing = '',
  /** The error frames, when the caller knows better than the dialect's generic ones. */
  errorFrames: (error: ErrorDetails) => string = (error) =>
    FORMATS[clientDialect].streamErrorFrames(error, tap),
): void {
  exchange.usage = tap.usage;
  if (response.destroyed) {
    exchange.abort();
    return;
  }
  const problem =
    failure ??
    (tap.complete || tap.error ? undefined : new GatewayError('bad_gateway', 'upstream stream ended early'));
  if (tap.error) exchange.fail(exchange.status, tap.error);
  if (problem) {
    exchange.fail(exchange.status, problem.message);
    response.end(errorFrames(problem.toDetails()));
    return;
  }
  response.end(closing);
}

/**
 * Same dialect, JSON (success or upstream error): read whole, up to the upstream body limit, then
 * relayed and parsed for usage or the error. Reading first costs no memory the usage parse did not
 * already need, and lets an answer that is too large (or cut) become a proper 502 instead of a
 * half-sent 200.
 */
export async function relayJson(
  body: Readable,
  response: ServerResponse,
  exchange: Exchange,
  dialect: ClientDialect,
  head: { status: number; headers: OutgoingHttpHeaders; maxBytes?: number; apiKey?: string },
) {
  let whole: Buffer;
  try {
    whole = clientBytes(await readAll(body, head.maxBytes), head.apiKey);
  } catch (error) {
    throw upstreamFailure(error, exchange.provider ?? 'upstream');
  }
  exchange.markFirstByte();
  response.writeHead(head.status, { ...head.headers, 'content-length': whole.length });
  response.end(whole);
  const parsed = parseQuietly(whole.toString('utf8'));
  if (exchange.status >= 400) {
    exchange.fail(
      exchange.status,
      `${kindOfStatus(exchange.status)}: ${upstreamErrorMessage(parsed, exchange.status)}`,
    );
    return;
  }
  exchange.usage = FORMATS[dialect].usageFromBody(parsed);
}
