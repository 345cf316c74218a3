import type { MessagesRequest } from '../anthropic-messages/wire.js';
import { type ChatProvider, type ChatTarget, chatProviderOf } from '../openai-chat/chat-providers.js';
import {
  type ChatRequestTranslation,
  chatRequestFromMessages,
} from '../openai-chat/request-from-messages.js';
import type { ParameterNotes, RequestTranslation, TranslationContext } from '../translation.js';
import { responsesRequestFromChat } from './request-from-chat.js';
import { responsesServerTools, serverToolChoice } from './server-tools-from-messages.js';
import { holdToolResultMedia, withToolResultMedia } from './tool-result-media-from-messages.js';
import type { ResponsesRequest } from './wire.js';

/** The Chat step's parameters under their Responses names (the others keep theirs). */
const RESPONSES_PARAMETER: Record<string, string> = {
  max_tokens: 'max_output_tokens',
  max_completion_tokens: 'max_output_tokens',
  reasoning_effort: 'reasoning',
};

/** The Responses step's warnings name the Chat fields; the client sent their Messages counterparts. */
const MESSAGES_TERMS: Array<[RegExp, string]> = [[/^stop not sent\b/, 'stop_sequences not sent']];

/**
 * Anthropic Messages request → OpenAI Responses request, for Claude Code and other Messages clients
 * on GPT models that take tools with reasoning only through Responses. It goes through Chat, as
 * Responses → Messages does the other way: `chatRequestFromMessages` (system blocks, tool results
 * ahead of the rest of their turn, tool names and ids OpenAI accepts, max_tokens clamp) then
 * `responsesRequestFromChat`, so Chat and Messages clients share one set of Responses rules. Nothing
 * a Responses provider could use is lost on the way: thinking blocks cannot go back to OpenAI in
 * either format, and what Chat drops Responses has no form for either.
 *
 * The Chat step's warnings are kept (the Chat request is only a step: its "Chat" is the provider's
 * format, Responses here), then the Responses step's; the thinking intent the Chat step returns is
 * passed on for the provider's profile to render as `reasoning`.
 *
 * Images and documents inside tool results skip Chat, whose tool messages hold only text: they go
 * back inside the `function_call_output` (tool-result-media-from-messages.ts).
 *
 * Anthropic's server tools and `mcp_servers` are left out of the Chat step (`leaveServerTools`) and
 * become the provider's hosted tools here (web search → OpenAI's `web_search`), or a 400 naming the
 * tool and the provider (server-tools-from-messages.ts).
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export function responsesRequestFromMessages(
  body: MessagesRequest,
  context: TranslationContext,
): RequestTranslation<ResponsesRequest> {
  const mediaWarnings: string[] = [];
  const provider = chatProviderOf(context as ChatTarget);
  const held = holdToolResultMedia(body, provider, (warning) => mediaWarnings.push(warning));
  const chat = chatRequestFromMessages(held.body, context, { leaveServerTools: true });
  const responses = responsesRequestFromChat(chat.body, context);
  const server = withServerTools(withToolResultMedia(responses.body, held.outputs), body, chat, provider);
  const replaced = server.replaces;
  const warnings = new Set(
    chat.warnings
      .filter((warning) => warning !== replaced)
      .map((warning) => warning.replace(/\bChat\b/g, 'Responses')),
  );
  for (const warning of [...responses.warnings, ...mediaWarnings]) warnings.add(inMessagesTerms(warning));
  for (const warning of server.warnings) warnings.add(warning);
  return {
    body: server.body,
    warnings: [...warnings],
    // Names the Chat step shortened: the answer gives the client its own back.
    toolNames: chat.toolNames,
    ...(chat.parameters && { parameters: underResponsesNames(chat.parameters) }),
    ...(chat.thinking && { thinking: chat.thinking }),
  };
}

/**
 * The Chat step's note positions hold (its warnings come first, and are distinct already); a
 * renamed parameter's notes name it as the client did.
 */
function underResponsesNames(
  parameters: Readonly<Record<string, ParameterNotes>>,
): Record<string, ParameterNotes> {
  return Object.fromEntries(
    Object.entries(parameters).map(([name, notes]) => {
      const responsesName = RESPONSES_PARAMETER[name];
      return responsesName ? [responsesName, { ...notes, name: notes.name ?? name }] : [name, notes];
    }),
  );
}

function inMessagesTerms(warning: string): string {
  return MESSAGES_TERMS.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), warning);
}

/**
 * The server tools the Chat step left, added to the Responses body: after the function tools, with
 * the fields they need (sources included, `max_tool_calls`, a `tool_choice` naming them).
 */
function withServerTools(
  request: ResponsesRequest,
  body: MessagesRequest,
  chat: ChatRequestTranslation,
  provider: ChatProvider,
): { body: ResponsesRequest; warnings: string[]; replaces?: string } {
  const warnings: string[] = [];
  const left = chat.serverTools ?? [];
  const { tools, fields } = responsesServerTools(left, body.mcp_servers, provider, (w) => warnings.push(w));
  if (tools.length === 0) return { body: request, warnings };
  const choice = serverToolChoice(body.tool_choice, left, request.tool_choice, provider);
  const include = [...(request.include ?? []), ...(fields.include ?? [])];
  return {
    body: {
      ...request,
      tools: [...(request.tools ?? []), ...tools],
      ...(choice && { tool_choice: choice.choice }),
      ...(fields.max_tool_calls !== undefined && { max_tool_calls: fields.max_tool_calls }),
      include,
    },
    warnings,
    ...(choice?.replaces && { replaces: choice.replaces }),
  };
}
