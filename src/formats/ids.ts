import { randomBytes } from 'node:crypto';

/** `prefix` + 24 hex digits, as the providers' own ids look (`msg_…`, `toolu_…`, `fc_…`, `rs_…`). */
export function randomId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}

/**
 * The upstream's id under the client format's prefix (`msg_` + a Chat completion id, `resp_` + a
 * message id), so the two can be matched in logs; a fresh id when there is none.
 */
export function prefixedId(upstreamId: unknown, prefix: string): string {
  if (typeof upstreamId !== 'string' || upstreamId === '') return randomId(prefix);
  return upstreamId.startsWith(prefix) ? upstreamId : `${prefix}${upstreamId}`;
}

/**
 * A tool call's id for the client: the upstream's, unchanged (the client sends it back and it goes to
 * the same provider, whose templates may expect its own format), or a fresh `prefix` id when it is
 * missing or was already given to another call of this answer (each call must be answered under its
 * own id). `used` collects the ids given out.
 */
export function uniqueCallId(upstreamId: unknown, used: Set<string>, prefix: string): string {
  const fresh = typeof upstreamId === 'string' && upstreamId !== '' && !used.has(upstreamId);
  const id = fresh ? upstreamId : randomId(prefix);
  used.add(id);
  return id;
}

export function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
