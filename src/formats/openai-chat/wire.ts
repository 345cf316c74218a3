/**
 * OpenAI Chat Completions wire types: the parts ekai reads or writes. Unknown fields may be
 * present on anything received and are preserved where a body passes through.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */

export interface ChatTextPart {
  type: 'text';
  text: string;
}
export interface ChatImagePart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}
export interface ChatFilePart {
  type: 'file';
  file: { file_data?: string; file_id?: string; filename?: string };
}
export type ChatContentPart =
  | ChatTextPart
  | ChatImagePart
  | ChatFilePart
  | { type: string; [key: string]: unknown };

export interface ChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

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

export type ChatToolChoice =
  | 'none'
  | 'auto'
  | 'required'
  | { type: 'function'; function: { name: string } }
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
  tools?: ChatFunctionTool[];
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

export interface ChatToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
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
      tool_calls?: ChatToolCallDelta[];
      refusal?: string | null;
    };
    logprobs?: null;
    finish_reason: ChatFinishReason | null;
  }> | null;
  usage?: ChatUsage | null;
  error?: { message?: string; type?: string; code?: string | null };
}
