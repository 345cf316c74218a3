import type { Dialect } from '../config/catalog-schema.js';
import { messagesRequestFromChat } from '../formats/anthropic-messages/request-from-chat.js';
import { messagesResponseFromChat } from '../formats/anthropic-messages/response-from-chat.js';
import type { MessagesRequest, MessagesResponse } from '../formats/anthropic-messages/wire.js';
import type { ClientDialect } from '../formats/index.js';
import { chatRequestFromMessages } from '../formats/openai-chat/request-from-messages.js';
import { chatResponseFromMessages } from '../formats/openai-chat/response-from-messages.js';
import type { ChatRequest, ChatResponse } from '../formats/openai-chat/wire.js';
import {
  chatRequestFromResponses,
  messagesRequestFromResponses,
  type ResponsesRequest,
  responsesResponseFromChat,
  responsesResponseFromMessages,
} from '../formats/openai-responses/index.js';
import { TranslatedStream } from '../formats/stream-translation.js';
import type { RequestTranslation, ResponseContext, TranslationContext } from '../formats/translation.js';

/** The three converters that let a client of one dialect use a provider of another. */
export interface Bridge {
  request(
    body: Record<string, unknown>,
    context: TranslationContext & { reasoningModel: boolean },
  ): RequestTranslation<object>;
  response(body: unknown, context: ResponseContext): object;
  stream(context: ResponseContext): TranslatedStream;
}

const BRIDGES: Partial<Record<`${ClientDialect}->${Dialect}`, Bridge>> = {
  // Claude Code (Messages) on GPT, Grok via Chat, OpenRouter.
  'anthropic->openai': {
    request: (body, context) => chatRequestFromMessages(body as unknown as MessagesRequest, context),
    response: (body, context) => messagesResponseFromChat(body as ChatResponse, context),
    stream: (context) => new TranslatedStream('chat', 'messages', context),
  },
  // OpenAI clients on Claude and GLM.
  'openai->anthropic': {
    request: (body, context) => messagesRequestFromChat(body as unknown as ChatRequest, context),
    response: (body, context) => chatResponseFromMessages(body as MessagesResponse, context),
    stream: (context) => new TranslatedStream('messages', 'chat', context),
  },
  // Codex (Responses) on Grok and OpenRouter models.
  'responses->openai': {
    request: (body, context) => chatRequestFromResponses(body as unknown as ResponsesRequest, context),
    response: (body, context) => responsesResponseFromChat(body as ChatResponse, context),
    stream: (context) => new TranslatedStream('chat', 'responses', context),
  },
  // Codex on Claude and GLM.
  'responses->anthropic': {
    request: (body, context) => messagesRequestFromResponses(body as unknown as ResponsesRequest, context),
    response: (body, context) => responsesResponseFromMessages(body as MessagesResponse, context),
    stream: (context) => new TranslatedStream('messages', 'responses', context),
  },
};

export function bridgeFor(client: ClientDialect, upstream: Dialect): Bridge | undefined {
  return BRIDGES[`${client}->${upstream}`];
}
