import { randomBytes } from 'node:crypto';

/** `prefix` + 24 hex digits, as OpenAI's own ids look (`msg_…`, `fc_…`, `rs_…`). */
export function randomId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}

/** `resp_` + the upstream message or completion id, so the two can be matched in logs; fresh without one. */
export function responseIdFrom(upstreamId: unknown): string {
  if (typeof upstreamId !== 'string' || upstreamId === '') return randomId('resp_');
  return upstreamId.startsWith('resp_') ? upstreamId : `resp_${upstreamId}`;
}

/**
 * The `call_id` the client answers with `function_call_output`: the upstream's tool call id,
 * unchanged (it goes back to the same provider), or a fresh `call_` id when it is missing or was
 * already given to another call of this response. `used` collects the ids given out.
 */
export function callIdFrom(upstreamId: unknown, used: Set<string>): string {
  const fresh = typeof upstreamId === 'string' && upstreamId !== '' && !used.has(upstreamId);
  const id = fresh ? upstreamId : randomId('call_');
  used.add(id);
  return id;
}

export function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
