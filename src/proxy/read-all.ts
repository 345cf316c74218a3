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

/** What an upstream error body says, each part as its own field (undici style), not only as text. */
export interface UpstreamErrorFields {
  /** At most 500 characters; `upstream answered <status>` when the body has none. */
  message: string;
  /** OpenAI's `error.code` (`context_length_exceeded`, `insufficient_quota`, …), or a Responses failure's. */
  code?: string;
  /** `error.type`: OpenAI's (`invalid_request_error`, …) or Anthropic's (`overloaded_error`, …). */
  type?: string;
  /** OpenAI's `error.param`: the request field at fault. */
  param?: string;
}

/**
 * The fields of an upstream error body, in any of the wire formats:
 * - OpenAI (Chat and Responses): `{"error":{"message","type","param","code"}}`
 *   (https://platform.openai.com/docs/guides/error-codes)
 * - Anthropic: `{"type":"error","error":{"type","message"}}` (https://docs.anthropic.com/en/api/errors)
 * - a Responses stream's `response.failed` event, `{"type":"response.failed","response":{"error":{"code","message"}}}`,
 *   and its `error` event, `{"type":"error","code","message","param"}`.
 * Only string values are kept: OpenRouter's numeric `code` repeats the HTTP status.
 */
export function upstreamErrorFields(body: unknown, status: number): UpstreamErrorFields {
  const error = errorObjectOf(body);
  const text = (key: string) => (typeof error?.[key] === 'string' ? (error[key] as string) : undefined);
  const code = text('code');
  const type = text('type');
  const param = text('param');
  return {
    message: (text('message') ?? `upstream answered ${status}`).slice(0, 500),
    ...(code !== undefined && { code }),
    ...(type !== undefined && { type }),
    ...(param !== undefined && { param }),
  };
}

function errorObjectOf(body: unknown): Record<string, unknown> | undefined {
  if (!isRecord(body)) return undefined;
  if (isRecord(body.error)) return body.error;
  if (body.type === 'response.failed' && isRecord(body.response) && isRecord(body.response.error))
    return body.response.error;
  if (body.type === 'error') {
    // The Responses stream's error event carries its fields at the top, next to its own `type`.
    const { type: _event, sequence_number: _sequence, ...fields } = body;
    return fields;
  }
  return undefined;
}

/** The message of an upstream error body in any wire format (see upstreamErrorFields). */
export function upstreamErrorMessage(body: unknown, status: number): string {
  return upstreamErrorFields(body, status).message;
}
