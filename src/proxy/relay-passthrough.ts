import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { ClientDialect } from '../formats/index.js';
import { type ErrorDetails, FORMATS, kindOfStatus, SseByteParser, type StreamTap } from '../formats/index.js';
import { GatewayError } from './errors.js';
import type { Exchange } from './exchange.js';
import { write } from './pipe.js';
import { parseQuietly, upstreamErrorMessage } from './read-all.js';
import { upstreamFailure } from './upstream.js';
import type { UsageChunkFilter } from './usage-chunk-filter.js';

/**
 * Same dialect: stream bytes to the client as they arrive, tapping usage off a parallel SSE parse.
 * An upstream failure mid-stream, or a stream that ends without its proper end, closes the
 * client's stream with an in-stream error in its dialect.
 */
export async function relayStream(
  body: Readable,
  response: ServerResponse,
  exchange: Exchange,
  dialect: ClientDialect,
  filter: UsageChunkFilter | undefined,
): Promise<void> {
  const tap = FORMATS[dialect].createStreamTap();
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
    const rest = filter?.end();
    if (rest) await write(response, rest);
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

/** Same dialect, JSON (success or upstream error): relayed as it arrives, parsed at the end for usage or the error. */
export async function relayJson(
  body: Readable,
  response: ServerResponse,
  exchange: Exchange,
  dialect: ClientDialect,
) {
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
    exchange.fail(
      exchange.status,
      `${kindOfStatus(exchange.status)}: ${upstreamErrorMessage(parsed, exchange.status)}`,
    );
    return;
  }
  exchange.usage = FORMATS[dialect].usageFromBody(parsed);
}
