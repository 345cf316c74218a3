import { isRecord } from '../usage.js';
import type { CacheControl, MessagesRequest } from './wire.js';

/**
 * Anthropic caches a prompt only up to blocks marked with `cache_control`, and refuses more than
 * four marked blocks (tools, system and message blocks together). Clients of OpenAI's APIs never
 * mark anything (OpenAI caches by itself), so ekai marks for them.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
 */
export const MAX_CACHE_BREAKPOINTS = 4;

/** Blocks that take a cache breakpoint (thinking blocks do not). */
const CACHEABLE = new Set(['text', 'image', 'document', 'tool_use', 'tool_result']);

export type CacheTtl = '5m' | '1h';

export interface CacheBreakpointOptions {
  /** Lifetime of the marks ekai adds (default 5 minutes, Anthropic's own default). */
  ttl?: CacheTtl | undefined;
  /** false: only the client's own marks (OpenAI's `prompt_cache_options.mode: "explicit"`). */
  automatic?: boolean;
}

/** One block of the prompt, in the order Anthropic reads the prefix: tools, system, messages. */
interface Slot {
  list: Array<Record<string, unknown>>;
  index: number;
}

/**
 * The request with cache breakpoints for a multi-turn client, at most four with the client's own.
 * Spots in order of preference, while the budget lasts:
 * 1. the last message: writes this turn's whole prefix, which the next turn reads;
 * 2. the end of the system prompt (of the tools, without one): the stable head, shared by every
 *    conversation with the same setup;
 * 3. the user message before the last one: where the previous turn wrote, so it is read even when
 *    this turn added more than the 20 blocks Anthropic looks back from a breakpoint;
 * 4. the end of the tools, when a system prompt follows them: survives a system prompt that changes.
 * Marks get `ttl` unless that would put a longer lifetime after a shorter one, which Anthropic
 * refuses: a mark after a client's 5-minute mark stays 5 minutes, one before a client's 1-hour mark
 * gets 1 hour. More than four client marks: the last four are kept (as OpenAI writes "the latest
 * four" explicit breakpoints), with a warning. The input is not changed.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#mixing-different-ttls
 */
export function withCacheBreakpoints(
  request: MessagesRequest,
  options: CacheBreakpointOptions,
  warnings: string[],
): MessagesRequest {
  const copy = copyOf(request);
  const slots = slotsOf(copy);
  const marked = slots.filter(isMarked);
  for (const slot of marked.slice(0, Math.max(0, marked.length - MAX_CACHE_BREAKPOINTS))) {
    const { cache_control: _dropped, ...rest } = slot.list[slot.index]!;
    slot.list[slot.index] = rest;
  }
  if (marked.length > MAX_CACHE_BREAKPOINTS)
    warnings.push(
      `cache breakpoints on ${marked.length - MAX_CACHE_BREAKPOINTS} earlier blocks dropped: Anthropic takes at most ${MAX_CACHE_BREAKPOINTS}, the last ones are kept`,
    );
  if (options.automatic === false) return copy;
  let budget = MAX_CACHE_BREAKPOINTS - Math.min(marked.length, MAX_CACHE_BREAKPOINTS);
  const ttl = options.ttl ?? '5m';
  for (const spot of spotsByPreference(copy)) {
    if (budget === 0) break;
    if (!spot || isMarked(spot) || !isCacheable(spot.list[spot.index])) continue;
    spot.list[spot.index] = { ...spot.list[spot.index], cache_control: markFor(spot, slots, ttl) };
    budget--;
  }
  return copy;
}

/** Fresh arrays (and message objects) down to the blocks, so marking replaces blocks in the copy only. */
function copyOf(request: MessagesRequest): MessagesRequest {
  return {
    ...request,
    ...(Array.isArray(request.system) && { system: [...request.system] }),
    ...(Array.isArray(request.tools) && { tools: [...request.tools] }),
    messages: request.messages.map((message) => ({
      ...message,
      // A string content has no block to mark; Chat and Responses clients' content arrives as blocks.
      content: typeof message.content === 'string' ? message.content : [...message.content],
    })),
  };
}

function slotsOf(request: MessagesRequest): Slot[] {
  const lists = [
    blocksOf(request.tools),
    blocksOf(request.system),
    ...request.messages.map((message) => blocksOf(message.content)),
  ];
  return lists.flatMap((list) => list.map((_, index) => ({ list, index })));
}

function spotsByPreference(request: MessagesRequest): Array<Slot | undefined> {
  const tools = lastOf(blocksOf(request.tools));
  const system = lastOf(blocksOf(request.system));
  const { messages } = request;
  const previousUser = messages.findLastIndex(
    (message, index) => index < messages.length - 1 && message.role === 'user',
  );
  return [
    lastOf(blocksOf(messages.at(-1)?.content)),
    system ?? tools,
    previousUser >= 0 ? lastOf(blocksOf(messages[previousUser]!.content)) : undefined,
    system && tools,
  ];
}

/** The configured lifetime, within what the client's marks around it allow. */
function markFor(spot: Slot, slots: readonly Slot[], ttl: CacheTtl): CacheControl {
  const at = slots.findIndex((slot) => slot.list === spot.list && slot.index === spot.index);
  const ttlOf = (slot: Slot) => (slot.list[slot.index]!.cache_control as CacheControl).ttl ?? '5m';
  const before = slots.slice(0, at).filter(isMarked).map(ttlOf);
  const after = slots
    .slice(at + 1)
    .filter(isMarked)
    .map(ttlOf);
  const fitted = before.includes('5m') ? '5m' : after.includes('1h') ? '1h' : ttl;
  return fitted === '1h' ? { type: 'ephemeral', ttl: '1h' } : { type: 'ephemeral' };
}

function blocksOf(list: unknown): Array<Record<string, unknown>> {
  return Array.isArray(list) ? (list as Array<Record<string, unknown>>) : [];
}

function lastOf(list: Array<Record<string, unknown>>): Slot | undefined {
  return list.length > 0 ? { list, index: list.length - 1 } : undefined;
}

function isMarked(slot: Slot): boolean {
  return isRecord(slot.list[slot.index]?.cache_control);
}

/** Tools (no `type`, or a custom one) and content blocks that Anthropic lets carry a mark. */
function isCacheable(block: Record<string, unknown> | undefined): boolean {
  if (!isRecord(block)) return false;
  if (typeof block.type !== 'string' || block.name !== undefined) return true;
  if (!CACHEABLE.has(block.type)) return false;
  return block.type !== 'text' || (typeof block.text === 'string' && block.text.trim() !== '');
}
