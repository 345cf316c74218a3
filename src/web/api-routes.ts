import type { ServerResponse } from 'node:http';
import { sendJson } from '../net/http-json.js';
import { InvalidRangeError, isWithinBounds, MAX_RANGE_DAYS, parseRange } from '../storage/range.js';
import type { UsageReader } from '../storage/usage-reader.js';
import { API_JSON_HEADERS, sendJsonError } from './http.js';
import { requestsPage } from './requests-page.js';

/** A query parameter the API cannot use: answered 400 with its message. */
export class QueryError extends Error {
  override readonly name = 'QueryError';
  readonly code = 'invalid_query';
}

const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;

/** `GET /api/summary?since=24h|7d|30d|ISO[&until=ISO]`: exactly the gateway's `/usage` body. */
export async function handleSummary(
  query: URLSearchParams,
  response: ServerResponse,
  reader: UsageReader,
): Promise<void> {
  const range = parseRange(query.get('since') ?? undefined, query.get('until') ?? undefined);
  sendJson(response, 200, await reader.summary(range), API_JSON_HEADERS);
}

/**
 * `GET /api/requests?since=…&before=ISO|epoch-ms&limit=n`: the newest requests of the range older
 * than `before`, newest first, with the cursor for the next page.
 */
export async function handleRequests(
  query: URLSearchParams,
  response: ServerResponse,
  reader: UsageReader,
): Promise<void> {
  const now = Date.now();
  const range = parseRange(query.get('since') ?? undefined, undefined, new Date(now));
  const before = parseBefore(query.get('before'), now);
  const limit = parseLimit(query.get('limit'));
  sendJson(
    response,
    200,
    await requestsPage(reader, { since: range.since.getTime(), before, limit }),
    API_JSON_HEADERS,
  );
}

/** `GET /api/info`: what the empty state needs to tell a new user where to point their client. */
export function handleInfo(response: ServerResponse, gatewayUrl: string | undefined): void {
  sendJson(response, 200, { gateway_url: gatewayUrl ?? null }, API_JSON_HEADERS);
}

/** Maps what the handlers throw to a JSON error; nothing here may take the process down. */
export function sendApiFailure(response: ServerResponse, error: unknown) {
  if (error instanceof InvalidRangeError || error instanceof QueryError) {
    return sendJsonError(response, 400, error.code, error.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  sendJsonError(response, 500, 'internal_error', `usage database: ${message}`);
}

function parseBefore(text: string | null, now: number): number {
  if (text === null || text === '') return now + 1;
  const value = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (Number.isNaN(value)) {
    throw new QueryError(
      `before must be an ISO date/time or epoch milliseconds (got "${text.slice(0, 64)}")`,
    );
  }
  // An infinite or far-off cursor would make the page's doubling look-back search for ever.
  if (!isWithinBounds(value, now)) {
    throw new QueryError(
      `before must lie within ${MAX_RANGE_DAYS} days (10 years) of now (got "${text.slice(0, 64)}")`,
    );
  }
  return value;
}

function parseLimit(text: string | null): number {
  if (text === null || text === '') return DEFAULT_PAGE;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new QueryError(`limit must be a positive integer (got "${text}")`);
  }
  return Math.min(value, MAX_PAGE);
}
