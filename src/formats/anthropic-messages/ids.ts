import { randomBytes } from 'node:crypto';

function randomId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}

/** `msg_` + the upstream completion's id, so the two can be matched in logs; a fresh id when there is none. */
export function messageIdFromChat(chatId: unknown): string {
  if (typeof chatId !== 'string' || chatId === '') return randomId('msg_');
  return chatId.startsWith('msg_') ? chatId : `msg_${chatId}`;
}

/**
 * The upstream's tool call id, unchanged: the client sends it back as `tool_use_id` and it goes to
 * the same provider, whose templates may expect its own format. A fresh `toolu_` id when it is
 * missing or was already given to another call of this message (the client must answer each call
 * under its own id). `used` collects the ids given out.
 */
export function toolUseId(upstreamId: unknown, used: Set<string>): string {
  const fresh = typeof upstreamId === 'string' && upstreamId !== '' && !used.has(upstreamId);
  const id = fresh ? upstreamId : randomId('toolu_');
  used.add(id);
  return id;
}
