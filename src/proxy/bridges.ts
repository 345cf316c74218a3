import { messagesRequestFromChat } from '../formats/anthropic-messages/request-from-chat.js';
import { messagesRequestFromResponses } from '../formats/anthropic-messages/request-from-responses.js';
import { messagesResponseFromChat } from '../formats/anthropic-messages/response-from-chat.js';
import { messagesResponseFromResponses } from '../formats/anthropic-messages/response-from-responses.js';
import type { MessagesRequest, MessagesResponse } from '../formats/anthropic-messages/wire.js';
import type { ProviderFormat, WireFormat } from '../formats/index.js';
import { chatRequestFromMessages } from '../formats/openai-chat/request-from-messages.js';
import { chatRequestFromResponses } from '../formats/openai-chat/request-from-responses.js';
import { chatResponseFromMessages } from '../formats/openai-chat/response-from-messages.js';
import { chatResponseFromResponses } from '../formats/openai-chat/response-from-responses.js';
import type { ChatRequest, ChatResponse } from '../formats/openai-chat/wire.js';
import {
  type ResponsesRequest,
  responsesResponseFromChat,
  responsesResponseFromMessages,
} from '../formats/openai-responses/index.js';
import { responsesRequestFromChat } from '../formats/openai-responses/request-from-chat.js';
import { responsesRequestFromMessages } from '../formats/openai-responses/request-from-messages.js';
import type { ResponsesResponse } from '../formats/openai-responses/wire.js';
import { TranslatedStream } from '../formats/stream-translation.js';
import type { RequestTranslation, ResponseContext } from '../formats/translation.js';
import { type RequestTarget, withProviderRules } from '../providers/index.js';

/** The three converters that let a client of one wire format use a provider of another. */
export interface Bridge {
  /** The client's request in the provider's format, with the provider's rules applied. */
  request(body: Record<string, unknown>, target: RequestTarget): RequestTranslation<object>;
  response(body: unknown, context: ResponseContext): object;
  stream(context: ResponseContext): TranslatedStream;
}

/**
 * What is pairwise still: the request and whole-answer converters of each direction. The rules
 * applied to the request and the stream (reader of the provider's format, writer of the client's)
 * follow from the direction itself (`bridgeFor`).
 */
interface Converters {
  request(body: Record<string, unknown>, target: RequestTarget): RequestTranslation<object>;
  response(body: unknown, context: ResponseContext): object;
}

const CONVERTERS: Partial<Record<`${WireFormat}->${ProviderFormat}`, Converters>> = {
  // Claude Code (Messages) on GPT, Grok via Chat, OpenRouter.
  'messages->chat': {
    request: (body, target) => chatRequestFromMessages(body as unknown as MessagesRequest, target),
    response: (body, context) => messagesResponseFromChat(body as ChatResponse, context),
  },
  // OpenAI clients on Claude and GLM.
  'chat->messages': {
    request: (body, target) => messagesRequestFromChat(body as unknown as ChatRequest, target),
    response: (body, context) => chatResponseFromMessages(body as MessagesResponse, context),
  },
  // Codex (Responses) on Grok and OpenRouter models.
  'responses->chat': {
    request: (body, target) => chatRequestFromResponses(body as unknown as ResponsesRequest, target),
    response: (body, context) => responsesResponseFromChat(body as ChatResponse, context),
  },
  // Codex on Claude and GLM.
  'responses->messages': {
    request: (body, target) => messagesRequestFromResponses(body as unknown as ResponsesRequest, target),
    response: (body, context) => responsesResponseFromMessages(body as MessagesResponse, context),
  },
  // Claude Code on current GPT models, which take tools with reasoning only on Responses.
  'messages->responses': {
    request: (body, target) => responsesRequestFromMessages(body as unknown as MessagesRequest, target),
    response: (body, context) => messagesResponseFromResponses(body as ResponsesResponse, context),
  },
  // OpenAI Chat clients on the same models.
  'chat->responses': {
    request: (body, target) => responsesRequestFromChat(body as unknown as ChatRequest, target),
    response: (body, context) => chatResponseFromResponses(body as ResponsesResponse, context),
  },
};

/** Each direction's bridge, built once. */
const BRIDGES = new Map(
  Object.entries(CONVERTERS).map(([direction, converters]) => {
    const [client, upstream] = direction.split('->') as [WireFormat, ProviderFormat];
    const bridge: Bridge = {
      request: (body, target) => withProviderRules(converters.request(body, target), upstream, target),
      response: converters.response,
      stream: (context) => new TranslatedStream(upstream, client, context),
    };
    return [direction, bridge];
  }),
);

export function bridgeFor(client: WireFormat, upstream: ProviderFormat): Bridge | undefined {
  return BRIDGES.get(`${client}->${upstream}`);
}
