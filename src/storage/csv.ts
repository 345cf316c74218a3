import type { UsageRecordRow } from './usage-reader.js';

const FIELDS: ReadonlyArray<[header: string, value: (row: UsageRecordRow) => string | number | null]> = [
  ['id', (row) => row.id],
  ['ts', (row) => new Date(row.ts).toISOString()],
  ['client_dialect', (row) => row.client_dialect],
  ['client_name', (row) => row.client_name],
  ['endpoint', (row) => row.endpoint],
  ['requested_model', (row) => row.requested_model],
  ['model', (row) => row.model],
  ['provider', (row) => row.provider],
  ['upstream_model', (row) => row.upstream_model],
  ['stream', (row) => (row.stream ? 'true' : 'false')],
  ['status', (row) => row.status],
  ['outcome', (row) => row.outcome],
  [
    'attempts',
    (row) => (JSON.parse(row.attempts) as Array<{ provider: string }>).map((a) => a.provider).join('>'),
  ],
  ['input_tokens', (row) => row.input_tokens],
  ['output_tokens', (row) => row.output_tokens],
  ['cache_read_tokens', (row) => row.cache_read_tokens],
  ['cache_write_tokens', (row) => row.cache_write_tokens],
  ['reasoning_tokens', (row) => row.reasoning_tokens],
  ['cost_usd', (row) => row.cost_usd],
  ['latency_ms', (row) => row.latency_ms],
  ['ttfb_ms', (row) => row.ttfb_ms],
  ['tag', (row) => row.tag],
  ['error_message', (row) => row.error_message],
];

export const CSV_HEADER = `${FIELDS.map(([header]) => header).join(',')}\n`;

/** One record as a CSV line (RFC 4180 quoting); unknown values are empty cells. */
export function csvLine(row: UsageRecordRow): string {
  return `${FIELDS.map(([, value]) => csvCell(value(row))).join(',')}\n`;
}

/**
 * A spreadsheet runs a cell starting with one of these as a formula (`=cmd|' /C calc'!A0`); tags,
 * model names and client names come from clients, so such text cells get a leading `'` (OWASP's
 * advice), and are always quoted. Numbers are ours and stay numbers (a negative one is not text).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'string' && FORMULA_START.test(value)) return quoted(`'${value}`);
  const text = String(value);
  return /[",\n\r]/.test(text) ? quoted(text) : text;
}

function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}
