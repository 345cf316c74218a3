import { finishReasonFromChat } from '../openai-chat/map-finish-reason.js';
import { messageReasoningText } from '../openai-chat/reasoning-text.js';
import { clientToolName, UNNAMED_TOOL } from '../openai-chat/tool-names.js';
import type { ChatResponse, ChatToolCall } from '../openai-chat/wire.js';
import type { ResponseContext } from '../translation.js';
import { isRecord } from '../usage.js';
import { calledToolItem } from './client-tools.js';
import { compactionResponse, isCompacting } from './compaction.js';
import { callIdFrom, responseIdFrom, unixSeconds } from './ids.js';
import { outcomeOf } from './map-status.js';
import { finishedResponse, messageItem, reasoningItem } from './output-items.js';
import { responsesUsageFromChat } from './usage-from-chat.js';
import type { ResponsesOutputItem, ResponsesResponse } from './wire.js';

type ChatResponseMessage = NonNullable<ChatResponse['choices'][number]>['message'];

/**
 * A Chat completion → a Responses response: reasoning (`reasoning_content`, OpenRouter's
 * `reasoning`) as a reasoning item first, then the text as a message item (never an empty one),
 * then one function call item per tool call (a custom tool call for the client's custom tools),
 * with the client's tool names and the usage in OpenAI's convention. `finish_reason` `length` or
 * `content_filter` makes the response `incomplete`.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 */
export function responsesResponseFromChat(body: ChatResponse, context: ResponseContext): ResponsesResponse {
  const choice = Array.isArray(body.choices) ? body.choices[0] : undefined;
  const outcome = outcomeOf(finishReasonFromChat(choice?.finish_reason));
  const output = isRecord(choice?.message) ? outputItems(choice.message, context, outcome.status) : [];
  const fields = { id: responseIdFrom(body.id), createdAt: unixSeconds(), model: context.model, output };
  // A compaction Codex asked for: the answer is the summary, given as one compaction item.
  const answer = isCompacting(context) ? compactionResponse : finishedResponse;
  return answer(fields, outcome, responsesUsageFromChat(body.usage));
}

function outputItems(
  message: ChatResponseMessage,
  context: ResponseContext,
  status: 'completed' | 'incomplete',
): ResponsesOutputItem[] {
  const items: ResponsesOutputItem[] = [];
  // xAI and DeepSeek call it reasoning_content, OpenRouter reasoning (and reasoning_details).
  const reasoning = nonBlank(messageReasoningText(message));
  if (reasoning) items.push(reasoningItem(reasoning));
  // A refusal is what the model said instead of an answer: the client shows it as text.
  const text = nonBlank(textOf(message.content)) ?? nonBlank(message.refusal);
  if (text)
    items.push(messageItem(text, status === 'incomplete' && !hasToolCalls(message) ? status : 'completed'));
  const customTools = new Set(context.customTools);
  const usedIds = new Set<string>();
  for (const call of Array.isArray(message.tool_calls) ? message.tool_calls : []) {
    if (isRecord(call))
      items.push(calledToolItem(toolCallOf(call, context, usedIds), customTools, context.clientTools));
  }
  return items;
}

function toolCallOf(call: ChatToolCall, context: ResponseContext, usedIds: Set<string>) {
  const name = call.function?.name;
  return {
    callId: callIdFrom(call.id, usedIds),
    name: typeof name === 'string' && name !== '' ? clientToolName(name, context.toolNames) : UNNAMED_TOOL,
    arguments: typeof call.function?.arguments === 'string' ? call.function.arguments : '',
  };
}

function hasToolCalls(message: ChatResponseMessage): boolean {
  return Array.isArray(message.tool_calls) && message.tool_calls.length > 0;
}

/** Some providers send content as an array of text parts. */
function textOf(content: unknown): unknown {
  if (!Array.isArray(content)) return content;
  return content.map((part) => (typeof part?.text === 'string' ? part.text : '')).join('');
}

function nonBlank(text: unknown): string | undefined {
  return typeof text === 'string' && text.trim() !== '' ? text : undefined;
}
