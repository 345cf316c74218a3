import {
  chatFromResponses,
  type ResponsesRequestTranslation,
} from '../openai-chat/request-from-responses.js';
import type { ResponsesRequest } from '../openai-responses/wire.js';
import type { ParameterNotes, TranslationContext } from '../translation.js';
import { isRecord } from '../usage.js';
import { messagesRequestFromChat } from './request-from-chat.js';
import type { ContentBlock, MessageParam, MessagesRequest, TextBlock, Tool } from './wire.js';

const EPHEMERAL = { type: 'ephemeral' } as const;
/** Blocks that take a cache breakpoint (thinking blocks do not). */
const CACHEABLE = new Set(['text', 'image', 'document', 'tool_use', 'tool_result']);

/**
 * OpenAI Responses request → Anthropic Messages request, for Codex and other Responses clients on
 * Anthropic and Z.AI. It goes through Chat: Responses → a Chat request (`chatFromResponses`, without
 * the Chat providers' limits) → `messagesRequestFromChat`, the converter Chat clients use, so both
 * share one set of Messages rules (system hoisting, turn merging, tool_result placement, images,
 * max_tokens default and clamp, thinking intent, temperature clamp, JSON tool; TRANSLATION.md,
 * "Requests, Chat → Messages"). Reasoning items are dropped: Messages takes back only thinking with
 * Anthropic's signature, which a Responses history does not carry.
 *
 * With `prompt_cache_key` (Codex always sends one) the client asks for prompt caching, which OpenAI
 * does by itself and Anthropic only at marked blocks: the end of the system prompt (or of the tools,
 * without one) and the last block of the conversation get a cache breakpoint, so each turn reads the
 * previous turn's prefix from the cache.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
 */
export function messagesRequestFromResponses(
  body: ResponsesRequest,
  context: TranslationContext,
): ResponsesRequestTranslation<MessagesRequest> {
  const chat = chatFromResponses(body, context, { name: 'Messages', chatProvider: false });
  const messages = messagesRequestFromChat(chat.body, context);
  const cached = typeof body.prompt_cache_key === 'string' && body.prompt_cache_key !== '';
  const warnings = new Set(chat.warnings);
  // Where each of the Messages converter's warnings lands once both lists are merged.
  const landing = [warnings.size];
  for (const warning of messages.warnings.map(inResponsesTerms)) landing.push(warnings.add(warning).size);
  return {
    body: cached ? withCacheBreakpoints(messages.body) : messages.body,
    warnings: [...warnings],
    toolNames: new Map(),
    customTools: chat.customTools,
    ...(messages.jsonTool !== undefined && { jsonTool: messages.jsonTool }),
    ...(messages.parameters && { parameters: landed(messages.parameters, landing) }),
    ...(messages.thinking && { thinking: messages.thinking }),
  };
}

/** The Messages converter's note positions, moved to where its warnings landed. */
function landed(
  parameters: Readonly<Record<string, ParameterNotes>>,
  landing: readonly number[],
): Record<string, ParameterNotes> {
  return Object.fromEntries(
    Object.entries(parameters).map(([name, notes]) => [
      name,
      { ...notes, at: landing[Math.min(notes.at, landing.length - 1)] ?? 0 },
    ]),
  );
}

/** The Chat converter's warnings name Chat fields; the client sent their Responses counterparts. */
const RESPONSES_TERMS: Array<[RegExp, string]> = [
  [/^reasoning_effort\b/, 'reasoning.effort'],
  [/^max_tokens (\d+) clamped/, 'max_output_tokens $1 clamped'],
  [/which Chat cannot carry/, 'which a Responses history does not carry'],
];

function inResponsesTerms(warning: string): string {
  return RESPONSES_TERMS.reduce(
    (text, [pattern, replacement]) => text.replace(pattern, replacement),
    warning,
  );
}

function withCacheBreakpoints(request: MessagesRequest): MessagesRequest {
  const system = Array.isArray(request.system) && request.system.length > 0 ? request.system : undefined;
  return {
    ...request,
    ...(system && { system: markLast(system) as TextBlock[] }),
    ...(!system && request.tools && request.tools.length > 0 && { tools: markLast(request.tools) as Tool[] }),
    messages: markLastMessage(request.messages),
  };
}

function markLastMessage(messages: MessageParam[]): MessageParam[] {
  const last = messages.at(-1);
  if (!last) return messages;
  const content: ContentBlock[] =
    typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : last.content;
  const block = content.at(-1);
  if (!isRecord(block) || !CACHEABLE.has(block.type) || (block.type === 'text' && block.text.trim() === ''))
    return messages;
  return [...messages.slice(0, -1), { ...last, content: markLast(content) as ContentBlock[] }];
}

/** A copy with `cache_control` on the last element (the input is not changed). */
function markLast<T extends object>(list: readonly T[]): T[] {
  return list.map((item, index) =>
    index === list.length - 1 ? { ...item, cache_control: EPHEMERAL } : item,
  );
}
