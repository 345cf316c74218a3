import type { IncomingMessage } from 'node:http';
import { GatewayError } from './errors.js';

/** Read the whole request body, refusing more than `limit` bytes with 413 as soon as it is exceeded. */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
}

function tooLarge(limit: number): GatewayError {
  // The unread rest of the body makes the connection unusable: ask the client to close it.
  return new GatewayError('request_too_large', `request body is larger than the limit of ${limit} bytes`, {
    headers: { connection: 'close' },
  });
}

/** The text a parsed body came from (not enumerable: serialising the body never includes it). */
export const RAW_TEXT: unique symbol = Symbol('ekai.rawText');

/** The JSON text of a body returned by parseJsonObject, if it was not copied since. */
export function rawTextOf(body: Record<string, unknown>): string | undefined {
  return (body as { [RAW_TEXT]?: string })[RAW_TEXT];
}

/** Parse a JSON object body, or a 400 that says what is wrong with it. */
export function parseJsonObject(raw: Buffer): Record<string, unknown> {
  let value: unknown;
  const text = raw.toString('utf8');
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new GatewayError('invalid_request', `request body is not valid JSON: ${reason}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GatewayError('invalid_request', 'request body must be a JSON object');
  }
  Object.defineProperty(value, RAW_TEXT, { value: text, enumerable: false });
  return value as Record<string, unknown>;
}
