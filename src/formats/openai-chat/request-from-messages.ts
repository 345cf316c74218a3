import type { MessagesRequest } from '../anthropic-messages/wire.js';
import { type RequestTranslation, type TranslationContext, UnsupportedRequestError } from '../translation.js';
import { isRecord } from '../usage.js';
import { chatMessagesFromMessages } from './conversation-from-messages.js';
import { chatRequestNotes, type Warn } from './request-notes.js';
import { chatToolChoiceFromMessages, chatToolsFromMessages } from './tools-from-messages.js';
import type { ChatRequest } from './wire.js';

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
]);

/**
 * Messages request → Chat Completions request (TRANSLATION.md, "Requests, Messages → Chat"). Pure:
 * what Chat cannot express is dropped with a warning; only a body without a usable conversation
 * throws UnsupportedRequestError (400). What a provider or model refuses (OpenAI's reasoning models,
 * its limits on `stop` and `user`) is left to the provider's rules, applied to the result.
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function chatRequestFromMessages(
  body: MessagesRequest,
  context: TranslationContext,
): RequestTranslation<ChatRequest> {
  assertConversation(body);
  const { warnings, warn, renamed, toolName } = chatRequestNotes(true);
  const messages = chatMessagesFromMessages(body, { warn, toolName });
  const limit = maxTokens(body.max_tokens, context, warn);
  // Provider rules' notes on sampling and stop sequences come here, before the tools' and dropped fields'.
  const at = warnings.size;
  const toolFields = tools(body, toolName, warn);
  const chat: ChatRequest = {
    model: context.upstreamModel,
    messages,
    ...limit,
    ...chatSampling(body),
    ...stop(body.stop_sequences),
    ...toolFields,
    ...user(body.metadata),
    ...stream(body.stream),
  };
  warnUnconverted(body, warn);
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
    },
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

function tools(body: MessagesRequest, toolName: (name: string) => string, warn: Warn): Partial<ChatRequest> {
  const chatTools = chatToolsFromMessages(body.tools, toolName, warn);
  if (chatTools.length === 0) {
    const forced = body.tool_choice?.type === 'any' || body.tool_choice?.type === 'tool';
    if (forced) warn('tool_choice dropped: no function tools are sent');
    return {};
  }
  return { tools: chatTools, ...chatToolChoiceFromMessages(body.tool_choice, chatTools, toolName, warn) };
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
    if (key === 'thinking' && isRecord(value) && value.type === 'disabled') continue;
    warn(`${key} not sent: Chat has no equivalent`);
  }
  if (hasCacheControl(body)) warn('cache_control not sent: Chat providers cache prompts on their own');
}

function hasCacheControl(body: MessagesRequest): boolean {
  const blocks = [
    ...(Array.isArray(body.system) ? body.system : []),
    ...(body.tools ?? []),
    ...body.messages.flatMap((message) => (Array.isArray(message.content) ? message.content : [])),
  ];
  return blocks.some((block) => isRecord(block) && block.cache_control !== undefined);
}
