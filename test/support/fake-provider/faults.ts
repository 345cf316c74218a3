/**
 * Writes responses and applies faults while doing so. Every wait is tied to the exchange's abort
 * signal (client gone or fake closing), so no timer outlives `fake.close()`.
 */
import { gzipSync } from 'node:zlib';
import type { DialectWriter } from './render.js';
import type { Frame } from './sse.js';
import type { Fault } from './types.js';

/** One request/response pair as the writers see it; implemented in exchange.ts. */
export interface Exchange {
  readonly signal: AbortSignal;
  readonly acceptsGzip: boolean;
  readonly compressByDefault: boolean;
  writeHead(status: number, headers: Record<string, string>): void;
  /** Resolves once the chunk is handed to the socket; rejects when the exchange is aborted. */
  write(chunk: Buffer): Promise<void>;
  /** Records body text (pre-gzip) for `RecordedRequest.responseText`. */
  recordBody(text: string): void;
  end(): void;
  /** Marks the record as reset and destroys the socket: with a TCP RST, or closing it mid-body. */
  reset(how: 'rst' | 'close'): void;
}

type StopAction = 'reset' | 'hang' | 'midStreamError' | 'truncate';

interface Stop {
  action: StopAction;
  after: number;
}

/** Which mid-stream fault fires, and after how many frames (reset > hang > error > truncate). */
function stopOf(fault: Fault): Stop | undefined {
  if (fault.reset === 'mid-stream') return { action: 'reset', after: fault.afterChunks ?? 1 };
  if (fault.hang === 'mid-stream') return { action: 'hang', after: fault.afterChunks ?? 1 };
  if (fault.midStreamError) return { action: 'midStreamError', after: fault.midStreamError.afterChunks };
  if (fault.truncate) return { action: 'truncate', after: fault.truncate.afterChunks };
  return undefined;
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Parks until the client aborts or the fake closes; then rejects like any aborted wait. */
export function waitForAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

async function writeText(exchange: Exchange, text: string, fault: Fault): Promise<void> {
  exchange.recordBody(text);
  await writeBytes(exchange, Buffer.from(text), fault);
}

async function writeBytes(exchange: Exchange, bytes: Buffer, fault: Fault): Promise<void> {
  if (!(fault.splitFrames || fault.writeBytewise)) return exchange.write(bytes);
  for (let i = 0; i < bytes.length; i += 1) await exchange.write(bytes.subarray(i, i + 1));
}

/** Handles the faults that act before any byte; true when the exchange is settled. */
export async function applyBeforeResponse(exchange: Exchange, fault: Fault | undefined): Promise<boolean> {
  if (fault?.firstByteDelayMs) await sleep(fault.firstByteDelayMs, exchange.signal);
  if (fault?.reset === 'before-response') {
    exchange.reset('rst');
    return true;
  }
  if (fault?.hang === 'before-response') await waitForAbort(exchange.signal);
  return false;
}

/**
 * A JSON response. Mid-stream faults cut the body in half: reset and hang after the first half,
 * truncate ends cleanly there (the client then holds invalid JSON).
 */
export async function sendJson(
  exchange: Exchange,
  status: number,
  body: unknown,
  headers: Record<string, string>,
  fault: Fault = {},
): Promise<void> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const stop = stopOf(fault);
  const cut = stop && stop.action !== 'midStreamError' ? stop.action : undefined;
  const gzip = exchange.acceptsGzip && (fault.compress === true || exchange.compressByDefault);
  const sentText = cut ? text.slice(0, Math.floor(text.length / 2)) : text;
  const bytes = gzip ? gzipSync(text) : Buffer.from(text);
  const payload = cut ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes;
  exchange.writeHead(status, {
    'content-type': 'application/json',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    ...(cut ? {} : { 'content-length': String(payload.length) }),
    ...headers,
  });
  exchange.recordBody(sentText);
  await writeBytes(exchange, payload, fault);
  if (cut === 'reset') return exchange.reset('close');
  if (cut === 'hang') await waitForAbort(exchange.signal);
  exchange.end();
}

/** An SSE response, frame by frame, with the stream faults applied. */
export async function sendStream(
  exchange: Exchange,
  headers: Record<string, string>,
  frames: readonly Frame[],
  writer: DialectWriter,
  fault: Fault = {},
): Promise<void> {
  exchange.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    ...headers,
  });
  const stop = stopOf(fault);
  const invalidAt = fault.invalidJsonFrame?.afterChunks;
  let sent = 0;
  let wrote = false;
  let invalidSent = false;
  const emit = async (frame: Frame): Promise<void> => {
    if (wrote && fault.chunkDelayMs) await sleep(fault.chunkDelayMs, exchange.signal);
    wrote = true;
    await writeText(exchange, frame.text, fault);
  };
  const emitInvalidIfDue = async (): Promise<void> => {
    if (invalidAt === undefined || invalidSent || sent < invalidAt) return;
    invalidSent = true;
    await emit(writer.invalidFrame());
  };

  for (const frame of frames) {
    if (!frame.comment) {
      if (stop && sent >= stop.after) break;
      if (fault.truncate && frame.terminal) break;
      await emitInvalidIfDue();
    }
    await emit(frame);
    if (!frame.comment) sent += 1;
  }
  await emitInvalidIfDue();
  switch (stop?.action) {
    case 'reset':
      return exchange.reset('close');
    case 'hang':
      await waitForAbort(exchange.signal);
      break;
    case 'midStreamError':
      await emit(writer.midStreamError(fault.midStreamError ?? {}, sent));
      break;
    default:
      break;
  }
  exchange.end();
}
