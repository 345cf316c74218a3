import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopbackHostHeader } from '../net/loopback.js';
import type { UsageReader } from '../storage/usage-reader.js';
import type { DashboardAccess } from './access.js';
import { handleInfo, handleRequests, handleSummary, sendApiFailure } from './api-routes.js';
import type { EventStreamHub } from './event-stream.js';
import { SECURITY_HEADERS, sendBody, sendJsonError, sendText } from './http.js';
import type { Asset } from './static-assets.js';

export interface RouterContext {
  reader: UsageReader;
  assets: Map<string, Asset>;
  events: EventStreamHub;
  /** Set when requests need a key (beyond loopback with gateway keys, or `requireKey`). */
  access: DashboardAccess | undefined;
  /** Bound to loopback: only loopback Host headers are answered. */
  loopbackOnly: boolean;
  gatewayUrl: string | undefined;
}

const API: Record<
  string,
  (query: URLSearchParams, response: ServerResponse, context: RouterContext) => void | Promise<void>
> = {
  '/api/summary': (query, response, context) => handleSummary(query, response, context.reader),
  '/api/requests': (query, response, context) => handleRequests(query, response, context.reader),
  '/api/info': (_query, response, context) => handleInfo(response, context.gatewayUrl),
};

export function route(request: IncomingMessage, response: ServerResponse, context: RouterContext) {
  const url = new URL(request.url ?? '/', 'http://dashboard.invalid');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return sendText(response, 405, 'the dashboard is read-only: use GET\n', { allow: 'GET, HEAD' });
  }
  if (context.loopbackOnly && !isLoopbackHostHeader(request.headers.host)) {
    return sendText(response, 403, 'this dashboard answers only to 127.0.0.1 / localhost\n');
  }
  if (context.access && !admitted(request, response, url, context.access)) return;
  const api = API[url.pathname];
  if (api) {
    // Handlers throw synchronously (bad query) or reject (the database); both are answered here.
    return void Promise.resolve()
      .then(() => api(url.searchParams, response, context))
      .catch((error: unknown) => {
        if (response.headersSent) response.destroy();
        else sendApiFailure(response, error);
      });
  }
  if (url.pathname === '/api/events') return context.events.open(request, response);
  const asset = context.assets.get(url.pathname);
  if (asset) return sendAsset(request, response, asset);
  if (url.pathname.startsWith('/api/')) return sendJsonError(response, 404, 'not_found', 'no such API route');
  sendText(response, 404, 'not found\n');
}

/**
 * Lets the request through when it carries a key or the session cookie. `?key=` trades a valid key
 * for the cookie; on a page load it also redirects to the same address without the key, so the key
 * does not stay in the address bar or the history. Answers (and returns false) otherwise.
 */
function admitted(request: IncomingMessage, response: ServerResponse, url: URL, access: DashboardAccess) {
  const key = url.searchParams.get('key');
  if (key !== null && access.isValidKey(key)) {
    url.searchParams.delete('key');
    if (url.pathname.startsWith('/api/')) {
      response.setHeader('set-cookie', access.sessionCookie());
      return true;
    }
    sendText(response, 303, 'signed in\n', {
      'set-cookie': access.sessionCookie(),
      location: `${url.pathname}${url.search}`,
    });
    return false;
  }
  if (key === null && access.admits(request)) return true;
  const hint = 'this dashboard needs a gateway key: open it once as /?key=YOUR_KEY';
  if (url.pathname.startsWith('/api/')) sendJsonError(response, 401, 'unauthorized', hint);
  else sendText(response, 401, `${hint}\n`, { 'www-authenticate': 'Bearer' });
  return false;
}

function sendAsset(request: IncomingMessage, response: ServerResponse, asset: Asset): void {
  // `no-cache` (revalidate each time) keeps a page open across an upgrade consistent; the ETag
  // keeps the revalidation to a 304 on loopback.
  const headers = { 'content-type': asset.type, 'cache-control': 'no-cache', etag: asset.etag };
  if (request.headers['if-none-match'] === asset.etag) {
    response.writeHead(304, { ...SECURITY_HEADERS, ...headers });
    response.end();
    return;
  }
  sendBody(response, 200, asset.body, headers);
}
