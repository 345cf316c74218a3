import type { IncomingMessage, ServerResponse } from 'node:http';
import { CSV_HEADER, csvLine } from '../storage/csv.js';
import { parseRange } from '../storage/range.js';
import type { UsageReader } from '../storage/usage-reader.js';
import { asGatewayError, GatewayError, sendError } from './errors.js';
import { sendJson } from './info-routes.js';
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
    await write(response, CSV_HEADER);
    for await (const row of reader.records(range)) await write(response, csvLine(row));
    response.end();
  } catch (error) {
    sendError(response, 'openai', asGatewayError(error));
  }
}
