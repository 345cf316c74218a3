import type { ResponseContext } from '../translation.js';
import { isRecord } from '../usage.js';
import { isEnvelope, openEnvelope, sealEnvelope } from './envelope.js';
import { randomId } from './ids.js';
import type { ResponseOutcome } from './map-status.js';
import { failedResponse, finishedResponse, type ResponseFields } from './output-items.js';
import type {
  ResponsesError,
  ResponsesMessageItem,
  ResponsesOutputItem,
  ResponsesResponse,
  ResponsesUsage,
} from './wire.js';

/**
 * Remote compaction, served by ekai on a provider that has none (Claude, Grok through Chat, …).
 *
 * Codex's built-in OpenAI provider compacts in band ("remote compaction v2"): a normal Responses
 * request whose input ends with `{"type":"compaction_trigger"}`, answered with exactly one output
 * item `{"type":"compaction","encrypted_content":…}` that Codex keeps in place of the history and
 * sends back on every later request (codex-rs/core/src/compact_remote_v2.rs; any other count is a
 * fatal "expected exactly one compaction output item"). OpenAI's content is opaque and only OpenAI
 * reads it. ekai's is a summary the target model writes, asked the way Codex's own local compaction
 * asks (its checkpoint prompt as the last user message), carried in an envelope of ekai's; a later
 * request gets the summary back where the item stands, as the user message Codex's local compaction
 * puts in the history (its summary prefix, a newline, the summary).
 *
 * Like carried-reasoning.ts, the envelope is not encrypted: it holds only what the model wrote,
 * bound to nothing secret, readable by any model (a summary is plain text); OpenAI, which could not
 * read it, receives the summary message instead (strip-unpersisted-reasoning.ts).
 * @see https://developers.openai.com/api/docs/guides/compaction
 * @see https://github.com/openai/codex/blob/main/codex-rs/core/src/compact_remote_v2.rs
 */

/**
 * Codex's local compaction prompt (codex-rs/core/templates/compact/prompt.md), as Codex 0.171.0
 * sends it as the last user message of its summarising request
 * (conformance/traces/codex@0.171.0/compaction.json).
 */
export const COMPACTION_PROMPT = `You are performing a CONTEXT CHECKPOINT COMPACTION. Create a handoff summary for another LLM that will resume the task.

Include:
- Current progress and key decisions made
- Important context, constraints, or user preferences
- What remains to be done (clear next steps)
- Any critical data, examples, or references needed to continue

Be concise, structured, and focused on helping the next LLM seamlessly continue the work.
`;

/**
 * What Codex's local compaction puts before the summary in the user message that replaces the
 * history (codex-rs/core/templates/compact/summary_prefix.md, followed by a newline and the summary,
 * as Codex 0.171.0 sends it: conformance/traces/codex@0.171.0/compaction.json).
 */
export const SUMMARY_PREFIX =
  'Another language model started to solve this problem and produced a summary of its thinking process. You also have access to the state of the tools that were used by that language model. Use this to build on the work that has already been done and avoid duplicating work. Here is the summary produced by the other language model, use the information in this summary to assist with your own analysis:';

/** Marks ekai's envelopes among other providers' compaction content (OpenAI's is Fernet, `gAAAAA…`). */
const PREFIX = 'ekai-compaction-v1.';

export interface CarriedSummary {
  summary: string;
  /** The upstream model that wrote it (for the record: any model may read it). */
  model: string;
}

export function compactionContentOf(carried: CarriedSummary): string {
  return sealEnvelope(PREFIX, { m: carried.model, s: carried.summary });
}

/** Whether an `encrypted_content` is one of ekai's compaction envelopes (well-formed or not). */
export function isEkaiCompaction(encrypted: unknown): boolean {
  return isEnvelope(PREFIX, encrypted);
}

/** The summary an envelope carries; undefined for anything else or a damaged envelope. */
export function carriedSummaryOf(encrypted: unknown): CarriedSummary | undefined {
  const envelope = openEnvelope(PREFIX, encrypted);
  if (!isRecord(envelope) || typeof envelope.s !== 'string') return undefined;
  return { summary: envelope.s, model: typeof envelope.m === 'string' ? envelope.m : '' };
}

/** The user message a summary stands as in the conversation, as Codex's local compaction writes it. */
export function summaryMessage(summary: string): ResponsesMessageItem {
  return userMessage(`${SUMMARY_PREFIX}\n${summary}`);
}

/** The last message of the summarising request: Codex's checkpoint prompt. */
export function compactionPromptMessage(): ResponsesMessageItem {
  return userMessage(COMPACTION_PROMPT);
}

function userMessage(text: string): ResponsesMessageItem {
  return { type: 'message', role: 'user', content: [{ type: 'input_text', text }] };
}

/** The compaction output item (OpenAI's shape: `cmp_` id, `encrypted_content`). */
export interface ResponsesCompactionItem {
  id: string;
  type: 'compaction';
  encrypted_content: string;
}

/** The item among the output: the output's item type does not list `compaction`. */
export function compactionItem(carried: CarriedSummary, id = randomId('cmp_')): ResponsesOutputItem {
  const item: ResponsesCompactionItem = {
    id,
    type: 'compaction',
    encrypted_content: compactionContentOf(carried),
  };
  return item as unknown as ResponsesOutputItem;
}

/**
 * The response side is told by the request side (ResponsesRequestTranslation.compaction, passed on
 * as the context's `compaction`) that the answer is a summary to be given as one compaction item.
 */
export function isCompacting(context: ResponseContext): boolean {
  return context.compaction === true;
}

/** A compaction the model answered without a summary: Codex could continue from nothing. */
export const NO_SUMMARY: ResponsesError = {
  code: 'server_error',
  message: 'compaction failed: the model answered without a summary of the conversation',
};

/**
 * A whole answer as the compaction Codex expects: its answer text (every message item's, in order)
 * as the summary of one compaction item, the only output item; reasoning and any tool call are left
 * out (the summary is the product). No text at all is a failed response: an empty summary would
 * have Codex continue from nothing.
 */
export function compactionResponse(
  fields: ResponseFields,
  outcome: ResponseOutcome,
  usage: ResponsesUsage,
): ResponsesResponse {
  const summary = fields.output
    .flatMap((item) => (item.type === 'message' ? item.content : []))
    .map((part) => part.text)
    .join('');
  if (summary.trim() === '') return { ...failedResponse({ ...fields, output: [] }, NO_SUMMARY), usage };
  const output = [compactionItem({ summary, model: fields.model })];
  return finishedResponse({ ...fields, output }, outcome, usage);
}
