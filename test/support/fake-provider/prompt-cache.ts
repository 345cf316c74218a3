/**
 * Anthropic-style explicit prompt caching, as the real APIs document it, so that a gateway that
 * loses or moves breakpoints gets no cache reads from the fake either.
 * - The prompt is read in the order tools, system, messages. The prefix up to and including a
 *   block marked with `cache_control` (or, for a top-level `cache_control`, the last block) is a
 *   cache entry keyed by provider, model and the exact prefix content; it lives 5 minutes, or an
 *   hour with `ttl: "1h"`, refreshed on every read.
 * - From each breakpoint the API looks back about 20 blocks for an entry an earlier request wrote;
 *   the longest hit is read, the rest up to the last breakpoint is written, the remainder is
 *   uncached input.
 * - Prefixes shorter than the model's minimum cacheable length are neither written nor read.
 * - Changing `thinking` or `tool_choice` invalidates the message part of the cache, not tools or
 *   system ("What invalidates the cache").
 * Anthropic itself, and OpenRouter's Chat API for `anthropic/*` models, which takes the same
 * `cache_control` on content parts.
 * Token counts use the fake's estimator (`estimateInputTokens`), which counts system and messages
 * only: tools are part of every key but weigh nothing, so a prefix ending in the tools never
 * reaches a minimum.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
 * @see https://openrouter.ai/docs/features/prompt-caching
 */
import { createHash } from 'node:crypto';
import { estimateInputTokens, isObject, type JsonObject } from './scenarios.js';
import type { Dialect, ProviderName } from './types.js';

/** What the simulation decided for one request; `cacheWrite1h` is part of `cacheWrite`. */
export interface CacheUsage {
  input: number;
  cacheRead: number;
  cacheWrite: number;
  cacheWrite1h: number;
}

export interface PromptCacheSimulator {
  /** Reads and writes the cache for one request; undefined when this request is not simulated. */
  use(provider: ProviderName, dialect: Dialect, body: JsonObject): CacheUsage | undefined;
  clear(): void;
}

const TTL_MS = { '5m': 5 * 60_000, '1h': 60 * 60_000 } as const;
/** "The automatic prefix checking only looks back approximately 20 content blocks." */
export const LOOKBACK_BLOCKS = 20;
/** "1024 tokens for most models" (the brief's default; also Sonnet 4.5's documented value). */
export const DEFAULT_MINIMUM_CACHEABLE = 1024;

/**
 * Minimum cacheable prompt length per model family (dots and dashes alike, date suffix ignored).
 * 4.x and 3.x: Anthropic's prompt-caching page, as quoted in
 * https://github.com/anthropics/anthropic-sdk-python/issues/1194 (2026). Opus 4.7 / 4.8, Sonnet 5,
 * Opus 5: a third-party summary of the same page
 * (https://dev.to/creeta/claudes-prompt-cache-fails-silently-below-1024-tokens-1ch1); no source was
 * found for the 5.5 models and Fable, which get the default.
 */
export const MINIMUM_CACHEABLE_TOKENS: Readonly<Record<string, number>> = {
  'claude-opus-5': 512,
  'claude-opus-4-8': 1024,
  'claude-sonnet-5': 1024,
  'claude-opus-4-7': 2048,
  'claude-opus-4-6': 4096,
  'claude-opus-4-5': 4096,
  'claude-haiku-4-5': 4096,
  'claude-sonnet-4-6': 1024,
  'claude-sonnet-4-5': 1024,
  'claude-opus-4-1': 1024,
  'claude-opus-4': 1024,
  'claude-sonnet-4': 1024,
  'claude-3-7-sonnet': 1024,
  'claude-3-5-haiku': 2048,
  'claude-3-haiku': 2048,
};

/** `anthropic/claude-sonnet-4.5`, `claude-sonnet-4-5-20250929` → `claude-sonnet-4-5`. */
export function minimumCacheableTokens(model: string): number {
  const family = model
    .replace(/^anthropic\//, '')
    .replace(/:.*$/, '')
    .replace(/\./g, '-')
    .replace(/-\d{8}$/, '');
  return MINIMUM_CACHEABLE_TOKENS[family] ?? DEFAULT_MINIMUM_CACHEABLE;
}

/** Which requests are cached this way: Anthropic's Messages, OpenRouter's Chat on Claude. */
function simulates(provider: ProviderName, dialect: Dialect, body: JsonObject): boolean {
  if (provider === 'anthropic') return dialect === 'messages';
  return provider === 'openrouter' && dialect === 'chat' && String(body.model).startsWith('anthropic/');
}

type Ttl = keyof typeof TTL_MS;

/** One block of the prompt: the prefix that ends with it, and its mark. */
interface Boundary {
  prefix: JsonObject;
  /** The cache_control on this block, if any. */
  mark: JsonObject | undefined;
  /** Thinking blocks take no breakpoint, not even the top-level (automatic) one. */
  cacheable: boolean;
  inMessages: boolean;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function markOf(block: unknown): JsonObject | undefined {
  return isObject(block) && isObject(block.cache_control) ? block.cache_control : undefined;
}

function isThinking(block: unknown): boolean {
  return isObject(block) && (block.type === 'thinking' || block.type === 'redacted_thinking');
}

/** Every block boundary, in the order the API reads the prompt: tools, system, messages. */
function boundariesOf(body: JsonObject): Boundary[] {
  const tools = list(body.tools);
  const system = body.system;
  const messages = list(body.messages).filter(isObject);
  const out: Boundary[] = [];
  tools.forEach((tool, i) => {
    const prefix = { tools: tools.slice(0, i + 1), messages: [] };
    out.push({ prefix, mark: markOf(tool), cacheable: true, inMessages: false });
  });
  const withTools = tools.length > 0 ? { tools } : {};
  if (typeof system === 'string') {
    out.push({
      prefix: { ...withTools, system, messages: [] },
      mark: undefined,
      cacheable: true,
      inMessages: false,
    });
  }
  const systemBlocks = list(system);
  systemBlocks.forEach((block, j) => {
    const prefix = { ...withTools, system: systemBlocks.slice(0, j + 1), messages: [] };
    out.push({ prefix, mark: markOf(block), cacheable: true, inMessages: false });
  });
  const head = { ...withTools, ...(system === undefined ? {} : { system }) };
  messages.forEach((message, i) => {
    const before = messages.slice(0, i);
    const parts = Array.isArray(message.content) ? message.content : undefined;
    // Chat keeps tool calls beside the content: the parts end before them.
    const { tool_calls: toolCalls, ...rest } = message;
    parts?.forEach((part, j) => {
      const partial = { ...rest, content: parts.slice(0, j + 1) };
      const prefix = { ...head, messages: [...before, partial] };
      out.push({ prefix, mark: markOf(part), cacheable: !isThinking(part), inMessages: true });
    });
    // A string (or absent) content is one block; so are Chat tool calls after the parts.
    if (parts === undefined || parts.length === 0 || toolCalls !== undefined) {
      const prefix = { ...head, messages: [...before, message] };
      out.push({ prefix, mark: undefined, cacheable: true, inMessages: true });
    }
  });
  return out;
}

/** The prompt as the model sees it: no cache marks, a string content as its one text block. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'cache_control') continue;
    const asBlocks = (key === 'content' || key === 'system') && typeof field === 'string';
    out[key] = asBlocks ? [{ type: 'text', text: field }] : canonical(field);
  }
  return out;
}

function ttlOf(mark: JsonObject): Ttl {
  return mark.ttl === '1h' ? '1h' : '5m';
}

interface Entry {
  expiresAt: number;
  ttl: Ttl;
}

export class PromptCache implements PromptCacheSimulator {
  readonly #entries = new Map<string, Entry>();

  /** `now` in milliseconds; tests of expiry pass their own clock. */
  constructor(private readonly now: () => number = Date.now) {}

  clear(): void {
    this.#entries.clear();
  }

  use(provider: ProviderName, dialect: Dialect, body: JsonObject): CacheUsage | undefined {
    if (!simulates(provider, dialect, body)) return undefined;
    const boundaries = boundariesOf(body);
    const marks = this.#marks(body, boundaries);
    if (marks.size === 0) return undefined;
    const model = String(body.model);
    const now = this.now();
    // Settings whose change invalidates the message blocks (tools and system stay cached).
    const settings = JSON.stringify([body.thinking, body.tool_choice, body.reasoning, body.reasoning_effort]);
    const keyAt = (i: number): string => {
      const boundary = boundaries[i] as Boundary;
      const scope = boundary.inMessages ? settings : '';
      const text = JSON.stringify([provider, model, scope, canonical(boundary.prefix)]);
      return createHash('sha256').update(text).digest('hex');
    };
    const tokensAt = (i: number): number => {
      const { prefix } = boundaries[i] as Boundary;
      // As sent, without the marks (they are not prompt).
      return estimateInputTokens(dialect, stripMarks(prefix) as JsonObject);
    };

    // The longest prefix an earlier request wrote, searched back from each breakpoint.
    let hit = -1;
    for (const at of marks.keys()) {
      for (let i = at; i >= Math.max(0, at - LOOKBACK_BLOCKS) && i > hit; i -= 1) {
        const entry = this.#entries.get(keyAt(i));
        if (entry && entry.expiresAt > now) {
          hit = i;
          entry.expiresAt = now + TTL_MS[entry.ttl]; // a read refreshes the entry
          break;
        }
      }
    }
    const read = hit >= 0 ? tokensAt(hit) : 0;

    // Every breakpoint that reaches the minimum is (re)written with its own lifetime.
    const minimum = minimumCacheableTokens(model);
    const written = [...marks].filter(([at]) => tokensAt(at) >= minimum);
    for (const [at, ttl] of written) this.#entries.set(keyAt(at), { expiresAt: now + TTL_MS[ttl], ttl });
    // Mixed lifetimes are billed as documented: 1h writes up to the last 1h breakpoint, 5m after.
    const lastAt = written.at(-1)?.[0];
    const last1hAt = written.filter(([, ttl]) => ttl === '1h').at(-1)?.[0];
    const upToLast = lastAt === undefined ? 0 : tokensAt(lastAt);
    const upToLast1h = last1hAt === undefined ? 0 : tokensAt(last1hAt);
    const cacheWrite = Math.max(0, upToLast - read);
    const cacheWrite1h = Math.max(0, upToLast1h - read);
    const total = estimateInputTokens(dialect, body);
    return { input: Math.max(0, total - read - cacheWrite), cacheRead: read, cacheWrite, cacheWrite1h };
  }

  /** Breakpoint index → lifetime, in prompt order: the marked blocks and the automatic one. */
  #marks(body: JsonObject, boundaries: readonly Boundary[]): Map<number, Ttl> {
    const marks = new Map<number, Ttl>();
    boundaries.forEach((boundary, i) => {
      if (boundary.mark) marks.set(i, ttlOf(boundary.mark));
    });
    // A top-level cache_control marks the last block that can take one.
    if (isObject(body.cache_control)) {
      const last = boundaries.findLastIndex((boundary) => boundary.cacheable);
      if (last >= 0 && !marks.has(last)) marks.set(last, ttlOf(body.cache_control));
    }
    return new Map([...marks].sort(([a], [b]) => a - b));
  }
}

function stripMarks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripMarks);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'cache_control')
      .map(([key, field]) => [key, stripMarks(field)]),
  );
}
