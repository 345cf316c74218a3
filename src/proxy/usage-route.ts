import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../net/http-json.js';
import { CSV_HEADER, csvLine } from '../storage/csv.js';
import { parseRange } from '../storage/range.js';
import type { UsageReader } from '../storage/usage-reader.js';
import { asGatewayError, GatewayError, sendError } from './errors.js';
import { write } from './pipe.js';

/** `GET /usage?since=24h|7d|30d|ISO&until=ISO[&format=csv]` (SPEC §5). */
export async function handleUsage(
  request: IncomingMessage,
  response: ServerResponse,
  reader: UsageReader | undefined,
) {
  try {
    if (!reader) throw new GatewayError('not_implemented', 'this gateway runs without a usage database');
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    const range = parseRange(query.get('since') ?? undefined, query.get('until') ?? undefined);
    if (query.get('format') !== 'csv') return sendJson(response, 200, await reader.summary(range));
    response.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="ekai-usage.csv"',
    });
    if (!(await write(response, CSV_HEADER))) return;
    // Leaving the loop early (the client went away) closes the database cursor.
    for await (const row of reader.records(range)) if (!(await write(response, csvLine(row)))) return;
    response.end();
  } catch (error) {
    // A failure mid-CSV cannot be told inside a text/csv body already sent with 200: cut the
    // connection, so the client sees a broken download instead of a complete-looking file.
    if (response.headersSent) response.destroy();
    else sendError(response, 'chat', asGatewayError(error));
  }
}
