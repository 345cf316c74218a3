/**
 * OpenAI Chat Completions wire types: the parts ekai reads or writes. Unknown fields may be
 * present on anything received and are preserved where a body passes through.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */

/**
 * Marks the exact end of a reusable prompt prefix on a content part (OpenAI, `gpt-5.6` and later);
 * it inherits the request's `prompt_cache_options.ttl`.
 * @see https://platform.openai.com/docs/guides/prompt-caching
 */
export interface ChatCacheBreakpoint {
  mode: 'explicit';
}
export interface ChatTextPart {
  type: 'text';
  text: string;
  prompt_cache_breakpoint?: ChatCacheBreakpoint;
}
export interface ChatImagePart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
  prompt_cache_breakpoint?: ChatCacheBreakpoint;
}
export interface ChatFilePart {
  type: 'file';
  file: { file_data?: string; file_id?: string; filename?: string };
  prompt_cache_breakpoint?: ChatCacheBreakpoint;
}
export type ChatContentPart =
  | ChatTextPart
  | ChatImagePart
  | ChatFilePart
  | { type: string; [key: string]: unknown };

export interface ChatFunctionToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}
/**
 * A call of a custom (free-text input) tool: its input is the text itself, not JSON arguments.
 * `function` is never present; it is declared absent so code reading a call that may be of either
 * kind (a client's history is untrusted) can ask `call.function?.name` without narrowing first.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 */
export interface ChatCustomToolCall {
  id: string;
  type: 'custom';
  custom: { name: string; input: string };
  function?: undefined;
}
export type ChatToolCall = ChatFunctionToolCall | ChatCustomToolCall;

/**
 * One piece of OpenRouter's structured reasoning (`reasoning_details`, next to the plain `reasoning`
 * text): readable text, a summary, or encrypted reasoning only the model's provider can read.
 * @see https://openrouter.ai/docs/use-cases/reasoning-tokens#reasoning-details-api-shape
 */
export type ChatReasoningDetail =
  | { type: 'reasoning.text'; text?: string | null; signature?: string | null; [key: string]: unknown }
  | { type: 'reasoning.summary'; summary: string; [key: string]: unknown }
  | { type: 'reasoning.encrypted'; data: string; [key: string]: unknown }
  | { type: string; [key: string]: unknown };

export interface ChatSystemMessage {
  role: 'system' | 'developer';
  content: string | ChatTextPart[];
  name?: string;
}
export interface ChatUserMessage {
  role: 'user';
  content: string | ChatContentPart[];
  name?: string;
}
export interface ChatAssistantMessage {
  role: 'assistant';
  content?: string | ChatTextPart[] | null;
  tool_calls?: ChatToolCall[];
  /** Reasoning text as DeepSeek, xAI (and, as `reasoning`, OpenRouter) send and accept it back. */
  reasoning_content?: string | null;
  /** OpenRouter's reasoning text, and the same reasoning structured. */
  reasoning?: string | null;
  reasoning_details?: ChatReasoningDetail[] | null;
  refusal?: string | null;
  name?: string;
}
export interface ChatToolMessage {
  role: 'tool';
  tool_call_id: string;
  content: string | ChatTextPart[];
}
export type ChatMessage = ChatSystemMessage | ChatUserMessage | ChatAssistantMessage | ChatToolMessage;

export interface ChatFunctionTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}
/**
 * A tool taking free text (Codex's `apply_patch`), optionally constrained by a grammar.
 * @see https://platform.openai.com/docs/guides/function-calling#custom-tools
 */
export interface ChatCustomTool {
  type: 'custom';
  custom: {
    name: string;
    description?: string;
    format?:
      | { type: 'text' }
      | { type: 'grammar'; grammar: { definition: string; syntax: 'lark' | 'regex' } };
  };
}
export type ChatTool = ChatFunctionTool | ChatCustomTool;

export type ChatToolChoice =
  | 'none'
  | 'auto'
  | 'required'
  | { type: 'function'; function: { name: string } }
  | { type: 'custom'; custom: { name: string } }
  | { type: 'allowed_tools'; [key: string]: unknown };

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
  top_p?: number;
  stop?: string | string[];
  n?: number;
  seed?: number;
  user?: string;
  tools?: ChatTool[];
  tool_choice?: ChatToolChoice;
  parallel_tool_calls?: boolean;
  reasoning_effort?: 'minimal' | 'low' | 'medium' | 'high' | string;
  response_format?: {
    type: 'text' | 'json_object' | 'json_schema';
    json_schema?: { name: string; description?: string; schema?: object; strict?: boolean | null };
  };
  frequency_penalty?: number;
  presence_penalty?: number;
  logprobs?: boolean;
  logit_bias?: Record<string, number>;
  metadata?: Record<string, string>;
  prompt_cache_key?: string;
  /**
   * OpenAI (`gpt-5.6` and later): `implicit` (the default) adds one breakpoint of its own next to
   * the parts' `prompt_cache_breakpoint`s, `explicit` uses only those.
   * @see https://platform.openai.com/docs/guides/prompt-caching
   */
  prompt_cache_options?: { mode?: 'implicit' | 'explicit'; ttl?: '30m' };
  [key: string]: unknown;
}

export type ChatFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /** `cache_write_tokens`: OpenRouter's count of prompt tokens written to the cache (Anthropic models). */
  prompt_tokens_details?: { cached_tokens?: number; cache_write_tokens?: number; [key: string]: unknown };
  completion_tokens_details?: { reasoning_tokens?: number; [key: string]: unknown };
  /** DeepSeek's name for the cached part of prompt_tokens (it has no prompt_tokens_details). */
  prompt_cache_hit_tokens?: number;
}

export interface ChatResponse {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: ChatAssistantMessage & { content: string | null; refusal?: string | null };
    logprobs: null;
    finish_reason: ChatFinishReason | null;
  }>;
  usage?: ChatUsage;
  system_fingerprint?: string | null;
}

/**
 * A fragment of a tool call in a stream. OpenAI documents only function calls here; a custom tool's
 * call is written with `type: "custom"` and `custom: {name, input}` fragments, the shape of the
 * whole call (ChatCustomToolCall) and as OpenAI is reported to send it.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 * @see https://github.com/openai/openai-openapi/issues/576
 */
export interface ChatToolCallDelta {
  index: number;
  id?: string;
  type?: 'function' | 'custom';
  function?: { name?: string; arguments?: string };
  custom?: { name?: string; input?: string };
}

export interface ChatChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  /** Some providers send `null` instead of `[]` on the usage chunk. */
  choices: Array<{
    index: number;
    delta: {
      role?: 'assistant';
      content?: string | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
      reasoning_details?: ChatReasoningDetail[] | null;
      tool_calls?: ChatToolCallDelta[];
      refusal?: string | null;
    };
    logprobs?: null;
    finish_reason: ChatFinishReason | null;
  }> | null;
  usage?: ChatUsage | null;
  error?: { message?: string; type?: string; code?: string | null };
}
