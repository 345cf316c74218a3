import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { UpstreamLimits } from '../config/schema.js';
import { FORMATS, kindOfStatus, SseByteParser, type WireFormat } from '../formats/index.js';
import type { ResponseContext } from '../formats/translation.js';
import type { TokenUsage } from '../usage/tokens.js';
import type { Bridge } from './bridges.js';
import { GatewayError, sendError } from './errors.js';
import { errorHeadersForClient } from './headers.js';
import type { RelayOutcome } from './outcome.js';
import { write } from './pipe.js';
import { parseQuietly, readAll, upstreamErrorFields } from './read-all.js';
import { clientBytes } from './redact.js';
import { finishStream } from './relay-passthrough.js';
import { upstreamFailure } from './upstream.js';

export interface TranslatedRelay {
  body: Readable;
  status: number;
  /** Headers for the client (upstream's, filtered, plus ekai's). */
  headers: OutgoingHttpHeaders;
  isStream: boolean;
  response: ServerResponse;
  /** The provider, as failures name it. */
  provider: string;
  bridge: Bridge;
  context: ResponseContext;
  clientFormat: WireFormat;
  upstreamFormat: WireFormat;
  limits: UpstreamLimits;
  /** The key the provider was sent: redacted should it echo it. */
  apiKey?: string | undefined;
}

/** Relay a provider's answer in the client's wire format: error, stream (event by event) or JSON. */
export async function relayTranslated(relay: TranslatedRelay): Promise<RelayOutcome> {
  if (relay.status >= 400) return relayUpstreamError(relay);
  if (relay.isStream) return relayTranslatedStream(relay);
  return relayTranslatedJson(relay);
}

/** An upstream error, before any byte went out: same status, the client's error shape. */
async function relayUpstreamError({
  body,
  status,
  headers,
  response,
  clientFormat,
  upstreamFormat,
}: TranslatedRelay): Promise<RelayOutcome> {
  const { message, ...fields } = upstreamErrorFields(
    parseQuietly((await readAll(body)).toString('utf8')),
    status,
  );
  const error = new GatewayError(kindOfStatus(status), message, {
    status,
    // The upstream's code, type and param reach the client where its format has them (sendError).
    upstream: { format: upstreamFormat, ...fields },
    // So do its retry timing, rate limits and request id.
    headers: errorHeadersForClient(headers),
  });
  sendError(response, clientFormat, error);
  return { error: `${error.kind}: ${message}` };
}

/** Translate the stream event by event as it arrives: nothing is held back longer than one event. */
async function relayTranslatedStream(relay: TranslatedRelay): Promise<RelayOutcome> {
  const { body, response, bridge, context, clientFormat } = relay;
  let firstByteAt: number | undefined;
  // The translation's reader is the stream's tap: each upstream event is parsed once, for both.
  const translator = bridge.stream(context);
  const tap = translator.tap;
  let pending = '';
  const parser = new SseByteParser(
    (event) => {
      pending += translator.push(event);
    },
    { maxLineLength: relay.limits.maxSseLineBytes },
  );
  response.writeHead(relay.status, { ...relay.headers, 'content-type': 'text/event-stream; charset=utf-8' });
  let failure: GatewayError | undefined;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      parser.write(chunk);
      if (!pending) continue;
      const out = pending;
      pending = '';
      firstByteAt ??= performance.now();
      await write(response, clientBytes(out, relay.apiKey));
    }
    parser.end();
  } catch (error) {
    failure = response.destroyed ? undefined : upstreamFailure(error, relay.provider);
  }
  if (pending && !response.destroyed) await write(response, clientBytes(pending, relay.apiKey));
  // The translator closes the client's stream (blocks, stop reason, usage, end marker) only when
  // the upstream stream ended properly; otherwise finishStream sends an in-stream error instead.
  const clean = !failure && (tap.complete || tap.error !== undefined);
  const outcome = finishStream(
    response,
    clientFormat,
    tap,
    failure,
    clean && !tap.error ? translator.finish() : '',
    translator.fail,
  );
  return { ...outcome, firstByteAt };
}

/**
 * A whole JSON answer: converted once complete (it is small; only streams must never be held),
 * read up to the upstream body limit: beyond it (a runaway answer, a gzip bomb) a 502.
 */
async function relayTranslatedJson(relay: TranslatedRelay): Promise<RelayOutcome> {
  const { response, bridge, context, upstreamFormat, provider } = relay;
  let whole: Buffer;
  try {
    whole = await readAll(relay.body, relay.limits.maxUpstreamBodyBytes);
  } catch (error) {
    throw upstreamFailure(error, provider);
  }
  const parsed = parseQuietly(whole.toString('utf8'));
  const usage = FORMATS[upstreamFormat].usageFromBody(parsed);
  if (parsed === undefined) throw new GatewayError('bad_gateway', `${provider}: answer is not valid JSON`);
  const text = JSON.stringify(convertResponse(bridge, parsed, context, provider, usage));
  const firstByteAt = performance.now();
  response.writeHead(relay.status, {
    ...relay.headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(clientBytes(text, relay.apiKey));
  return { usage, firstByteAt };
}

/** An upstream answer the converter cannot read is the provider's fault: 502, not a crash. */
function convertResponse(
  bridge: Bridge,
  parsed: unknown,
  context: ResponseContext,
  provider: string,
  usage: TokenUsage | undefined,
): object {
  try {
    return bridge.response(parsed, context);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // The provider billed the answer: the record keeps its usage.
    throw new GatewayError('bad_gateway', `${provider}: answer could not be translated: ${reason}`, {
      usage,
    });
  }
}
