import type { IncomingHttpHeaders } from 'node:http';
import { isLoopback, isLoopbackHostHeader } from '../net/loopback.js';
import { GatewayError } from './errors.js';

/**
 * What keeps a web page in the user's browser from spending the provider keys (SPEC §9).
 *
 * - Blind CSRF: a page can POST a "simple" request (text/plain, form data, a Blob with no type)
 *   to 127.0.0.1 without any CORS preflight. It cannot read the answer, but the request would go
 *   upstream and cost money. Completion bodies must therefore be declared JSON, which a browser
 *   only sends cross-origin after a preflight, and the preflight is refused below.
 * - Cross-origin requests: browsers always send `Origin` on them (SDKs and CLIs never do), so a
 *   request with an `Origin` that is not in `allowedOrigins` is refused whatever its method.
 * - DNS rebinding: a page re-points its own hostname at 127.0.0.1 and becomes "same origin" with
 *   the gateway; its requests then carry that hostname in `Host`. Bound to loopback, the gateway
 *   answers only Host headers that name loopback.
 */
export interface BrowserPolicy {
  /** The address the gateway is bound to. */
  host: string;
  /** Origins (`scheme://host[:port]`) whose pages may use the gateway; empty by default. */
  allowedOrigins: readonly string[];
}

/** Why this request is refused before anything else is done with it, or undefined when it may go on. */
export function browserRefusal(
  headers: IncomingHttpHeaders,
  policy: BrowserPolicy,
): GatewayError | undefined {
  if (isLoopback(policy.host) && !isLoopbackHostHeader(headers.host)) {
    return new GatewayError(
      'permission',
      `this gateway is bound to ${policy.host} and answers only requests addressed to localhost, 127.x.y.z or [::1] (Host: ${quoted(headers.host)})`,
    );
  }
  const origin = headers.origin;
  if (origin !== undefined && !isAllowedOrigin(origin, policy.allowedOrigins)) {
    return new GatewayError(
      'permission',
      `requests from web pages are refused (Origin: ${quoted(origin)}); list the origin in allowedOrigins to let it through`,
    );
  }
  return undefined;
}

export function isAllowedOrigin(origin: string, allowed: readonly string[]): boolean {
  const wanted = normalizeOrigin(origin);
  return allowed.some((entry) => normalizeOrigin(entry) === wanted);
}

/** Origins compare case-insensitively and without a trailing slash, as browsers serialise them. */
function normalizeOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, '').toLowerCase();
}

/**
 * A POST body must be declared JSON: `application/json`, or any `+json` type, with parameters such
 * as `charset` allowed. A missing type is refused too (a browser sends none for an untyped Blob).
 */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(mediaType);
}

/** The 415 for a POST whose body is not declared JSON, or undefined when it is. */
export function jsonBodyRefusal(headers: IncomingHttpHeaders): GatewayError | undefined {
  const contentType = headers['content-type'];
  if (isJsonContentType(contentType)) return undefined;
  return new GatewayError(
    'invalid_request',
    `the request body must be JSON, sent with content-type: application/json (got ${contentType ? quoted(contentType) : 'no content-type'})`,
    { status: 415 },
  );
}

/**
 * Headers for a page whose origin is in `allowedOrigins`: its browser may then read the answers
 * and send the headers SDKs use. Never a wildcard, and only for listed origins.
 */
export function corsHeaders(origin: string, requestedHeaders: string | undefined): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST',
    'access-control-allow-headers': requestedHeaders ?? 'content-type, authorization, x-api-key',
    'access-control-expose-headers': 'x-ekai-provider, x-ekai-model, x-ekai-request-id, x-ekai-warnings',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

/** Header values echoed into an error message: short and printable. */
function quoted(value: string | undefined): string {
  return JSON.stringify((value ?? '').slice(0, 100));
}
