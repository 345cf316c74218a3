import { prefixedId, uniqueCallId } from '../ids.js';

export { randomId, unixSeconds } from '../ids.js';

/** `resp_` + the upstream message or completion id; fresh without one. */
export function responseIdFrom(upstreamId: unknown): string {
  return prefixedId(upstreamId, 'resp_');
}

/**
 * The `call_id` the client answers with `function_call_output`: the upstream's tool call id,
 * unchanged, or a fresh `call_` id (`uniqueCallId`).
 */
export function callIdFrom(upstreamId: unknown, used: Set<string>): string {
  return uniqueCallId(upstreamId, used, 'call_');
}
