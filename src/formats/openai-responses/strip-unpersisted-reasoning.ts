import { isRecord } from '../usage.js';
import { isCarriedReasoning } from './carried-reasoning.js';
import { carriedSummaryOf, isEkaiCompaction, summaryMessage } from './compaction.js';

/**
 * Reasoning items a Responses provider cannot resolve, dropped from a request on the native path
 * (each an error that would repeat on every later turn of the session):
 * - `unpersisted`: without `encrypted_content` under `store: false`, nothing is kept server-side to
 *   look the item up by: OpenAI's 404 "Items are not persisted when `store` is set to false". ekai's
 *   translated answers make such items (`rs_…` with a summary only, from another provider's
 *   reasoning); a Codex session that moves to an OpenAI model (`/model`, a fallback) carries them;
 * - `foreign`: encrypted content another maker wrote. Only its maker can read it: Claude's thinking
 *   in ekai's envelope (carried-reasoning.ts) is for the Claude model that wrote it; OpenAI refuses
 *   xAI's ("The encrypted content for item … could not be verified", `invalid_encrypted_content`)
 *   and xAI OpenAI's ("Could not decrypt the provided encrypted_content").
 * Dropping loses the reasoning's benefit for that turn, never the conversation.
 *
 * Compaction items ekai wrote (compaction.ts: a summary a translated model made, in ekai's envelope)
 * are no provider's to read either, and they stand for the whole history before them: each is sent
 * as the summary it carries, the user message Codex's local compaction writes (`compactions`), so a
 * session compacted on Claude goes on with its history on an OpenAI model.
 * @see https://platform.openai.com/docs/guides/reasoning#keeping-reasoning-items-in-context
 * @see https://github.com/Wei-Shaw/sub2api/issues/4535 (xAI), https://github.com/NousResearch/hermes-agent/pull/32062 (OpenAI)
 */

/**
 * OpenAI's encrypted content is a Fernet token (version byte 0x80 and a 64-bit timestamp: `gAAAAA…`
 * in every public report); no other Responses provider's is known to be.
 */
const FERNET = /^gAAAAA/;

/** Whose encrypted reasoning each provider (by profile) reads; the others read whatever they get. */
const READS: Readonly<Record<string, (encrypted: string) => boolean>> = {
  openai: (encrypted) => FERNET.test(encrypted),
  xai: (encrypted) => !FERNET.test(encrypted),
};

/**
 * xAI takes a reasoning item back only as it returned it (type, id, summary, encrypted content):
 * Codex adds `content: null`, which xAI refuses with "Could not decode the compaction blob".
 * @see https://github.com/chenyme/grok2api/pull/689
 */
const AS_RETURNED: Readonly<Record<string, readonly string[]>> = {
  xai: ['type', 'id', 'summary', 'encrypted_content'],
};

export interface ReasoningCleanup {
  input: unknown;
  unpersisted: number;
  foreign: number;
  /** ekai's compaction items sent as their summary (a damaged one is dropped, and counted here too). */
  compactions: number;
}

/** The input without what `provider` (a profile name) cannot resolve; the same array when nothing changes. */
export function withoutUnresolvableReasoning(
  body: Record<string, unknown>,
  provider: string,
): ReasoningCleanup {
  const { input } = body;
  const counts = { unpersisted: 0, foreign: 0, compactions: 0 };
  if (!Array.isArray(input)) return { input, ...counts };
  const stateless = body.store === false;
  const reads = READS[provider] ?? (() => true);
  const keys = AS_RETURNED[provider];
  let changed = false;
  const kept = input.flatMap((item) => {
    if (isRecord(item) && item.type === 'compaction' && isEkaiCompaction(item.encrypted_content)) {
      counts.compactions++;
      changed = true;
      const carried = carriedSummaryOf(item.encrypted_content);
      return carried ? [summaryMessage(carried.summary)] : [];
    }
    if (!isRecord(item) || item.type !== 'reasoning') return [item];
    const encrypted = item.encrypted_content;
    const reason =
      typeof encrypted === 'string'
        ? isCarriedReasoning(encrypted) || !reads(encrypted)
          ? 'foreign'
          : undefined
        : stateless
          ? 'unpersisted'
          : undefined;
    if (reason) {
      counts[reason]++;
      changed = true;
      return [];
    }
    const reshaped = keys ? asReturned(item, keys) : item;
    if (reshaped !== item) changed = true;
    return [reshaped];
  });
  return { input: changed ? kept : input, ...counts };
}

function asReturned(item: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  if (Object.keys(item).every((key) => keys.includes(key)) && Array.isArray(item.summary)) return item;
  const kept = Object.fromEntries(Object.entries(item).filter(([key]) => keys.includes(key)));
  return { ...kept, summary: Array.isArray(item.summary) ? item.summary : [] };
}
