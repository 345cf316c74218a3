import type { ServerResponse } from 'node:http';
import { sendJson } from '../net/http-json.js';

/**
 * Sent on every dashboard response. The page needs nothing but its own origin: scripts, styles,
 * fetches and the event stream all come from here, so the policy is `'self'` everywhere (no inline
 * script or style; the charts set sizes through the CSSOM, which CSP allows). No CORS header is
 * ever sent: other origins cannot read the API.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export function sendBody(
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'cache-control': 'no-store',
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

/** The headers of every dashboard API answer (with net/http-json's `sendJson`): never cached. */
export const API_JSON_HEADERS: Readonly<Record<string, string>> = {
  ...SECURITY_HEADERS,
  'cache-control': 'no-store',
  'content-type': 'application/json; charset=utf-8',
};

/** API errors: `{error: {code, message}}`, the same shape for every route. */
export function sendJsonError(response: ServerResponse, status: number, code: string, message: string): void {
  sendJson(response, status, { error: { code, message } }, API_JSON_HEADERS);
}

export function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  sendBody(response, status, text, { 'content-type': 'text/plain; charset=utf-8', ...headers });
}
