import { matters } from '../custom-tools.js';
import type { ChatRequest } from '../openai-chat/wire.js';
import {
  type RequestTranslation,
  type ThinkingIntent,
  type TranslationContext,
  UnsupportedRequestError,
} from '../translation.js';
import { isRecord } from '../usage.js';
import { withCacheBreakpoints } from './cache-breakpoints.js';
import { conversationFromChat } from './conversation-from-chat.js';
import { outputFormatFromChat } from './output-format-from-chat.js';
import { takesNativeStructuredOutputs } from './structured-output-models.js';
import { outputLimitsFromChat } from './thinking-from-chat.js';
import { type ToolsTranslation, toolsFromChat } from './tools-from-chat.js';
import {
  messagesWebSearchTools,
  type OpenAiWebSearch,
  webSearchFromChatOptions,
} from './web-search-from-openai.js';
import type { CacheControl, MessageParam, MessagesRequest, TextBlock, ToolChoice } from './wire.js';

export interface MessagesRequestTranslation extends RequestTranslation<MessagesRequest> {
  /** Set when `response_format: json_schema` became a forced tool: pass it on as ResponseContext.jsonTool. */
  jsonTool?: string;
  /** The client's custom (free text) tools: pass on as ResponseContext.customTools. */
  customTools?: string[];
}

/**
 * Chat fields with no Messages equivalent: dropped, with a warning when set to something that
 * matters (the reason, when there is more to say than "no equivalent").
 */
const UNSUPPORTED_FIELDS: Record<string, string> = {
  frequency_penalty: 'Messages has no equivalent',
  presence_penalty: 'Messages has no equivalent',
  seed: 'Messages has no equivalent',
  logprobs: 'Messages returns no token log probabilities (each choice has logprobs: null)',
  top_logprobs: 'Messages returns no token log probabilities',
  logit_bias: 'Messages has no equivalent',
  audio: 'Messages has no audio output',
  modalities: 'Messages has no equivalent',
  prediction: 'Messages has no equivalent',
};

/**
 * The target as the proxy passes it (`RequestTarget` of src/providers/rules/apply.ts): its profile
 * names the provider, which decides whether web search can run. formats/ may not import providers/,
 * so the name is read structurally.
 */
export type MessagesTarget = TranslationContext & { profile?: { name: string } };

/**
 * An OpenAI Chat Completions request → an Anthropic Messages request (TRANSLATION.md, "Requests,
 * Chat → Messages"). Throws UnsupportedRequestError for what Messages cannot serve (`n > 1`, parts
 * the model would not see). Thinking is returned as an intent (`thinking`) for the provider's
 * thinking style to render, and what a model refuses (one sampler on Claude 4.5+) is left to the
 * provider's rules.
 *
 * Prompt caching: OpenAI caches every prompt by itself; Anthropic only up to marked blocks, so the
 * request gets cache breakpoints (cache-breakpoints.ts) with the configured lifetime, unless the
 * client asked for its explicit breakpoints only (`prompt_cache_options.mode: "explicit"`).
 * `prompt_cache_key` is not sent and not warned about: it only steers which OpenAI machine serves
 * the prompt, and Anthropic's cache matches the exact prefix up to a breakpoint, whoever asks.
 * `prompt_cache_options.ttl` is `30m`, OpenAI's only value, so it says nothing the configured
 * lifetime does not.
 *
 * Web search (`web_search_options`, or the Responses `web_search` tools the Chat step of Responses →
 * Messages hands on in `webSearch`) becomes Anthropic's web search server tool on Anthropic, and a
 * 400 naming the provider elsewhere (web-search-from-openai.ts).
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @see https://platform.openai.com/docs/guides/prompt-caching
 */
export function messagesRequestFromChat(
  body: ChatRequest,
  context: MessagesTarget,
  webSearch: readonly OpenAiWebSearch[] = [],
  restoreThinking?: (messages: MessageParam[], warnings: string[]) => void,
): MessagesRequestTranslation {
  if (typeof body.n === 'number' && body.n > 1)
    throw new UnsupportedRequestError(
      'n > 1 is not supported: Messages providers return a single choice',
      'n',
    );
  const warnings: string[] = [];
  const breakpoint: CacheControl =
    context.cacheTtl === '1h' ? { type: 'ephemeral', ttl: '1h' } : { type: 'ephemeral' };
  const conversation = conversationFromChat(body.messages, warnings, breakpoint);
  const { messages } = conversation;
  // Claude's own thinking a Responses client carried back, in place before thinking is decided on.
  restoreThinking?.(messages, warnings);
  const limits = outputLimitsFromChat(body, messages, context, warnings);
  const { maxTokens } = limits;
  // The thinking style's notes (budget raised or reduced) come here, before the tools'.
  const thinkingAt = warnings.length;
  const native = takesNativeStructuredOutputs(context.upstreamModel);
  const output = outputFormatFromChat(body.response_format, native, warnings);
  const system = output.instruction
    ? [...conversation.system, { type: 'text', text: output.instruction } satisfies TextBlock]
    : conversation.system;
  const fromOptions = webSearchFromChatOptions(body.web_search_options);
  const searches = fromOptions ? [fromOptions, ...webSearch] : webSearch;
  const serverTools = messagesWebSearchTools(searches, context.profile?.name, warnings);
  const {
    tools,
    tool_choice: toolChoice,
    jsonTool,
    customTools,
  } = toolsFromChat(body, warnings, {
    native,
    jsonViaTool: output.viaTool,
    serverTools,
  });
  const thinking = forcedJsonTool(jsonTool, toolChoice)
    ? withoutThinking(limits.thinking, warnings)
    : limits.thinking;
  warnDropped(body, warnings);
  const sampling = thinking ? {} : samplingFromChat(body, warnings);
  // A one-sampler rule's note comes here, after the temperature clamp's.
  const samplingAt = warnings.length;
  const request: MessagesRequest = {
    model: context.upstreamModel,
    ...(system.length > 0 && { system }),
    messages,
    max_tokens: maxTokens,
    ...sampling,
    ...stopSequencesFromChat(body.stop, warnings),
    ...(tools && { tools }),
    ...(toolChoice && { tool_choice: thinking ? choiceWithThinking(toolChoice, warnings) : toolChoice }),
    ...(output.format && { output_config: { format: output.format } }),
    ...metadataFromChat(body),
    ...(typeof body.stream === 'boolean' && { stream: body.stream }),
  };
  if (thinking) warnSamplingDropped(body, warnings);
  const cacheOptions = { ttl: context.cacheTtl, automatic: !explicitCachingOnly(body) };
  return {
    body: withCacheBreakpoints(request, cacheOptions, warnings),
    warnings,
    toolNames: new Map(),
    ...(jsonTool && { jsonTool }),
    ...(customTools.length > 0 && { customTools }),
    parameters: {
      thinking: { at: thinkingAt },
      temperature: { at: samplingAt },
      top_p: { at: samplingAt },
    },
    ...(thinking && { thinking }),
  };
}

/** The JSON-schema fallback tool is forced (alone, or `any` among the client's tools). */
function forcedJsonTool(jsonTool: string | undefined, choice: ToolChoice | undefined): boolean {
  return (
    jsonTool !== undefined &&
    (choice?.type === 'any' || (choice?.type === 'tool' && choice.name === jsonTool))
  );
}

/**
 * Messages cannot force a tool while thinking; where the JSON answer is a forced tool (models
 * without JSON outputs) the schema the client will parse wins over thinking, which is dropped.
 */
function withoutThinking(thinking: ThinkingIntent | undefined, warnings: string[]): undefined {
  if (thinking)
    warnings.push(
      'reasoning_effort dropped: this model answers response_format json_schema through a forced tool, which Messages cannot force while thinking',
    );
  return undefined;
}

/** OpenAI's `prompt_cache_options.mode: "explicit"`: cache only at the client's own breakpoints. */
function explicitCachingOnly(body: ChatRequest): boolean {
  return isRecord(body.prompt_cache_options) && body.prompt_cache_options.mode === 'explicit';
}

/** Messages' temperature range is 0..1, Chat's 0..2: clamped rather than rescaled, as other gateways do. */
function samplingFromChat(
  body: ChatRequest,
  warnings: string[],
): Pick<MessagesRequest, 'temperature' | 'top_p'> {
  const temperature =
    typeof body.temperature === 'number' ? Math.min(1, Math.max(0, body.temperature)) : undefined;
  if (temperature !== undefined && temperature !== body.temperature)
    warnings.push(`temperature ${body.temperature} clamped to ${temperature} (Messages accepts 0 to 1)`);
  const topP = typeof body.top_p === 'number' ? body.top_p : undefined;
  return {
    ...(temperature !== undefined && { temperature }),
    ...(topP !== undefined && { top_p: topP }),
  };
}

/** Messages rejects sampling parameters while thinking is on. */
function warnSamplingDropped(body: ChatRequest, warnings: string[]): void {
  for (const field of ['temperature', 'top_p'] as const)
    if (typeof body[field] === 'number') warnings.push(`${field} dropped: not allowed with thinking on`);
}

/** Messages does not allow forcing a tool while thinking, so a forced choice becomes auto. */
function choiceWithThinking(
  choice: NonNullable<ToolsTranslation['tool_choice']>,
  warnings: string[],
): ToolChoice {
  if (choice.type !== 'any' && choice.type !== 'tool') return choice;
  warnings.push(`tool_choice ${choice.type} became auto: Messages cannot force a tool while thinking`);
  const { disable_parallel_tool_use: disableParallel } = choice;
  return {
    type: 'auto',
    ...(disableParallel !== undefined && { disable_parallel_tool_use: disableParallel }),
  };
}

/** Messages rejects whitespace-only stop sequences. */
function stopSequencesFromChat(stop: unknown, warnings: string[]): Pick<MessagesRequest, 'stop_sequences'> {
  const list: unknown[] = typeof stop === 'string' ? [stop] : Array.isArray(stop) ? stop : [];
  const kept = list.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '');
  if (kept.length < list.length)
    warnings.push('whitespace-only stop sequences dropped: Messages rejects them');
  return kept.length > 0 ? { stop_sequences: kept } : {};
}

/** `user` (or its successor `safety_identifier`) identifies the end user, as `metadata.user_id` does. */
function metadataFromChat(body: ChatRequest): Pick<MessagesRequest, 'metadata'> {
  const user = typeof body.user === 'string' && body.user !== '' ? body.user : body.safety_identifier;
  return typeof user === 'string' && user !== '' ? { metadata: { user_id: user } } : {};
}

function warnDropped(body: ChatRequest, warnings: string[]): void {
  for (const [field, reason] of Object.entries(UNSUPPORTED_FIELDS))
    if (matters(body[field])) warnings.push(`${field} dropped: ${reason}`);
}
