import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { WireFormat } from '../wire.js';

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

/**
 * Client headers that identify a user, session, installation or the client's own runtime: for the
 * vendor whose client sent them, never for another (TRANSLATION.md, "What real clients send").
 * Claude Code: `x-claude-code-session-id` / `-agent-id`, `x-app`, the Anthropic SDK's `x-stainless-*`;
 * Codex: `session-id`, `thread-id`, `originator`, `x-codex-turn-metadata` (installation and session
 * ids), `x-codex-*`, ChatGPT's `chatgpt-account-id`; the OpenAI SDK's `x-stainless-*`.
 */
const CLIENT_IDENTITY = new Set([
  'session-id',
  'session_id',
  'thread-id',
  'conversation-id',
  'conversation_id',
  'originator',
  'x-app',
  'chatgpt-account-id',
]);
const CLIENT_IDENTITY_PREFIXES = ['x-stainless-', 'x-claude-code-', 'x-codex-'];

/** The vendor whose clients speak each wire format: Claude Code and Anthropic's SDKs, Codex and OpenAI's. */
const VENDOR_OF_CLIENT_FORMAT: Readonly<Record<WireFormat, string>> = {
  messages: 'anthropic',
  chat: 'openai',
  responses: 'openai',
};

/** Whether the provider is another vendor than the one whose client spoke `clientFormat` (Claude Code → OpenAI). */
export function isOtherVendor(clientFormat: WireFormat, provider: string): boolean {
  return VENDOR_OF_CLIENT_FORMAT[clientFormat] !== provider;
}

/**
 * The client's session, where its headers name one: Claude Code's `x-claude-code-session-id`,
 * Codex's `session-id`. Translated, it keeps one conversation on one prompt cache upstream.
 */
export function clientSession(headers: IncomingHttpHeaders): string | undefined {
  for (const name of ['x-claude-code-session-id', 'session-id']) {
    const value = headers[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

function identifiesClient(name: string): boolean {
  return CLIENT_IDENTITY.has(name) || CLIENT_IDENTITY_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/**
 * The client's headers that may travel upstream (minus anthropic-* for Chat and Responses
 * upstreams, minus the client's identity for another vendor: `otherVendor`, from `isOtherVendor`).
 */
export function forwardableRequestHeaders(
  headers: IncomingHttpHeaders,
  options: { keepAnthropicHeaders: boolean; otherVendor?: boolean },
): Record<string, string> {
  const listed = connectionListed(headers);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || NOT_FORWARDED.has(name) || listed.has(name)) continue;
    if (name.startsWith('x-ekai-')) continue;
    if (!options.keepAnthropicHeaders && name.startsWith('anthropic-')) continue;
    if (options.otherVendor && identifiesClient(name)) continue;
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
    if (PROVIDER_ACCOUNT_HEADERS.has(name)) continue;
    if (NOT_RETURNED.has(name) && !(options.keepLength && name === 'content-length')) continue;
    out[name] = value;
  }
  return out;
}

/*
 * Error paths. Everything below concerns the headers of an upstream's error answer that reach the
 * client, whichever way the answer goes (relayed as is, translated, held back for a fallback).
 */

/**
 * What a client acts on when a request fails: when and whether to retry (`retry-after`,
 * `retry-after-ms`, `x-should-retry`: the openai and Anthropic SDKs read all three, Claude Code and
 * Codex through them), its rate limits (`x-ratelimit-*`, OpenAI's; `anthropic-ratelimit-*`), and
 * the request id to quote to the provider's support (`x-request-id`, OpenAI's; `request-id`,
 * Anthropic's). Nothing else: an allowlist, so a header that tells about ekai's account with the
 * provider (its organization, its project) never reaches the client on these paths.
 * @see https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers
 * @see https://docs.anthropic.com/en/api/rate-limits#response-headers
 */
const ERROR_HEADERS = new Set([
  'retry-after',
  'retry-after-ms',
  'x-should-retry',
  'x-request-id',
  'request-id',
]);
const ERROR_HEADER_PREFIXES = ['x-ratelimit-', 'anthropic-ratelimit-'];

/** The headers of an upstream error answer that its client gets (see ERROR_HEADERS). */
export function errorHeadersForClient(
  headers: Record<string, string | string[] | number | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (!ERROR_HEADERS.has(lower) && !ERROR_HEADER_PREFIXES.some((prefix) => lower.startsWith(prefix)))
      continue;
    out[lower] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

const RETRY_TIMING = new Set(['retry-after', 'retry-after-ms']);

/**
 * An error retrying cannot mend (an account out of money, told as 403): no retry timing, and
 * `x-should-retry: false`, which the SDKs obey before looking at the status.
 */
export function withoutRetryHeaders(headers: Record<string, string>): Record<string, string> {
  const kept = Object.entries(headers).filter(
    ([name]) => !RETRY_TIMING.has(name) && name !== 'x-should-retry',
  );
  return { ...Object.fromEntries(kept), 'x-should-retry': 'false' };
}

/**
 * Response headers that name ekai's own account with the provider (OpenAI's organization and
 * project, Anthropic's organization id): never returned to a client, on any path.
 */
export const PROVIDER_ACCOUNT_HEADERS: ReadonlySet<string> = new Set([
  'openai-organization',
  'openai-project',
  'anthropic-organization-id',
]);
