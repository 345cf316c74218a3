import type { Warn } from '../openai-chat/request-notes.js';
import { isRecord } from '../usage.js';
import { carriedSummaryOf, compactionPromptMessage, summaryMessage } from './compaction.js';
import type { ResponsesInputItem, ResponsesRequest } from './wire.js';

export interface CompactionInput {
  /** The request with compaction items and the trigger replaced (the same object when it has neither). */
  body: ResponsesRequest;
  /** Whether the request asks for a compaction: its answer is one compaction item (compaction.ts). */
  compaction: boolean;
}

/**
 * A Responses request's compaction items, for a provider that has no compaction of its own (the
 * Chat and Messages converters call this before anything else reads the input):
 * - a final `compaction_trigger` ("Compacts the current context. Must be the final input item")
 *   becomes Codex's own summarising request: the history as it is, then its checkpoint prompt as a
 *   user message, with `tool_choice: "none"` (the tools stay declared, since the history calls
 *   them, but the answer must be the summary);
 * - a `compaction` item in ekai's envelope becomes the summary it carries, as the user message
 *   Codex's local compaction writes, where the item stands;
 * - a compaction item someone else encrypted (OpenAI's) is dropped, with a note: only its maker can
 *   read it, and what it summarised is lost to this provider.
 * A trigger anywhere else is left for the converter, which drops it with its note.
 * @see https://developers.openai.com/api/docs/guides/compaction
 * @see https://github.com/openai/codex/blob/main/codex-rs/core/src/compact_remote_v2.rs
 */
export function compactionInputFrom(body: ResponsesRequest, warn: Warn): CompactionInput {
  const { input } = body;
  if (!Array.isArray(input)) return { body, compaction: false };
  const last: unknown = input.at(-1);
  const compaction = isRecord(last) && last.type === 'compaction_trigger';
  if (!compaction && !input.some(isCompactionItem)) return { body, compaction: false };
  let unreadable = 0;
  const items = (compaction ? input.slice(0, -1) : input).flatMap((item): ResponsesInputItem[] => {
    if (!isCompactionItem(item)) return [item];
    const carried = carriedSummaryOf(item.encrypted_content);
    if (carried) return [summaryMessage(carried.summary)];
    unreadable++;
    return [];
  });
  if (unreadable > 0)
    warn(
      `${unreadable} compaction item(s) dropped from the input: another provider's (only OpenAI reads OpenAI's) or damaged; what they summarised is not sent`,
    );
  if (!compaction) return { body: { ...body, input: items }, compaction };
  return { body: { ...body, input: [...items, compactionPromptMessage()], tool_choice: 'none' }, compaction };
}

function isCompactionItem(item: unknown): item is Record<string, unknown> {
  return isRecord(item) && item.type === 'compaction';
}
