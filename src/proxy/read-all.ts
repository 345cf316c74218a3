import type { Readable } from 'node:stream';
import { isRecord } from '../formats/usage.js';

/** Collect a whole (non-streaming, bounded by the provider) body. */
export async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
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
