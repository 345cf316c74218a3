import { createHash } from 'node:crypto';

/** OpenAI refuses longer tool call ids (ids minted by other providers or gateways can be longer). */
const MAX_TOOL_CALL_ID_LENGTH = 40;

/**
 * The id of a past tool call as Chat takes it (both Chat request converters). It only has to match
 * between the assistant's `tool_calls` and the `tool` message of the same request, so a long id is
 * replaced by a hash of it: the same in both places, and no map is needed. A value that is not a
 * string (the client's JSON) is left for the provider to refuse.
 */
export function chatToolCallId(id: string): string {
  if (typeof id !== 'string' || id.length <= MAX_TOOL_CALL_ID_LENGTH) return id;
  return `call_${createHash('sha256').update(id).digest('hex').slice(0, 32)}`;
}
