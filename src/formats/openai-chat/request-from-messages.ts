import type { MessagesRequest } from '../anthropic-messages/wire.js';
import { type RequestTranslation, type TranslationContext, UnsupportedRequestError } from '../translation.js';
import { isRecord } from '../usage.js';
import { cacheFields } from './cache-from-messages.js';
import { type ChatProvider, type ChatTarget, carriesCacheControl, chatProviderOf } from './chat-providers.js';
import { chatMessagesFromMessages } from './conversation-from-messages.js';
import { chatRequestNotes, type Warn } from './request-notes.js';
import { responseFormatFromMessages } from './response-format-from-messages.js';
import { refuseMcpServers } from './server-tools-from-messages.js';
import { thinkingIntentFromMessages } from './thinking-from-messages.js';
import {
  chatToolChoiceFromMessages,
  chatToolsFromMessages,
  type LeftServerTool,
} from './tools-from-messages.js';
import type { ChatFunctionTool, ChatRequest } from './wire.js';

/**
 * How the Chat request is used. Messages → Responses goes through Chat (a step, then
 * `responsesRequestFromChat`): there Anthropic's server tools and `mcp_servers` are the next
 * step's to map onto its hosted tools (Responses `web_search`, `mcp`) or refuse, so this step
 * leaves them out of the body and returns them in `serverTools`, without a note or a 400.
 */
export interface ChatStep {
  leaveServerTools?: boolean;
}

/** The translation, with the server tools a `leaveServerTools` step left to the next one. */
export type ChatRequestTranslation = RequestTranslation<ChatRequest> & { serverTools?: LeftServerTool[] };

/** Fields converted below; any other field of the request has no Chat form and is not sent. */
const CONVERTED = new Set([
  'model',
  'messages',
  'system',
  'max_tokens',
  'stream',
  'temperature',
  'top_p',
  'stop_sequences',
  'tools',
  'tool_choice',
  'metadata',
  'thinking',
  'output_format',
  'mcp_servers',
  // Carried to OpenRouter's Claude models, else noted with the blocks' own (cache-from-messages.ts).
  'cache_control',
]);
/** `output_config` fields converted below (effort → the thinking intent, format → `response_format`). */
const CONVERTED_OUTPUT_CONFIG = new Set(['effort', 'format']);

/**
 * Messages request → Chat Completions request (TRANSLATION.md, "Requests, Messages → Chat"). Pure:
 * what Chat cannot express is dropped with a warning; what the model would answer wrongly without
 * (a server tool, an unreadable document, no conversation) throws UnsupportedRequestError (400).
 * Thinking and effort are returned as an intent (`thinking`), which the provider's profile renders
 * (`reasoning_effort`, OpenRouter's `reasoning`). What a provider or model refuses (OpenAI's
 * reasoning models, its limits on `stop` and `user`) is left to the provider's rules, applied to
 * the result. `context` is the proxy's RequestTarget: its profile names the provider.
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function chatRequestFromMessages(
  body: MessagesRequest,
  context: TranslationContext,
  step: ChatStep = {},
): ChatRequestTranslation {
  assertConversation(body);
  const provider = chatProviderOf(context as ChatTarget);
  if (!step.leaveServerTools) refuseMcpServers(body.mcp_servers, provider);
  const { warnings, warn, renamed, toolName } = chatRequestNotes(true);
  const carryCache = carriesCacheControl(provider, context.upstreamModel);
  const messages = chatMessagesFromMessages(body, { warn, toolName, provider, carryCache });
  const limit = maxTokens(body.max_tokens, context, warn);
  // Provider rules' notes on sampling, stop sequences and thinking come here, before the tools' and dropped fields'.
  const at = warnings.size;
  const thinking = thinkingIntentFromMessages(body, warn);
  const { fields: toolFields, left } = tools(body, toolName, warn, provider, step.leaveServerTools);
  const chat: ChatRequest = {
    model: context.upstreamModel,
    messages,
    ...limit,
    ...chatSampling(body),
    ...stop(body.stop_sequences),
    ...toolFields,
    ...responseFormatFromMessages(body),
    ...user(body.metadata),
    ...cacheFields(body, messages, { provider, carryCache, session: context.session, warn }),
    ...stream(body.stream),
  };
  warnUnconverted(body, warn);
  // Notes on the effort name what the client sent: Claude Code's /effort, or its thinking settings.
  const effortNotes = {
    at,
    name:
      isRecord(body.output_config) && 'effort' in body.output_config ? 'output_config.effort' : 'thinking',
  };
  return {
    body: chat,
    warnings: [...warnings],
    toolNames: renamed,
    parameters: {
      max_tokens: { at },
      temperature: { at },
      top_p: { at },
      stop: { at, name: 'stop_sequences' },
      user: { at, name: 'metadata.user_id' },
      thinking: { at },
      reasoning_effort: effortNotes,
      reasoning: effortNotes,
    },
    ...(thinking && { thinking }),
    ...(left.length > 0 && { serverTools: left }),
  };
}

/** The body is the client's JSON: messages must be an array of string or block-array contents. */
function assertConversation(body: MessagesRequest): void {
  if (!Array.isArray(body.messages)) {
    throw new UnsupportedRequestError('messages: an array is required', 'messages');
  }
  body.messages.forEach((message, index) => {
    if (isRecord(message) && isContent(message.content)) return;
    const param = `messages.${index}.content`;
    throw new UnsupportedRequestError(`${param}: a string or an array of content blocks is required`, param);
  });
}

function isContent(content: unknown): boolean {
  if (typeof content === 'string') return true;
  return (
    Array.isArray(content) && content.every((block) => isRecord(block) && typeof block.type === 'string')
  );
}

function maxTokens(requested: unknown, context: TranslationContext, warn: Warn): Partial<ChatRequest> {
  if (typeof requested !== 'number' || !(requested > 0)) return {};
  let value = requested;
  // Claude Code asks for up to 128000; most Chat models refuse more than their own maximum (bug 10).
  if (context.maxOutput !== undefined && requested > context.maxOutput) {
    value = context.maxOutput;
    warn(`max_tokens ${requested} clamped to the model's maximum output of ${value}`);
  }
  return { max_tokens: value };
}

/** `temperature` and `top_p`, as numbers (the Responses converter's too). */
export function chatSampling(body: { temperature?: unknown; top_p?: unknown }): Partial<ChatRequest> {
  const fields: Partial<ChatRequest> = {};
  for (const key of ['temperature', 'top_p'] as const) {
    const value = body[key];
    if (typeof value === 'number') fields[key] = value;
  }
  return fields;
}

function stop(sequences: unknown): Partial<ChatRequest> {
  if (!Array.isArray(sequences)) return {};
  const kept = sequences.filter(
    (sequence): sequence is string => typeof sequence === 'string' && sequence !== '',
  );
  return kept.length > 0 ? { stop: kept } : {};
}

function tools(
  body: MessagesRequest,
  toolName: (name: string) => string,
  warn: Warn,
  provider: ChatProvider,
  leaveServerTools = false,
): { fields: Partial<ChatRequest>; left: LeftServerTool[] } {
  const { functions, server, left } = chatToolsFromMessages(
    body.tools,
    toolName,
    warn,
    provider,
    leaveServerTools,
  );
  // The provider's own tools share `tools` with the functions (ChatRequest types only functions).
  const sent = [...functions, ...server] as ChatFunctionTool[];
  if (functions.length === 0) {
    const forced = body.tool_choice?.type === 'any' || body.tool_choice?.type === 'tool';
    if (forced && left.length === 0) warn('tool_choice dropped: no function tools are sent');
    return { fields: sent.length > 0 ? { tools: sent } : {}, left };
  }
  const choice = chatToolChoiceFromMessages(body.tool_choice, functions, toolName, warn);
  return { fields: { tools: sent, ...choice }, left };
}

/**
 * `metadata.user_id` → `user` (Claude Code sends a ~150-character JSON blob there; providers that
 * limit `user`'s length have a rule for it).
 */
function user(metadata: unknown): Partial<ChatRequest> {
  const userId = isRecord(metadata) ? metadata.user_id : undefined;
  return typeof userId === 'string' && userId !== '' ? { user: userId } : {};
}

/** Without `include_usage` a Chat stream carries no usage at all, and the bill is lost (bug 5). */
function stream(requested: unknown): Partial<ChatRequest> {
  return requested === true ? { stream: true, stream_options: { include_usage: true } } : {};
}

function warnUnconverted(body: MessagesRequest, warn: Warn): void {
  for (const [key, value] of Object.entries(body)) {
    if (CONVERTED.has(key) || value === undefined || value === null) continue;
    if (key === 'output_config' && isRecord(value)) {
      for (const [field, setting] of Object.entries(value)) {
        if (!CONVERTED_OUTPUT_CONFIG.has(field) && setting !== undefined && setting !== null)
          warn(`output_config.${field} not sent: Chat has no equivalent`);
      }
      continue;
    }
    warn(`${key} not sent: Chat has no equivalent`);
  }
}
