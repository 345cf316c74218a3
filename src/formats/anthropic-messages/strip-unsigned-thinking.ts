import { isRecord } from '../usage.js';
import { UNSIGNED_THINKING_SIGNATURE } from './unsigned-thinking.js';

/**
 * Thinking blocks ekai made from a Chat provider's reasoning carry no genuine signature. Sent back
 * to a Messages provider they are a 400 (TRANSLATION.md bug 8: "unsigned thinking
 * replayed"), so they are dropped from the history; signed ones pass untouched. Returns the same
 * array when there is nothing to drop (the common case costs one scan, no copy).
 */
export function withoutUnsignedThinking(messages: unknown[]): { messages: unknown[]; dropped: number } {
  let dropped = 0;
  const cleaned = messages.map((message) => {
    if (!isRecord(message) || message.role !== 'assistant' || !Array.isArray(message.content)) return message;
    const kept = message.content.filter((block) => !isUnsignedThinking(block));
    if (kept.length === message.content.length) return message;
    dropped += message.content.length - kept.length;
    return { ...message, content: kept };
  });
  return dropped === 0 ? { messages, dropped } : { messages: cleaned, dropped };
}

function isUnsignedThinking(block: unknown): boolean {
  return isRecord(block) && block.type === 'thinking' && block.signature === UNSIGNED_THINKING_SIGNATURE;
}
