/**
 * OpenAI Responses wire types: the parts ekai reads or writes. Unknown fields may be present on
 * anything received.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */

// ——— Request ———

export interface ResponsesInputText {
  type: 'input_text';
  text: string;
}
export interface ResponsesInputImage {
  type: 'input_image';
  /** A data URL or an http(s) URL. */
  image_url?: string | null;
  file_id?: string | null;
  detail?: 'auto' | 'low' | 'high';
}
export interface ResponsesInputFile {
  type: 'input_file';
  /** A data URL (or bare base64 with a filename). */
  file_data?: string;
  file_id?: string | null;
  file_url?: string;
  filename?: string;
}
export interface ResponsesOutputText {
  type: 'output_text';
  text: string;
  annotations?: unknown[];
  logprobs?: unknown[];
}
export interface ResponsesRefusal {
  type: 'refusal';
  refusal: string;
}
export type ResponsesContentPart =
  | ResponsesInputText
  | ResponsesInputImage
  | ResponsesInputFile
  | ResponsesOutputText
  | ResponsesRefusal
  | { type: string; [key: string]: unknown };

/** `type` may be left out on messages (the SDKs' "easy input message"). */
export interface ResponsesMessageItem {
  type?: 'message';
  id?: string;
  role: 'user' | 'assistant' | 'system' | 'developer';
  content: string | ResponsesContentPart[];
  status?: string;
}
export interface ResponsesFunctionCallItem {
  type: 'function_call';
  id?: string;
  call_id: string;
  name: string;
  /** A JSON string. */
  arguments: string;
  status?: string;
}
/** Codex sends a string, or content items (input_text, input_image) for tools that return images. */
export type ResponsesToolOutput = string | ResponsesContentPart[];
export interface ResponsesFunctionCallOutputItem {
  type: 'function_call_output';
  id?: string;
  call_id: string;
  output: ResponsesToolOutput;
  status?: string;
}
export interface ResponsesCustomToolCallItem {
  type: 'custom_tool_call';
  id?: string;
  call_id: string;
  name: string;
  input: string;
  status?: string;
}
export interface ResponsesCustomToolCallOutputItem {
  type: 'custom_tool_call_output';
  id?: string;
  call_id: string;
  output: ResponsesToolOutput;
}
export interface ResponsesSummaryText {
  type: 'summary_text';
  text: string;
}
export interface ResponsesReasoningItem {
  type: 'reasoning';
  id?: string;
  summary: ResponsesSummaryText[];
  content?: Array<{ type: 'reasoning_text'; text: string }>;
  encrypted_content?: string | null;
  status?: string;
}
export type ResponsesInputItem =
  | ResponsesMessageItem
  | ResponsesFunctionCallItem
  | ResponsesFunctionCallOutputItem
  | ResponsesCustomToolCallItem
  | ResponsesCustomToolCallOutputItem
  | ResponsesReasoningItem
  | { type: string; [key: string]: unknown };

export interface ResponsesFunctionTool {
  type: 'function';
  name: string;
  description?: string | null;
  parameters?: Record<string, unknown> | null;
  strict?: boolean | null;
}
/** A tool whose input is free text, optionally constrained by a grammar (Codex's `apply_patch`). */
export interface ResponsesCustomTool {
  type: 'custom';
  name: string;
  description?: string;
  format?: { type: 'text' } | { type: 'grammar'; syntax: 'lark' | 'regex'; definition: string };
}
/** Hosted tools (web_search, file_search, local_shell, mcp, …) run only on OpenAI. */
export type ResponsesTool =
  | ResponsesFunctionTool
  | ResponsesCustomTool
  | { type: string; [key: string]: unknown };

export type ResponsesToolChoice =
  | 'none'
  | 'auto'
  | 'required'
  | { type: 'function'; name: string }
  | { type: 'custom'; name: string }
  | {
      type: 'allowed_tools';
      mode: 'auto' | 'required';
      tools: Array<{ type: string; name?: string; [key: string]: unknown }>;
    }
  | { type: string; [key: string]: unknown };

export type ResponsesTextFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      name: string;
      schema: Record<string, unknown>;
      description?: string;
      strict?: boolean | null;
    };

/** `max`: above xhigh, on the models that take it (not every model takes every effort). */
export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface ResponsesRequest {
  model: string;
  input?: string | ResponsesInputItem[];
  instructions?: string | null;
  tools?: ResponsesTool[];
  tool_choice?: ResponsesToolChoice;
  parallel_tool_calls?: boolean | null;
  /** The most calls to built-in tools (web search…) the response may make, all of them together. */
  max_tool_calls?: number | null;
  reasoning?: { effort?: ReasoningEffort | null; summary?: 'auto' | 'concise' | 'detailed' | null } | null;
  max_output_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  stream?: boolean | null;
  store?: boolean | null;
  include?: string[] | null;
  prompt_cache_key?: string;
  metadata?: Record<string, string> | null;
  text?: { format?: ResponsesTextFormat; verbosity?: 'low' | 'medium' | 'high' | null } | null;
  /** Needs responses stored server-side: refused on translated routes (ekai stores none). */
  previous_response_id?: string | null;
  user?: string;
  safety_identifier?: string;
  [key: string]: unknown;
}

// ——— Response ———

export interface ResponsesOutputMessage {
  id: string;
  type: 'message';
  status: ItemStatus;
  content: Array<Required<ResponsesOutputText>>;
  role: 'assistant';
}
export interface ResponsesOutputFunctionCall {
  id: string;
  type: 'function_call';
  status: ItemStatus;
  arguments: string;
  call_id: string;
  name: string;
}
export interface ResponsesOutputCustomToolCall {
  id: string;
  type: 'custom_tool_call';
  status: ItemStatus;
  call_id: string;
  name: string;
  input: string;
}
export interface ResponsesOutputReasoning {
  id: string;
  type: 'reasoning';
  summary: ResponsesSummaryText[];
  /** Reasoning to give back on the next request (OpenAI's is encrypted; ekai's carries Claude's). */
  encrypted_content?: string;
}
export type ResponsesOutputItem =
  | ResponsesOutputMessage
  | ResponsesOutputFunctionCall
  | ResponsesOutputCustomToolCall
  | ResponsesOutputReasoning;

export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

/** OpenAI's convention: `input_tokens` includes the cached tokens (as Chat's `prompt_tokens` does). */
export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export type ResponseStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

export interface ResponsesError {
  /** `server_error`, `rate_limit_exceeded`, … (Codex reads `rate_limit_exceeded` and `context_length_exceeded`). */
  code: string;
  message: string;
}

export interface ResponsesResponse {
  id: string;
  object: 'response';
  created_at: number;
  status: ResponseStatus;
  background: false;
  completed_at: number | null;
  error: ResponsesError | null;
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
  model: string;
  output: ResponsesOutputItem[];
  usage: ResponsesUsage | null;
}

// ——— Stream events (each is sent with `sequence_number` added) ———

interface ItemEvent {
  item_id: string;
  output_index: number;
}

export type ResponsesStreamEvent =
  | {
      type:
        | 'response.created'
        | 'response.in_progress'
        | 'response.completed'
        | 'response.incomplete'
        | 'response.failed';
      response: ResponsesResponse;
    }
  | {
      type: 'response.output_item.added' | 'response.output_item.done';
      output_index: number;
      item: ResponsesOutputItem;
    }
  | ({
      type: 'response.content_part.added' | 'response.content_part.done';
      content_index: number;
      part: Required<ResponsesOutputText>;
    } & ItemEvent)
  | ({ type: 'response.output_text.delta'; content_index: number; delta: string; logprobs: [] } & ItemEvent)
  | ({ type: 'response.output_text.done'; content_index: number; text: string; logprobs: [] } & ItemEvent)
  | ({ type: 'response.function_call_arguments.delta'; delta: string } & ItemEvent)
  | ({ type: 'response.function_call_arguments.done'; name: string; arguments: string } & ItemEvent)
  | ({ type: 'response.custom_tool_call_input.delta'; delta: string } & ItemEvent)
  | ({ type: 'response.custom_tool_call_input.done'; input: string } & ItemEvent)
  | ({
      type: 'response.reasoning_summary_part.added' | 'response.reasoning_summary_part.done';
      summary_index: number;
      part: ResponsesSummaryText;
    } & ItemEvent)
  | ({ type: 'response.reasoning_summary_text.delta'; summary_index: number; delta: string } & ItemEvent)
  | ({ type: 'response.reasoning_summary_text.done'; summary_index: number; text: string } & ItemEvent)
  | {
      type: 'error';
      code: string | null;
      message: string;
      param: string | null;
      /** The same, nested, as OpenAI sends it: the openai SDK throws on an event holding `error`. */
      error: { type: string; code: string | null; message: string; param: string | null };
    };
