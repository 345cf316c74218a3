import { parseJson } from '../stream-tap.js';
import { isRecord } from '../usage.js';
import { randomId, unixSeconds } from './ids.js';
import type { ResponseOutcome } from './map-status.js';
import type {
  ItemStatus,
  ResponsesError,
  ResponsesOutputCustomToolCall,
  ResponsesOutputFunctionCall,
  ResponsesOutputItem,
  ResponsesOutputMessage,
  ResponsesOutputReasoning,
  ResponsesOutputText,
  ResponsesResponse,
  ResponsesUsage,
} from './wire.js';

/**
 * Output items and the response object, shaped as OpenAI sends them: fresh `msg_`/`rs_`/`fc_`/
 * `ctc_` item ids, `output_text` parts with empty `annotations` and `logprobs`.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-output
 */

export function outputText(text: string): Required<ResponsesOutputText> {
  return { type: 'output_text', annotations: [], logprobs: [], text };
}

export function messageItem(text: string, status: ItemStatus, id = randomId('msg_')): ResponsesOutputMessage {
  return {
    id,
    type: 'message',
    status,
    content: status === 'in_progress' ? [] : [outputText(text)],
    role: 'assistant',
  };
}

/**
 * Reasoning text (Chat `reasoning_content`, Messages thinking) as the reasoning summary Codex shows,
 * and, for Claude's thinking, the block itself as `encrypted_content` (carried-reasoning.ts), which
 * the client gives back on the next request. Reasoning no provider takes back has none.
 */
export function reasoningItem(
  text: string | undefined,
  id = randomId('rs_'),
  encryptedContent?: string,
): ResponsesOutputReasoning {
  return {
    id,
    type: 'reasoning',
    summary: text === undefined ? [] : [{ type: 'summary_text', text }],
    ...(encryptedContent !== undefined && { encrypted_content: encryptedContent }),
  };
}

export interface ToolCall {
  callId: string;
  name: string;
  /** The upstream arguments, a JSON text. */
  arguments: string;
}

export function functionCallItem(
  call: ToolCall,
  status: ItemStatus,
  id = randomId('fc_'),
): ResponsesOutputFunctionCall {
  const { callId, name } = call;
  return { id, type: 'function_call', status, arguments: call.arguments, call_id: callId, name };
}

export function customToolCallItem(
  call: ToolCall,
  status: ItemStatus,
  id = randomId('ctc_'),
): ResponsesOutputCustomToolCall {
  // The input is known once the arguments JSON is complete: empty while in progress.
  const input = status === 'in_progress' ? '' : customToolInput(call.arguments);
  return { id, type: 'custom_tool_call', status, call_id: call.callId, name: call.name, input };
}

/** A finished call to a function tool, or to a custom tool when `customTools` names it. */
export function toolCallItem(call: ToolCall, customTools: ReadonlySet<string>): ResponsesOutputItem {
  return customTools.has(call.name)
    ? customToolCallItem(call, 'completed')
    : functionCallItem({ ...call, arguments: functionArguments(call.arguments) }, 'completed');
}

/** Responses always carries a JSON text; a call without arguments is `{}`, as OpenAI sends it. */
export function functionArguments(text: string): string {
  return text.trim() === '' ? '{}' : text;
}

/**
 * A custom tool went upstream as a function taking `{"input": string}` (request side): the string
 * is the tool's input. Arguments of another shape are passed on as they are, for the client to
 * report.
 */
export function customToolInput(argumentsText: string): string {
  const parsed = parseJson(argumentsText);
  return isRecord(parsed) && typeof parsed.input === 'string' ? parsed.input : argumentsText;
}

export interface ResponseFields {
  id: string;
  createdAt: number;
  model: string;
  output: ResponsesOutputItem[];
}

/** A response still being streamed (`response.created`, `response.in_progress`). */
export function inProgressResponse(fields: ResponseFields): ResponsesResponse {
  return responseObject(fields, 'in_progress', null, null, null);
}

export function finishedResponse(
  fields: ResponseFields,
  outcome: ResponseOutcome,
  usage: ResponsesUsage,
): ResponsesResponse {
  return responseObject(fields, outcome.status, null, outcome.incompleteDetails, usage);
}

export function failedResponse(fields: ResponseFields, error: ResponsesError): ResponsesResponse {
  return responseObject(fields, 'failed', error, null, null);
}

/**
 * The request's own parameters (instructions, tools, temperature…), which OpenAI repeats in the
 * response object, are not repeated: no client reads them back, and the translated request is not
 * what the client sent.
 */
function responseObject(
  fields: ResponseFields,
  status: ResponsesResponse['status'],
  error: ResponsesError | null,
  incompleteDetails: ResponsesResponse['incomplete_details'],
  usage: ResponsesUsage | null,
): ResponsesResponse {
  const ended = status === 'completed' || status === 'incomplete' || status === 'failed';
  return {
    id: fields.id,
    object: 'response',
    created_at: fields.createdAt,
    status,
    background: false,
    completed_at: status === 'completed' ? unixSeconds() : null,
    error,
    incomplete_details: incompleteDetails,
    model: fields.model,
    output: ended ? fields.output : [],
    usage,
  };
}
