import type { MessagesRequest } from '../anthropic-messages/wire.js';
import { chatRequestFromMessages } from '../openai-chat/request-from-messages.js';
import type { ParameterNotes, RequestTranslation, TranslationContext } from '../translation.js';
import { responsesRequestFromChat } from './request-from-chat.js';
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
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export function responsesRequestFromMessages(
  body: MessagesRequest,
  context: TranslationContext,
): RequestTranslation<ResponsesRequest> {
  const chat = chatRequestFromMessages(body, context);
  const responses = responsesRequestFromChat(chat.body, context);
  const warnings = new Set(chat.warnings.map((warning) => warning.replace(/\bChat\b/g, 'Responses')));
  for (const warning of responses.warnings) warnings.add(inMessagesTerms(warning));
  return {
    body: responses.body,
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
