import { chatResponseFromResponses, finishOfResponse } from '../openai-chat/response-from-responses.js';
import type { ResponsesResponse } from '../openai-responses/wire.js';
import type { ResponseContext } from '../translation.js';
import { messageIdFromChat } from './ids.js';
import { stopReasonOf } from './map-stop-reason.js';
import { messagesResponseFromChat } from './response-from-chat.js';
import type { MessagesResponse } from './wire.js';

/**
 * A whole Responses answer → a Messages response, through Chat: `chatResponseFromResponses` then
 * `messagesResponseFromChat`, so the reasoning summary becomes a thinking block exactly as a Chat
 * provider's reasoning does (with the empty signature that marks it unsigned: only Anthropic signs
 * thinking), then the text, then one `tool_use` per call (`id` = `call_id`), with usage by the Chat
 * rules (`input_tokens` without the cached tokens, `cache_read_input_tokens` = them). The stop
 * reason is read off the response itself, as the stream reader does, so that an incomplete
 * response's own reason reaches the client where Chat has no word for it.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 * @see https://docs.anthropic.com/en/api/messages
 */
export function messagesResponseFromResponses(
  body: ResponsesResponse,
  context: ResponseContext,
): MessagesResponse {
  const chat = chatResponseFromResponses(body, context);
  // The Chat answer already carries the client's tool names: they are not looked up twice.
  const messages = messagesResponseFromChat(chat, { ...context, toolNames: new Map() });
  const calledTools = messages.content.some((block) => block.type === 'tool_use');
  const finish = finishOfResponse(body, calledTools);
  return {
    ...messages,
    // `msg_` + the response id, not + the Chat step's completion id.
    id: messageIdFromChat(body?.id),
    stop_reason: stopReasonOf(finish?.reason, finish?.raw, calledTools),
  };
}
