import {
  chatFromResponses,
  type ResponsesRequestTranslation,
} from '../openai-chat/request-from-responses.js';
import type { ResponsesRequest } from '../openai-responses/wire.js';
import type { ParameterNotes } from '../translation.js';
import { type MessagesTarget, messagesRequestFromChat } from './request-from-chat.js';
import { carriedThinkingFrom } from './thinking-from-responses.js';
import type { MessagesRequest } from './wire.js';

/**
 * OpenAI Responses request → Anthropic Messages request, for Codex and other Responses clients on
 * Anthropic and Z.AI. It goes through Chat: Responses → a Chat request (`chatFromResponses`, without
 * the Chat providers' limits) → `messagesRequestFromChat`, the converter Chat clients use, so both
 * share one set of Messages rules (system hoisting, turn merging, tool_result placement, images,
 * max_tokens default and clamp, thinking intent, temperature clamp, JSON tool; TRANSLATION.md,
 * "Requests, Chat → Messages"). Reasoning items carrying Claude's own thinking (ekai put it in their
 * `encrypted_content`: carried-reasoning.ts) go back in place, bypassing Chat, when this provider and
 * model made them, so thinking stays on through a tool loop; other reasoning items are dropped, with
 * a note: Messages takes back only thinking signed by the model that answers.
 *
 * Prompt caching, which OpenAI does by itself and Anthropic only at marked blocks, comes with the
 * Chat step: the Messages converter adds the cache breakpoints (cache-breakpoints.ts) for every
 * OpenAI-dialect client, whether or not it sends a `prompt_cache_key` (Codex always does). Hosted
 * web search tools (`web_search`, `web_search_preview`) become Anthropic's web search server tool
 * where the provider runs it (request-from-chat.ts); the other hosted tools are dropped with a note.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
 */
export function messagesRequestFromResponses(
  body: ResponsesRequest,
  context: MessagesTarget,
): ResponsesRequestTranslation<MessagesRequest> {
  // Claude's thinking the client carried back skips Chat, which has no place for a signature.
  const carried = carriedThinkingFrom(body.input, {
    provider: context.provider,
    model: context.upstreamModel,
  });
  const input = { ...body, input: carried.input } as ResponsesRequest;
  const chat = chatFromResponses(input, context, { name: 'Messages', chatProvider: false });
  // Web search tools travel beside the Chat body, never in it (a Chat provider runs none).
  const messages = messagesRequestFromChat(chat.body, context, chat.webSearch, carried.restore);
  const warnings = new Set(chat.warnings);
  // Where each of the Messages converter's warnings lands once both lists are merged.
  const landing = [warnings.size];
  for (const warning of messages.warnings.map(inResponsesTerms)) landing.push(warnings.add(warning).size);
  return {
    body: messages.body,
    warnings: [...warnings],
    toolNames: new Map(),
    customTools: chat.customTools,
    ...(chat.clientTools && { clientTools: chat.clientTools }),
    ...(chat.compaction && { compaction: chat.compaction }),
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
  [/response_format\.json_schema\.description/, 'text.format.description'],
  [/response_format (json_schema|json_object)/, 'text.format $1'],
];

function inResponsesTerms(warning: string): string {
  return RESPONSES_TERMS.reduce(
    (text, [pattern, replacement]) => text.replace(pattern, replacement),
    warning,
  );
}
