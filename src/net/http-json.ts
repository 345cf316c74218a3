import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/**
 * Answer with `body` as JSON, its length given. `headers` add to the defaults and win over them
 * (the dashboard adds its security headers and a charset). The gateway's own routes and the
 * dashboard's API both answer through this one function. Node sends no body to a HEAD request.
 */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}
