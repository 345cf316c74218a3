import type { OpenAiWebSearch } from '../anthropic-messages/web-search-from-openai.js';
import { matters } from '../custom-tools.js';
import type { ClientToolMap } from '../openai-responses/client-tools.js';
import { compactionInputFrom } from '../openai-responses/compaction-input.js';
import type { ResponsesRequest } from '../openai-responses/wire.js';
import { type RequestTranslation, type TranslationContext, UnsupportedRequestError } from '../translation.js';
import { isRecord } from '../usage.js';
import { chatMessagesFromResponses } from './conversation-from-responses.js';
import { chatSampling } from './request-from-messages.js';
import { chatRequestNotes, type Warn } from './request-notes.js';
import { chatToolsFromResponses } from './tools-from-responses.js';
import type { ChatRequest } from './wire.js';

export interface ResponsesRequestTranslation<Body> extends RequestTranslation<Body> {
  /** Client names of custom tools: pass on as ResponseContext.customTools. */
  customTools: string[];
  /**
   * Codex's own tools sent under names of ekai's (namespaces' tools, tool search, local shell):
   * pass on as ResponseContext.clientTools, for calls to them to go back as the items Codex expects.
   */
  clientTools?: ClientToolMap;
  /** Messages providers: the forced tool emulating `text.format: json_schema`; pass on as ResponseContext.jsonTool. */
  jsonTool?: string;
  /**
   * A Messages target only: the web search tools, left out of the Chat body (a Chat provider runs
   * none) for the Messages step to map to Anthropic's web search tool.
   */
  webSearch?: OpenAiWebSearch[];
  /**
   * The request asks for a compaction (its input ends with `compaction_trigger`) and went upstream
   * as a request for a summary: pass on as ResponseContext.compaction, for the answer to be one
   * compaction item carrying it (openai-responses/compaction.ts).
   */
  compaction?: true;
}

/** How the Chat request is meant to be used: sent to a Chat provider, or handed on to the Messages converter. */
export interface ChatTarget {
  /** The provider's wire format, as warnings name it. */
  name: 'Chat' | 'Messages';
  /** Chat providers: shorten long tool names, clamp, ask for the stream's usage. */
  chatProvider: boolean;
}

const CHAT: ChatTarget = { name: 'Chat', chatProvider: true };

/**
 * Request fields converted below, or dropped without a warning because they change nothing the
 * provider does: `reasoning.summary` (reasoning text is passed on whenever the provider sends it),
 * `store: false`, `prompt_cache_key` (a routing hint; Messages providers get cache breakpoints
 * instead), `stream_options`, `include: ["reasoning.encrypted_content"]` (Codex always asks; the
 * reasoning items simply carry none). Every other field is reported.
 */
const CONVERTED = new Set([
  'model',
  'input',
  'instructions',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'reasoning',
  'max_output_tokens',
  'temperature',
  'top_p',
  'stream',
  'stream_options',
  'text',
  'user',
  'safety_identifier',
  'prompt_cache_key',
  'store',
  'include',
  'previous_response_id',
  'background',
]);

/**
 * OpenAI Responses request → Chat Completions request (TRANSLATION.md, "Responses"), for Codex and
 * other Responses clients on xAI, OpenRouter (and OpenAI when Chat is forced). Pure: what Chat cannot
 * express is dropped with a warning; what needs responses stored server-side (ekai stores none)
 * throws UnsupportedRequestError (400). What a provider or model refuses (OpenAI's reasoning models,
 * its limit on `user`) is left to the provider's rules, applied to the result.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function chatRequestFromResponses(
  body: ResponsesRequest,
  context: TranslationContext,
): ResponsesRequestTranslation<ChatRequest> {
  return chatFromResponses(body, context, CHAT);
}

/**
 * The conversion itself; `target` says whether the Chat request goes out or on to the Messages
 * converter. It lives here, with the Chat converters, because what it writes is a Chat request:
 * Responses → Messages (`../anthropic-messages/request-from-responses.ts`) calls it first and then
 * `messagesRequestFromChat`, so both provider formats share one reading of a Responses request.
 */
export function chatFromResponses(
  sent: ResponsesRequest,
  context: TranslationContext,
  target: ChatTarget,
): ResponsesRequestTranslation<ChatRequest> {
  assertServable(sent);
  const { warnings, warn, renamed, toolName } = chatRequestNotes(target.chatProvider);
  // Compaction: a summary asked for instead of the trigger, earlier summaries given back in place.
  const compaction = compactionInputFrom(sent, warn);
  const body = compaction.body;
  const messages = chatMessagesFromResponses(body, { warn, toolName, target: target.name });
  const tools = chatToolsFromResponses(body, toolName, warn, !target.chatProvider);
  const limit = maxTokens(body.max_output_tokens, context, target, warn);
  // Provider rules' notes on these parameters come here, before the text format's and dropped fields'.
  const at = warnings.size;
  const chat: ChatRequest = {
    model: context.upstreamModel,
    messages,
    ...limit,
    ...chatSampling(body),
    ...tools.fields,
    ...reasoningEffort(body.reasoning),
    ...responseFormat(body.text, target, warn),
    ...user(body),
    ...stream(body.stream, target),
  };
  warnUnconverted(body, target, warn);
  return {
    body: chat,
    warnings: [...warnings],
    toolNames: renamed,
    customTools: tools.customTools,
    ...(tools.clientTools.size > 0 && { clientTools: tools.clientTools }),
    ...(tools.webSearch.length > 0 && { webSearch: tools.webSearch }),
    ...(compaction.compaction && { compaction: true as const }),
    parameters: {
      max_tokens: { at, name: 'max_output_tokens' },
      temperature: { at },
      top_p: { at },
      user: { at },
    },
  };
}

/**
 * Previous responses, conversations, stored prompts and item references live in OpenAI's storage;
 * ekai keeps none, so a request built on them cannot be served (Codex sends `store: false` and the
 * whole history instead). Background mode answers later, through storage, too.
 */
function assertServable(body: ResponsesRequest): void {
  if (!isRecord(body)) throw new UnsupportedRequestError('the body must be a JSON object');
  const stored: Array<[string, boolean]> = [
    [
      'previous_response_id',
      typeof body.previous_response_id === 'string' && body.previous_response_id !== '',
    ],
    ['conversation', body.conversation !== undefined && body.conversation !== null],
    ['prompt', body.prompt !== undefined && body.prompt !== null],
    ['background', body.background === true],
  ];
  for (const [param, used] of stored) {
    if (used)
      throw new UnsupportedRequestError(
        `${param} needs responses stored by the provider, which only OpenAI's own Responses API does: send the whole conversation in input instead`,
        param,
      );
  }
}

function maxTokens(
  requested: unknown,
  context: TranslationContext,
  target: ChatTarget,
  warn: Warn,
): Partial<ChatRequest> {
  if (typeof requested !== 'number' || !(requested >= 1)) return {};
  let value = Math.floor(requested);
  // The Messages converter clamps (and defaults) on its own.
  if (target.chatProvider && context.maxOutput !== undefined && value > context.maxOutput) {
    warn(`max_output_tokens ${value} clamped to the model's maximum output of ${context.maxOutput}`);
    value = context.maxOutput;
  }
  return target.chatProvider ? { max_tokens: value } : { max_completion_tokens: value };
}

/** `reasoning.effort` → `reasoning_effort` (the Messages converter makes a thinking budget of it). */
function reasoningEffort(reasoning: ResponsesRequest['reasoning']): Partial<ChatRequest> {
  const effort = isRecord(reasoning) ? reasoning.effort : undefined;
  return typeof effort === 'string' ? { reasoning_effort: effort } : {};
}

/** `text.format` → `response_format`; `text.verbosity` is OpenAI's own. */
function responseFormat(
  text: ResponsesRequest['text'],
  target: ChatTarget,
  warn: Warn,
): Partial<ChatRequest> {
  if (!isRecord(text)) return {};
  if (typeof text.verbosity === 'string') warn(`text.verbosity not sent: ${target.name} has no equivalent`);
  const format: unknown = text.format;
  if (!isRecord(format) || format.type === 'text') return {};
  if (format.type === 'json_object') return { response_format: { type: 'json_object' } };
  if (format.type === 'json_schema') {
    const { name, schema, description, strict } = format as Record<string, unknown>;
    return {
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: typeof name === 'string' && name !== '' ? name : 'response',
          ...(typeof description === 'string' && { description }),
          ...(isRecord(schema) && { schema }),
          ...(typeof strict === 'boolean' && { strict }),
        },
      },
    };
  }
  warn(`text.format ${String(format.type)} not sent: ${target.name} has no equivalent`);
  return {};
}

/**
 * `user` (or its successor `safety_identifier`) → `user`, which the Messages converter makes
 * `metadata.user_id` (providers that limit `user`'s length have a rule for it).
 */
function user(body: ResponsesRequest): Partial<ChatRequest> {
  const id = [body.user, body.safety_identifier].find((value) => typeof value === 'string' && value !== '');
  return typeof id === 'string' ? { user: id } : {};
}

/** Without `include_usage` a Chat stream carries no usage at all, and the bill is lost (bug 5). */
function stream(requested: unknown, target: ChatTarget): Partial<ChatRequest> {
  if (requested !== true) return {};
  return target.chatProvider ? { stream: true, stream_options: { include_usage: true } } : { stream: true };
}

function warnUnconverted(body: ResponsesRequest, target: ChatTarget, warn: Warn): void {
  if (body.store === true) warn('store ignored: ekai does not store responses');
  const include = Array.isArray(body.include) ? body.include : [];
  for (const entry of include)
    if (entry !== 'reasoning.encrypted_content')
      warn(`include ${String(entry)} ignored: ${target.name} has no equivalent`);
  for (const [key, value] of Object.entries(body)) {
    if (CONVERTED.has(key) || !matters(value)) continue;
    if (key === 'truncation' && value === 'disabled') continue;
    if (key === 'service_tier' && (value === 'auto' || value === 'default')) continue;
    warn(`${key} not sent: ${target.name} has no equivalent`);
  }
}
