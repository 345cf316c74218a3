import { prefixedId, uniqueCallId } from '../ids.js';

/** `msg_` + the upstream completion's id; a fresh id when there is none. */
export function messageIdFromChat(chatId: unknown): string {
  return prefixedId(chatId, 'msg_');
}

/** The upstream's tool call id, unchanged, or a fresh `toolu_` id (`uniqueCallId`). */
export function toolUseId(upstreamId: unknown, used: Set<string>): string {
  return uniqueCallId(upstreamId, used, 'toolu_');
}
