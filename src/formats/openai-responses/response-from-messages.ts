import { finishReasonFromMessages } from '../anthropic-messages/map-stop-reason.js';
import type { ContentBlock, MessagesResponse } from '../anthropic-messages/wire.js';
import { clientToolName, UNNAMED_TOOL } from '../openai-chat/tool-names.js';
import type { ResponseContext } from '../translation.js';
import { isRecord } from '../usage.js';
import { callIdFrom, responseIdFrom, unixSeconds } from './ids.js';
import { outcomeOf } from './map-status.js';
import { finishedResponse, messageItem, reasoningItem, toolCallItem } from './output-items.js';
import { responsesUsageFromMessages } from './usage-from-messages.js';
import type { ResponsesOutputItem, ResponsesResponse } from './wire.js';

/**
 * A Messages answer → a Responses response, block by block in order: thinking → a reasoning item
 * (the signature has no place in it), a run of text blocks → one message item, `tool_use` → a
 * function call item (`arguments` = the input as JSON; a custom tool call for the client's custom
 * tools; the forced JSON tool of `text.format: json_schema` → its input as the message text).
 * Redacted thinking and server tool blocks are left out. `max_tokens` and `refusal` make the
 * response `incomplete`.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 */
export function responsesResponseFromMessages(
  body: MessagesResponse,
  context: ResponseContext,
): ResponsesResponse {
  const outcome = outcomeOf(finishReasonFromMessages(body.stop_reason));
  const output = outputItems(Array.isArray(body.content) ? body.content : [], context, outcome.status);
  return finishedResponse(
    { id: responseIdFrom(body.id), createdAt: unixSeconds(), model: context.model, output },
    outcome,
    responsesUsageFromMessages(body.usage),
  );
}

function outputItems(
  blocks: ContentBlock[],
  context: ResponseContext,
  status: 'completed' | 'incomplete',
): ResponsesOutputItem[] {
  const items: ResponsesOutputItem[] = [];
  const customTools = new Set(context.customTools);
  const usedIds = new Set<string>();
  let text = '';
  const flushText = () => {
    if (text.trim() !== '') items.push(messageItem(text, 'completed'));
    text = '';
  };
  for (const block of blocks) {
    if (!isRecord(block)) continue;
    if (block.type === 'text' && typeof block.text === 'string') {
      text += block.text;
    } else if (
      block.type === 'tool_use' &&
      context.jsonTool !== undefined &&
      block.name === context.jsonTool
    ) {
      text += JSON.stringify(block.input ?? {});
    } else if (block.type === 'tool_use') {
      flushText();
      items.push(toolCallItem(toolCallOf(block, context, usedIds), customTools));
    } else if (
      block.type === 'thinking' &&
      typeof block.thinking === 'string' &&
      block.thinking.trim() !== ''
    ) {
      flushText();
      items.push(reasoningItem(block.thinking));
    }
  }
  flushText();
  // The message the model was writing when it was cut off is the incomplete one.
  const last = items.at(-1);
  if (status === 'incomplete' && last?.type === 'message') last.status = 'incomplete';
  return items;
}

function toolCallOf(
  block: Extract<ContentBlock, { type: 'tool_use' }>,
  context: ResponseContext,
  usedIds: Set<string>,
) {
  const name = typeof block.name === 'string' && block.name !== '' ? block.name : UNNAMED_TOOL;
  return {
    callId: callIdFrom(block.id, usedIds),
    name: clientToolName(name, context.toolNames),
    arguments: JSON.stringify(block.input ?? {}),
  };
}
