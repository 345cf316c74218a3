import type { Readable } from 'node:stream';
import { isRecord } from '../formats/usage.js';

/** An upstream body beyond `limits.maxUpstreamBodyBytes` (counted decompressed). */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(readonly limit: number) {
    super(`the answer is larger than ${limit} bytes`);
  }
}

/**
 * Collect a whole (non-streaming) body, at most `maxBytes` of it: beyond, the body is destroyed
 * (with the upstream connection and any decompressor, so a gzip bomb stops inflating) and
 * BodyTooLargeError thrown.
 */
export async function readAll(body: Readable, maxBytes = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > maxBytes) throw new BodyTooLargeError(maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, length);
}

export function parseQuietly(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The message of an upstream error body in either dialect (both keep it at `error.message`). */
export function upstreamErrorMessage(body: unknown, status: number): string {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const message = typeof error?.message === 'string' ? error.message : `upstream answered ${status}`;
  return message.slice(0, 500);
}
