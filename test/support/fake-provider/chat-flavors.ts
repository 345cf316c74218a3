/**
 * The three Chat Completions flavours. OpenAI's follows recorded gpt-4.1 streams (2026): `usage:
 * null` on every chunk with include_usage, `obfuscation`, role merged into the first tool-call
 * chunk. xAI's and OpenRouter's differ in ids, reasoning fields and usage, as recorded.
 */
import type { IdSource } from './ids.js';
import type { JsonObject, PlannedUsage } from './scenarios.js';
import { commentFrame, type Frame } from './sse.js';
import type { ProviderName } from './types.js';

export type Delta = JsonObject;
type ToolCallDelta = JsonObject;
type ChatProvider = Extract<ProviderName, 'openai' | 'xai' | 'openrouter'>;

interface Envelope {
  id: string;
  created: number;
  model: string;
  obfuscation?: string;
}

export interface ChatFlavor {
  completionId(ids: IdSource, created: number): string;
  /** A streamed chunk; `usage` undefined leaves the field out, null writes `"usage":null`. */
  chunk(envelope: Envelope, choices: JsonObject[], usage: JsonObject | null | undefined): JsonObject;
  completion(envelope: Envelope, choice: JsonObject, usage: JsonObject): JsonObject;
  streamChoice(delta: Delta, finishReason: string | null): JsonObject;
  completionChoice(message: JsonObject, finishReason: string): JsonObject;
  message(content: string | null, reasoning: string | null, toolCalls: JsonObject[]): JsonObject;
  roleDelta(): Delta;
  contentDelta(text: string): Delta;
  /** null: the provider never streams reasoning text (OpenAI's Chat API only counts it). */
  reasoningDelta: ((text: string) => Delta) | null;
  toolDelta(toolCalls: ToolCallDelta[], withRole: boolean): Delta;
  finishDelta(): Delta;
  usage(usage: PlannedUsage): JsonObject;
  /** OpenRouter reports usage on every stream, asked or not. */
  alwaysStreamsUsage: boolean;
  /** OpenAI pads deltas with a random `obfuscation` string unless include_obfuscation is false. */
  obfuscates: boolean;
  prelude: Frame[];
}

const FINGERPRINT = 'fp_f4e5d6c7b8';

function promptTokens(usage: PlannedUsage): number {
  return usage.input + usage.cacheRead + usage.cacheWrite;
}

const openai: ChatFlavor = {
  completionId: (ids) => `chatcmpl-${ids.token(29)}`,
  chunk: ({ id, created, model, obfuscation }, choices, usage) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    service_tier: 'default',
    system_fingerprint: FINGERPRINT,
    choices,
    ...(usage === undefined ? {} : { usage }),
    ...(obfuscation === undefined ? {} : { obfuscation }),
  }),
  completion: ({ id, created, model }, choice, usage) => ({
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [choice],
    usage,
    service_tier: 'default',
    system_fingerprint: FINGERPRINT,
  }),
  streamChoice: (delta, finishReason) => ({ index: 0, delta, logprobs: null, finish_reason: finishReason }),
  completionChoice: (message, finishReason) => ({
    index: 0,
    message,
    logprobs: null,
    finish_reason: finishReason,
  }),
  message: (content, _reasoning, toolCalls) => ({
    role: 'assistant',
    content,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    refusal: null,
    annotations: [],
  }),
  roleDelta: () => ({ role: 'assistant', content: '', refusal: null }),
  contentDelta: (text) => ({ content: text }),
  reasoningDelta: null,
  toolDelta: (toolCalls, withRole) =>
    withRole
      ? { role: 'assistant', content: null, tool_calls: toolCalls, refusal: null }
      : { tool_calls: toolCalls },
  finishDelta: () => ({}),
  usage: (usage) => ({
    prompt_tokens: promptTokens(usage),
    completion_tokens: usage.output,
    total_tokens: promptTokens(usage) + usage.output,
    prompt_tokens_details: { cached_tokens: usage.cacheRead, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  }),
  alwaysStreamsUsage: false,
  obfuscates: true,
  prelude: [],
};

/** xAI: UUID ids, `reasoning_content` deltas (grok-3-mini), `num_sources_used` in usage. */
const xai: ChatFlavor = {
  ...openai,
  obfuscates: false,
  completionId: (ids) => ids.uuid(),
  chunk: ({ id, created, model }, choices, usage) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices,
    ...(usage === undefined ? {} : { usage }),
    system_fingerprint: FINGERPRINT,
  }),
  completion: ({ id, created, model }, choice, usage) => ({
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [choice],
    usage,
    system_fingerprint: FINGERPRINT,
  }),
  streamChoice: (delta, finishReason) => ({ index: 0, delta, finish_reason: finishReason }),
  completionChoice: (message, finishReason) => ({ index: 0, message, finish_reason: finishReason }),
  message: (content, reasoning, toolCalls) => ({
    role: 'assistant',
    content,
    ...(reasoning === null ? {} : { reasoning_content: reasoning }),
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    refusal: null,
  }),
  roleDelta: () => ({ role: 'assistant', content: '' }),
  reasoningDelta: (text) => ({ reasoning_content: text }),
  toolDelta: (toolCalls, withRole) =>
    withRole ? { role: 'assistant', content: null, tool_calls: toolCalls } : { tool_calls: toolCalls },
  usage: (usage) => ({
    prompt_tokens: promptTokens(usage),
    completion_tokens: usage.output,
    total_tokens: promptTokens(usage) + usage.output,
    prompt_tokens_details: {
      text_tokens: promptTokens(usage),
      audio_tokens: 0,
      image_tokens: 0,
      cached_tokens: usage.cacheRead,
    },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
    num_sources_used: 0,
  }),
};

const UPSTREAMS: Record<string, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  'x-ai': 'xAI',
  'z-ai': 'Z.AI',
};

function openRouterUpstream(model: string): string {
  return UPSTREAMS[model.split('/')[0] ?? ''] ?? 'OpenAI';
}

/** OpenRouter: `gen-` ids, role on every delta, `reasoning`, native finish reasons, cost in usage. */
const openrouter: ChatFlavor = {
  ...openai,
  completionId: (ids, created) => `gen-${created}-${ids.token(20)}`,
  chunk: ({ id, created, model }, choices, usage) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    provider: openRouterUpstream(model),
    choices,
    ...(usage ? { usage } : {}),
  }),
  completion: ({ id, created, model }, choice, usage) => ({
    id,
    object: 'chat.completion',
    created,
    model,
    provider: openRouterUpstream(model),
    choices: [choice],
    usage,
  }),
  streamChoice: (delta, finishReason) => ({
    index: 0,
    delta,
    finish_reason: finishReason,
    native_finish_reason: finishReason,
  }),
  completionChoice: (message, finishReason) => ({
    logprobs: null,
    finish_reason: finishReason,
    native_finish_reason: finishReason,
    index: 0,
    message,
  }),
  message: (content, reasoning, toolCalls) => ({
    role: 'assistant',
    content,
    refusal: null,
    reasoning,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  }),
  roleDelta: () => ({ role: 'assistant', content: '' }),
  contentDelta: (text) => ({ content: text, role: 'assistant' }),
  reasoningDelta: (text) => ({
    content: '',
    role: 'assistant',
    reasoning: text,
    reasoning_details: [{ type: 'reasoning.text', text, format: 'unknown', index: 0 }],
  }),
  toolDelta: (toolCalls) => ({ content: null, role: 'assistant', tool_calls: toolCalls }),
  finishDelta: () => ({ content: '', role: 'assistant' }),
  usage: (usage) => {
    const prompt = promptTokens(usage);
    const promptCost = Number((prompt * 2.5e-6).toFixed(8));
    const completionCost = Number((usage.output * 1e-5).toFixed(8));
    const cost = Number((promptCost + completionCost).toFixed(8));
    return {
      prompt_tokens: prompt,
      completion_tokens: usage.output,
      total_tokens: prompt + usage.output,
      cost,
      is_byok: false,
      prompt_tokens_details: {
        cached_tokens: usage.cacheRead,
        cache_write_tokens: usage.cacheWrite,
        audio_tokens: 0,
        video_tokens: 0,
      },
      cost_details: {
        upstream_inference_cost: cost,
        upstream_inference_prompt_cost: promptCost,
        upstream_inference_completions_cost: completionCost,
      },
      completion_tokens_details: { reasoning_tokens: usage.reasoning, image_tokens: 0, audio_tokens: 0 },
    };
  },
  alwaysStreamsUsage: true,
  obfuscates: false,
  prelude: [commentFrame('OPENROUTER PROCESSING'), commentFrame('OPENROUTER PROCESSING')],
};

const FLAVORS: Record<ChatProvider, ChatFlavor> = { openai, xai, openrouter };

export function flavorFor(provider: ProviderName): ChatFlavor {
  return FLAVORS[provider as ChatProvider] ?? openai;
}
