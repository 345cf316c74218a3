import type { MessagesRequest } from '../anthropic-messages/wire.js';
import { isRecord } from '../usage.js';
import { type ChatProvider, sessionCacheKey } from './chat-providers.js';
import type { Warn } from './request-notes.js';
import type { ChatMessage, ChatRequest } from './wire.js';

export interface CacheOptions {
  provider: ChatProvider;
  /** The conversation kept `cache_control` on text parts (OpenRouter's Claude models). */
  carryCache: boolean;
  session: string | undefined;
  warn: Warn;
}

/**
 * The request's prompt-caching fields in Chat, and a note on every breakpoint that does not travel:
 * - OpenRouter's Claude models take Anthropic's `cache_control` on text parts (the conversation
 *   kept them) and at the top level; breakpoints on other blocks (tools, images, tool calls) are noted;
 * - elsewhere breakpoints are not sent, with the reason: OpenAI and xAI cache on their own;
 * - the client's session becomes `prompt_cache_key` where the provider takes one, so every turn
 *   of the session is routed to the same cache.
 * @see https://openrouter.ai/docs/features/prompt-caching
 * @see https://platform.openai.com/docs/guides/prompt-caching
 */
export function cacheFields(
  body: MessagesRequest,
  messages: readonly ChatMessage[],
  options: CacheOptions,
): Partial<ChatRequest> {
  const { provider, warn } = options;
  const topLevel = isRecord(body.cache_control) ? body.cache_control : undefined;
  // The top-level marker (automatic caching) counts among the body's.
  const requested = breakpointsIn(body);
  const fields: Partial<ChatRequest> = {};
  if (options.carryCache) {
    const lost = requested - breakpointsIn(messages) - (topLevel ? 1 : 0);
    if (lost > 0)
      warn(`cache_control on ${lost} block(s) not sent: ${provider.label} takes it on text parts only`);
    if (topLevel) fields.cache_control = topLevel;
  } else if (requested > 0) {
    warn(`cache_control not sent: ${provider.cacheControlDropped}`);
  }
  if (provider.promptCacheKey && options.session) fields.prompt_cache_key = sessionCacheKey(options.session);
  return fields;
}

/** `cache_control` markers anywhere below `value` (blocks, parts, tools, nested tool-result content). */
function breakpointsIn(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + breakpointsIn(item), 0);
  if (!isRecord(value)) return 0;
  let count = isRecord(value.cache_control) ? 1 : 0;
  for (const key of ['system', 'tools', 'messages', 'content'] as const) count += breakpointsIn(value[key]);
  return count;
}
