import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/**
 * Hop-by-hop headers concern one connection only and are never forwarded (RFC 9110 §7.6.1),
 * together with any header the `connection` header names.
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * Client headers never sent upstream: the client's own credentials (SPEC §9: ekai uses its
 * configured keys), headers ekai sets itself, and ekai's own control headers. `expect` was answered
 * by the gateway itself (100-continue); undici refuses to send it, which once read as a provider failure.
 */
const NOT_FORWARDED = new Set([
  'host',
  'content-length',
  'expect',
  'authorization',
  'x-api-key',
  'cookie',
  'accept-encoding',
  'openai-organization',
  'openai-project',
]);

/** Upstream response headers not passed back: the body's framing is ekai's, and cookies are not for the client. */
const NOT_RETURNED = new Set(['content-length', 'content-encoding', 'set-cookie', 'date', 'server']);

/**
 * A provider's CORS headers (often `access-control-allow-origin: *`) would let any web page read the
 * gateway's answers: the gateway sets its own, for the origins in `allowedOrigins` only.
 */
const PROVIDER_CORS = 'access-control-';

const NONE: ReadonlySet<string> = new Set();

/** Header names the `connection` header lists (besides its usual keep-alive / close, which are hop-by-hop anyway). */
function connectionListed(
  headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>,
): ReadonlySet<string> {
  const value = headers.connection;
  if (value === undefined || value === 'keep-alive' || value === 'close') return NONE;
  const list = Array.isArray(value) ? value.join(',') : value;
  return new Set(
    list
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
}

/** The client's headers that may travel upstream (minus anthropic-* for Chat and Responses upstreams). */
export function forwardableRequestHeaders(
  headers: IncomingHttpHeaders,
  options: { keepAnthropicHeaders: boolean },
): Record<string, string> {
  const listed = connectionListed(headers);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || NOT_FORWARDED.has(name) || listed.has(name)) continue;
    if (name.startsWith('x-ekai-')) continue;
    if (!options.keepAnthropicHeaders && name.startsWith('anthropic-')) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Upstream response headers for the client. */
export function returnableResponseHeaders(
  headers: Record<string, string | string[] | undefined>,
  options: { keepLength: boolean },
): OutgoingHttpHeaders {
  const listed = connectionListed(headers);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name)) continue;
    if (name.startsWith(PROVIDER_CORS)) continue;
    if (NOT_RETURNED.has(name) && !(options.keepLength && name === 'content-length')) continue;
    out[name] = value;
  }
  return out;
}
