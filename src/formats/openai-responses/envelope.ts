import { parseJson } from '../stream-tap.js';

/**
 * ekai's own content in a field a Responses client echoes back verbatim (`encrypted_content`):
 * a prefix naming what it is and its version, then the value as base64url JSON. Not encrypted:
 * what it holds the client was shown already (carried-reasoning.ts, compaction.ts).
 */
export function sealEnvelope(prefix: string, value: unknown): string {
  return prefix + Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Whether `encrypted` is an envelope with `prefix` (well-formed or not). */
export function isEnvelope(prefix: string, encrypted: unknown): encrypted is string {
  return typeof encrypted === 'string' && encrypted.startsWith(prefix);
}

/** The value an envelope with `prefix` holds; undefined for anything else or a damaged envelope. */
export function openEnvelope(prefix: string, encrypted: unknown): unknown {
  if (!isEnvelope(prefix, encrypted)) return undefined;
  return parseJson(Buffer.from(encrypted.slice(prefix.length), 'base64url').toString());
}
