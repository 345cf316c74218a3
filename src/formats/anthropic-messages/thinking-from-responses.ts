import { chatToolCallId } from '../openai-chat/tool-call-ids.js';
import { type CarriedBlock, carriedReasoningOf } from '../openai-responses/carried-reasoning.js';
import { isRecord } from '../usage.js';
import { toolUseId } from './content-from-chat.js';
import type { ContentBlock, MessageParam } from './wire.js';

/** Where a restored block goes: before the tool call it preceded, or before the answer text it did. */
type Anchor = { callId: string } | { text: true };

interface Placement {
  anchor: Anchor;
  blocks: CarriedBlock[];
}

export interface CarriedThinking {
  /** The Responses input without the reasoning items whose blocks are given back. */
  input: unknown;
  /**
   * Puts the blocks back into the Messages conversation built from that input, each where Claude
   * wrote it: before the tool call or the answer text that followed it in the input.
   */
  restore(messages: MessageParam[], warnings: string[]): void;
}

/**
 * Claude's thinking that a Responses client gave back in reasoning items (carried-reasoning.ts),
 * taken out of the input before it goes through Chat (which has no place for a signature) and put
 * back into the Messages conversation. Only blocks made by `origin` (this provider and model) come
 * back; the others stay in the input, where the Chat step drops them with its note. With them in
 * place, a request answering tool results keeps thinking on (thinking-from-chat.ts).
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks
 */
export function carriedThinkingFrom(
  input: unknown,
  origin: { provider: string | undefined; model: string },
): CarriedThinking {
  if (!Array.isArray(input) || origin.provider === undefined) return { input, restore: () => {} };
  const kept: unknown[] = [];
  const placements: Placement[] = [];
  let pending: CarriedBlock[] = [];
  let unplaced = 0;
  for (const item of input) {
    const carried =
      isRecord(item) && item.type === 'reasoning' ? carriedReasoningOf(item.encrypted_content) : undefined;
    if (carried && carried.provider === origin.provider && carried.model === origin.model) {
      pending.push(carried.block);
      continue;
    }
    kept.push(item);
    if (pending.length === 0) continue;
    const anchor = anchorOf(item);
    if (anchor) placements.push({ anchor, blocks: pending });
    else unplaced += pending.length;
    pending = [];
  }
  unplaced += pending.length;
  if (placements.length === 0 && unplaced === 0) return { input, restore: () => {} };
  return {
    input: kept,
    restore(messages, warnings) {
      unplaced += placeAll(messages, placements);
      if (unplaced > 0)
        warnings.push(
          `${unplaced} reasoning item(s) dropped: no tool call or answer text of theirs follows them in the input`,
        );
    },
  };
}

/** The item a reasoning item's blocks belong to: a call (by its id) or an assistant message. */
function anchorOf(item: unknown): Anchor | undefined {
  if (!isRecord(item)) return undefined;
  if (typeof item.call_id === 'string' && typeof item.type === 'string' && item.type.endsWith('_call'))
    return { callId: item.call_id };
  const role = item.role;
  if ((item.type === 'message' || item.type === undefined) && role === 'assistant') return { text: true };
  return undefined;
}

/**
 * Places each group before its anchor's block, in input order (the Messages conversation keeps the
 * input's order, so answer text is the first not yet passed). Returns how many blocks found no place.
 */
function placeAll(messages: MessageParam[], placements: Placement[]): number {
  let unplaced = 0;
  let cursor = { message: 0, block: 0 };
  for (const { anchor, blocks } of placements) {
    const at = 'callId' in anchor ? toolUseAt(messages, anchor.callId) : textAt(messages, cursor);
    if (!at) {
      unplaced += blocks.length;
      continue;
    }
    const content = messages[at.message]!.content as ContentBlock[];
    content.splice(at.block, 0, ...(blocks as ContentBlock[]));
    cursor = { message: at.message, block: at.block + blocks.length + 1 };
  }
  return unplaced;
}

interface Position {
  message: number;
  block: number;
}

/** The `tool_use` block the call became (its id mapped as the Chat and Messages converters map it). */
function toolUseAt(messages: MessageParam[], callId: string): Position | undefined {
  const id = toolUseId(chatToolCallId(callId));
  return find(messages, { message: 0, block: 0 }, (block) => block.type === 'tool_use' && block.id === id);
}

function textAt(messages: MessageParam[], from: Position): Position | undefined {
  return find(messages, from, (block) => block.type === 'text');
}

function find(
  messages: MessageParam[],
  from: Position,
  matches: (block: ContentBlock) => boolean,
): Position | undefined {
  for (let m = from.message; m < messages.length; m++) {
    const message = messages[m]!;
    if (message.role !== 'assistant' || !Array.isArray(message.content)) continue;
    const start = m === from.message ? from.block : 0;
    const block = message.content.slice(start).findIndex(matches);
    if (block >= 0) return { message: m, block: start + block };
  }
  return undefined;
}
