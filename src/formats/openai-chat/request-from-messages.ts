import { createHash } from 'node:crypto';
import type { MessagesRequest } from '../anthropic-messages/wire.js';
import { type RequestTranslation, type TranslationContext, UnsupportedRequestError } from '../translation.js';
import { isRecord } from '../usage.js';
import { chatMessagesFromMessages } from './conversation-from-messages.js';
import type { Warn } from './parts-from-messages.js';
import { shortenToolName } from './tool-names.js';
import { chatToolChoiceFromMessages, chatToolsFromMessages } from './tools-from-messages.js';
import type { ChatRequest } from './wire.js';

export interface ChatRequestContext extends TranslationContext {
  /** o-series and gpt-5 ids (the caller decides): `max_completion_tokens`, no sampling or `stop`. */
  reasoningModel?: boolean;
}

/** OpenAI refuses more stop sequences than this. */
const MAX_STOP_SEQUENCES = 4;
/** OpenAI refuses a longer `user`. */
const MAX_USER_LENGTH = 64;

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
 * throws UnsupportedRequestError (400).
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function chatRequestFromMessages(
  body: MessagesRequest,
  context: ChatRequestContext,
): RequestTranslation<ChatRequest> {
  assertConversation(body);
  const warnings = new Set<string>();
  const warn: Warn = (warning) => warnings.add(warning);
  const renamed = new Map<string, string>();
  const toolName = (name: string) => shortenToolName(name, renamed);
  const messages = chatMessagesFromMessages(body, { warn, toolName });
  const chat: ChatRequest = {
    model: context.upstreamModel,
    messages,
    ...maxTokens(body.max_tokens, context, warn),
    ...sampling(body, context, warn),
    ...stop(body.stop_sequences, context, warn),
    ...tools(body, toolName, warn),
    ...user(body.metadata),
    ...stream(body.stream),
  };
  warnUnconverted(body, warn);
  return { body: chat, warnings: [...warnings], toolNames: renamed };
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

function maxTokens(requested: unknown, context: ChatRequestContext, warn: Warn): Partial<ChatRequest> {
  if (typeof requested !== 'number' || !(requested > 0)) return {};
  let value = requested;
  // Claude Code asks for up to 128000; most Chat models refuse more than their own maximum (bug 10).
  if (context.maxOutput !== undefined && requested > context.maxOutput) {
    value = context.maxOutput;
    warn(`max_tokens ${requested} clamped to the model's maximum output of ${value}`);
  }
  return context.reasoningModel ? { max_completion_tokens: value } : { max_tokens: value };
}

/** Reasoning models refuse `temperature` and `top_p` other than the default, so they are not sent there. */
function sampling(body: MessagesRequest, context: ChatRequestContext, warn: Warn): Partial<ChatRequest> {
  const fields: Partial<ChatRequest> = {};
  for (const key of ['temperature', 'top_p'] as const) {
    const value = body[key];
    if (typeof value !== 'number') continue;
    if (!context.reasoningModel) fields[key] = value;
    else if (value !== 1) warn(`${key} not sent: reasoning models take only the default`);
  }
  return fields;
}

function stop(sequences: unknown, context: ChatRequestContext, warn: Warn): Partial<ChatRequest> {
  if (!Array.isArray(sequences)) return {};
  const kept = sequences.filter(
    (sequence): sequence is string => typeof sequence === 'string' && sequence !== '',
  );
  if (kept.length === 0) return {};
  if (context.reasoningModel) {
    warn('stop_sequences not sent: reasoning models do not take `stop`');
    return {};
  }
  if (kept.length > MAX_STOP_SEQUENCES) warn(`stop_sequences beyond the first ${MAX_STOP_SEQUENCES} dropped`);
  return { stop: kept.slice(0, MAX_STOP_SEQUENCES) };
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
 * `metadata.user_id` → `user`. OpenAI refuses a `user` over 64 characters, and Claude Code sends a
 * ~150-character JSON blob there, so a longer id is sent as its SHA-256 (64 hex digits): still one
 * stable value per id.
 */
function user(metadata: unknown): Partial<ChatRequest> {
  const userId = isRecord(metadata) ? metadata.user_id : undefined;
  if (typeof userId !== 'string' || userId === '') return {};
  if (userId.length <= MAX_USER_LENGTH) return { user: userId };
  return { user: createHash('sha256').update(userId).digest('hex') };
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
