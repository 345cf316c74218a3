import { uniqueCallId, unixSeconds } from '../ids.js';
import { finishFromResponses, type ResponsesFinish } from '../openai-responses/map-status.js';
import { responsesUsageToTokens } from '../openai-responses/usage.js';
import type { ResponsesResponse } from '../openai-responses/wire.js';
import type { ResponseContext } from '../translation.js';
import { isRecord } from '../usage.js';
import { chatFinishReason } from './map-finish-reason.js';
import { chatCompletionId } from './response-from-messages.js';
import { calledToolName } from './tool-names.js';
import { chatUsageOf } from './usage.js';
import type { ChatResponse, ChatToolCall, ChatUsage } from './wire.js';

/** Separates reasoning summary parts joined into one text (each is a paragraph of its own). */
const PARAGRAPH = '\n\n';

/**
 * A call of a custom (free-text input) tool, as Chat returns it.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 */
interface ChatCustomToolCall {
  id: string;
  type: 'custom';
  custom: { name: string; input: string };
}

/**
 * A whole Responses answer → a Chat completion: the `output_text` of the message items joined into
 * `content` (refusals into `refusal`), the reasoning summary as `reasoning_content` (the encrypted
 * reasoning has no place in Chat), `function_call` items as `tool_calls` (custom tool calls as custom
 * ones), with the client's tool names; usage in Chat's convention, reasoning tokens included.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
export function chatResponseFromResponses(body: ResponsesResponse, context: ResponseContext): ChatResponse {
  const output: unknown[] = Array.isArray(body?.output) ? body.output : [];
  const items = output.filter(isRecord);
  const text = partTexts(items, 'output_text', 'text').join('');
  const refusal = partTexts(items, 'refusal', 'refusal').join('');
  const reasoning = reasoningTexts(items).join(PARAGRAPH);
  const usedIds = new Set<string>();
  const toolCalls = items.flatMap((item) => toolCallOf(item, context, usedIds));
  return {
    id: chatCompletionId(body?.id),
    object: 'chat.completion',
    created: typeof body?.created_at === 'number' ? Math.floor(body.created_at) : unixSeconds(),
    model: context.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text === '' && (toolCalls.length > 0 || refusal !== '') ? null : text,
          refusal: refusal === '' ? null : refusal,
          ...(reasoning !== '' && { reasoning_content: reasoning }),
          ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
        },
        logprobs: null,
        finish_reason: chatFinishReason(finishOfResponse(body, toolCalls.length > 0)?.reason),
      },
    ],
    usage: chatUsageFromResponses(body?.usage),
  };
}

/**
 * How a whole Responses answer ended (`finishFromResponses`: the stream reader's reading of the
 * final status); undefined for a response that neither completed nor stopped short.
 */
export function finishOfResponse(
  body: Pick<ResponsesResponse, 'status' | 'incomplete_details'> | undefined,
  calledTools: boolean,
): ResponsesFinish | undefined {
  const status = body?.status;
  return status === 'completed' || status === 'incomplete'
    ? finishFromResponses(status, body?.incomplete_details, calledTools)
    : undefined;
}

/**
 * Responses `usage` → Chat `usage`, through TokenUsage: both count the cached tokens inside the
 * prompt, and the reasoning tokens inside the output, broken out in `completion_tokens_details`.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage
 */
export function chatUsageFromResponses(usage: unknown): ChatUsage {
  const tokens = responsesUsageToTokens(usage);
  const chat = chatUsageOf(tokens);
  if (tokens?.reasoningTokens === undefined) return chat;
  return { ...chat, completion_tokens_details: { reasoning_tokens: tokens.reasoningTokens } };
}

/** The `field` of every content part of type `type` in the message items, in order. */
function partTexts(items: Record<string, unknown>[], type: string, field: string): string[] {
  return items.flatMap((item) => {
    if (item.type !== 'message' || !Array.isArray(item.content)) return [];
    return item.content.flatMap((part: unknown) =>
      isRecord(part) && part.type === type && typeof part[field] === 'string' ? [part[field]] : [],
    );
  });
}

/** The summary of each reasoning item, or its reasoning text where a model gives that instead. */
function reasoningTexts(items: Record<string, unknown>[]): string[] {
  return items.flatMap((item) => {
    if (item.type !== 'reasoning') return [];
    const summary = textsOf(item.summary, 'summary_text');
    return summary.length > 0 ? summary : textsOf(item.content, 'reasoning_text');
  });
}

function textsOf(parts: unknown, type: string): string[] {
  return (Array.isArray(parts) ? parts : []).flatMap((part: unknown) =>
    isRecord(part) && part.type === type && typeof part.text === 'string' && part.text.trim() !== ''
      ? [part.text]
      : [],
  );
}

function toolCallOf(
  item: Record<string, unknown>,
  context: ResponseContext,
  usedIds: Set<string>,
): Array<ChatToolCall | ChatCustomToolCall> {
  if (item.type !== 'function_call' && item.type !== 'custom_tool_call') return [];
  // The client answers each call under its id: the upstream's call_id, or a fresh one.
  const id = uniqueCallId(item.call_id, usedIds, 'call_');
  const name = calledToolName(item.name, context.toolNames);
  if (item.type === 'function_call') {
    const args = typeof item.arguments === 'string' ? item.arguments : '';
    return [{ id, type: 'function', function: { name, arguments: args } }];
  }
  return [{ id, type: 'custom', custom: { name, input: typeof item.input === 'string' ? item.input : '' } }];
}
