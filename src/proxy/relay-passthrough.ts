import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import {
  type ErrorDetails,
  FORMATS,
  kindOfStatus,
  SseByteParser,
  type StreamTap,
  type WireFormat,
} from '../formats/index.js';
import { GatewayError } from './errors.js';
import type { RelayOutcome } from './outcome.js';
import { write } from './pipe.js';
import { parseQuietly, readAll, upstreamErrorMessage } from './read-all.js';
import { clientBytes } from './redact.js';
import { SseFrameSplitter } from './sse-frames.js';
import { upstreamFailure } from './upstream.js';
import type { UsageChunkFilter } from './usage-chunk-filter.js';

/**
 * Same wire format: stream bytes to the client as they arrive, whole events only, tapping usage off a
 * parallel SSE parse of the same events. An upstream failure mid-stream, or a stream that ends
 * without its proper end, closes the client's stream with an in-stream error in its format; the
 * half event the upstream was cut in is never relayed (the error frame would be glued to it).
 */
export async function relayStream(stream: StreamRelay): Promise<RelayOutcome> {
  const { body, response, format, filter, maxSseLineBytes, apiKey } = stream;
  const tap = FORMATS[format].createStreamTap();
  let firstByteAt: number | undefined;
  // The splitter holds the unfinished event (and enforces the limit); the parser sees whole events only.
  const frames = new SseFrameSplitter(maxSseLineBytes);
  const parser = new SseByteParser((event) => tap.onEvent(event), { maxLineLength: maxSseLineBytes });
  const relay = async (bytes: Buffer) => {
    if (bytes.length === 0) return;
    parser.write(bytes);
    const out = filter ? filter.push(bytes) : bytes;
    if (out.length === 0) return;
    firstByteAt ??= performance.now();
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
    failure = response.destroyed ? undefined : upstreamFailure(error, stream.provider);
  }
  return { ...finishStream(response, format, tap, failure), firstByteAt };
}

/** A same-format stream to relay. */
export interface StreamRelay {
  body: Readable;
  response: ServerResponse;
  format: WireFormat;
  /** Set when ekai asked for the usage chunk the client did not: it is taken out again. */
  filter: UsageChunkFilter | undefined;
  maxSseLineBytes?: number | undefined;
  /** The provider, as failures name it. */
  provider: string;
  /** The key the provider was sent: redacted should it echo it. */
  apiKey?: string | undefined;
}

/**
 * Close a relayed stream: on a failure (or a stream that ended without its proper end) send the
 * client an in-stream error, else end it normally; the outcome carries the usage and what went wrong.
 */
export function finishStream(
  response: ServerResponse,
  clientFormat: WireFormat,
  tap: StreamTap,
  failure: GatewayError | undefined,
  closing = '',
  /** The error frames, when the caller knows better than the format's generic ones. */
  errorFrames: (error: ErrorDetails) => string = (error) =>
    FORMATS[clientFormat].streamErrorFrames(error, tap),
): RelayOutcome {
  const usage = tap.usage;
  if (response.destroyed) return { usage, aborted: true };
  const problem =
    failure ??
    (tap.complete || tap.error ? undefined : new GatewayError('bad_gateway', 'upstream stream ended early'));
  if (problem) {
    response.end(errorFrames(problem.toDetails()));
    return { usage, error: problem.message };
  }
  response.end(closing);
  return { usage, error: tap.error };
}

/**
 * Same wire format, JSON (success or upstream error): read whole, up to the upstream body limit, then
 * relayed and parsed for usage or the error. Reading first costs no memory the usage parse did not
 * already need, and lets an answer that is too large (or cut) become a proper 502 instead of a
 * half-sent 200.
 */
export async function relayJson(
  body: Readable,
  response: ServerResponse,
  format: WireFormat,
  head: {
    status: number;
    headers: OutgoingHttpHeaders;
    provider: string;
    maxBytes?: number;
    apiKey?: string | undefined;
  },
): Promise<RelayOutcome> {
  let whole: Buffer;
  try {
    whole = clientBytes(await readAll(body, head.maxBytes), head.apiKey);
  } catch (error) {
    throw upstreamFailure(error, head.provider);
  }
  const firstByteAt = performance.now();
  response.writeHead(head.status, { ...head.headers, 'content-length': whole.length });
  response.end(whole);
  const parsed = parseQuietly(whole.toString('utf8'));
  if (head.status >= 400) {
    return {
      firstByteAt,
      error: `${kindOfStatus(head.status)}: ${upstreamErrorMessage(parsed, head.status)}`,
    };
  }
  return { firstByteAt, usage: FORMATS[format].usageFromBody(parsed) };
}
