import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError } from './errors.js';

/** The credential a client presented: `x-api-key`, or an `Authorization: Bearer` token. */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey !== '') return apiKey;
  const match = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
  return match?.[1]?.trim() || undefined;
}

/**
 * Whether `presented` is one of `keys`, in time independent of where they differ: both sides are
 * hashed to equal length first, then compared with timingSafeEqual, and every key is compared.
 */
export function isGatewayKey(presented: string | undefined, keys: readonly string[]): boolean {
  if (presented === undefined) return false;
  const digest = sha256(presented);
  let found = false;
  for (const key of keys) found = timingSafeEqual(digest, sha256(key)) || found;
  return found;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * Why a request without a valid gateway key is refused (the same answer on HTTP and on a
 * WebSocket upgrade), or undefined when no keys are configured or one of them was presented.
 */
export function keyRefusal(headers: IncomingHttpHeaders, keys: readonly string[]): GatewayError | undefined {
  if (keys.length === 0 || isGatewayKey(presentedKey(headers), keys)) return undefined;
  return new GatewayError(
    'authentication',
    'a gateway key is required: send one of the configured gatewayKeys as x-api-key or Authorization: Bearer',
  );
}
