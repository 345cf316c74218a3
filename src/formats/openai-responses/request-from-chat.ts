import { matters } from '../custom-tools.js';
import { chatSampling } from '../openai-chat/request-from-messages.js';
import { chatRequestNotes, type Warn } from '../openai-chat/request-notes.js';
import type { ChatRequest } from '../openai-chat/wire.js';
import { type RequestTranslation, type TranslationContext, UnsupportedRequestError } from '../translation.js';
import { isRecord } from '../usage.js';
import { responsesInputFromChat } from './input-from-chat.js';
import { responsesToolsFromChat } from './tools-from-chat.js';
import type { ReasoningEffort, ResponsesRequest, ResponsesTextFormat } from './wire.js';

/**
 * OpenAI Responses refuses a smaller `max_output_tokens` ("integer below minimum value. Expected a
 * value >= 16"), and clients send less: quota probes ask for a single token.
 */
const MIN_OUTPUT_TOKENS = 16;

/**
 * Request fields converted below, or dropped without a warning because they change nothing:
 * `stream_options.include_usage` (Responses always reports usage), `n: 1`, `modalities: ["text"]`.
 * Every other field that is set is reported.
 */
const CONVERTED = new Set([
  'model',
  'messages',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'reasoning_effort',
  'response_format',
  'verbosity',
  'user',
  'safety_identifier',
  'metadata',
  'prompt_cache_key',
  'prompt_cache_retention',
  'service_tier',
  'store',
  'stream',
  'stream_options',
  'n',
  'modalities',
]);

/** Why a Chat field has no Responses form, where "no equivalent" would not say enough. */
const NOT_SENT_BECAUSE: Record<string, string> = {
  stop: 'Responses has no stop sequences',
  logprobs: 'log probabilities are not carried back from Responses',
  top_logprobs: 'log probabilities are not carried back from Responses',
};

/** Fields the provider takes as the client sent them (both are OpenAI's APIs). */
const SAME_FIELDS = [
  'user',
  'safety_identifier',
  'prompt_cache_key',
  'prompt_cache_retention',
  'service_tier',
] as const;

/**
 * Chat Completions request → OpenAI Responses request, for Chat clients on models that take tools
 * with reasoning only through Responses (GPT-5.4 and later). Pure: what Responses cannot express is
 * dropped with a warning; what cannot be served at all (`n > 1`, audio) throws
 * UnsupportedRequestError (400). ekai keeps no responses, so `store` is always false.
 *
 * `reasoning_effort` is written as `reasoning: {effort, summary: "auto"}` here (the summary is what
 * the client gets back as `reasoning_content`) with the encrypted reasoning included, and no
 * thinking intent is returned.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 * @see https://platform.openai.com/docs/guides/migrate-to-responses
 */
export function responsesRequestFromChat(
  body: ChatRequest,
  context: TranslationContext,
): RequestTranslation<ResponsesRequest> & { customTools?: string[] } {
  assertServable(body);
  // Tool names are kept: a Chat client's names already fit OpenAI's limits.
  const { warnings, warn } = chatRequestNotes(false);
  const { instructions, input } = responsesInputFromChat(body.messages, warn);
  const tools = responsesToolsFromChat(body, warn);
  const limit = maxOutputTokens(body, context, warn);
  // Provider rules' notes on these parameters come here, before the text format's and dropped fields'.
  const at = warnings.size;
  const request: ResponsesRequest = {
    model: context.upstreamModel,
    ...(instructions !== undefined && { instructions }),
    input,
    ...tools,
    ...limit.fields,
    // temperature and top_p, as numbers: the same fields in both formats.
    ...(chatSampling(body) as Pick<ResponsesRequest, 'temperature' | 'top_p'>),
    ...reasoning(body.reasoning_effort),
    ...text(body, warn),
    ...sameFields(body),
    ...(isRecord(body.metadata) && { metadata: body.metadata as Record<string, string> }),
    store: false,
    ...include(body.reasoning_effort),
    ...stream(body),
  };
  warnUnconverted(body, warn);
  // Calls to the client's custom tools go back to it as custom calls (ResponseContext.customTools).
  const customTools = (body.tools ?? []).flatMap((tool) =>
    tool.type === 'custom' && typeof tool.custom?.name === 'string' ? [tool.custom.name] : [],
  );
  return {
    ...(customTools.length > 0 && { customTools }),
    body: request,
    warnings: [...warnings],
    toolNames: new Map(),
    parameters: {
      max_output_tokens: { at, name: limit.clientName },
      temperature: { at },
      top_p: { at },
      reasoning: { at, name: 'reasoning_effort' },
      user: { at },
    },
  };
}

/** Several choices and audio answers have no Responses form. */
function assertServable(body: ChatRequest): void {
  if (!isRecord(body)) throw new UnsupportedRequestError('the body must be a JSON object');
  if (typeof body.n === 'number' && body.n > 1)
    throw new UnsupportedRequestError('n > 1 is not supported: Responses returns a single answer', 'n');
  if (body.audio !== undefined && body.audio !== null)
    throw new UnsupportedRequestError('audio is not supported: Responses answers in text', 'audio');
  if (Array.isArray(body.modalities) && body.modalities.includes('audio'))
    throw new UnsupportedRequestError(
      'modalities: audio is not supported: Responses answers in text',
      'modalities',
    );
}

/**
 * `max_completion_tokens` (or the older `max_tokens`) → `max_output_tokens`, clamped to the model's
 * maximum output (bug 10) and raised to the Responses minimum, each with a warning.
 */
function maxOutputTokens(
  body: ChatRequest,
  context: TranslationContext,
  warn: Warn,
): { fields: Pick<ResponsesRequest, 'max_output_tokens'>; clientName: string } {
  const clientName = typeof body.max_completion_tokens === 'number' ? 'max_completion_tokens' : 'max_tokens';
  const requested = body[clientName];
  if (typeof requested !== 'number' || !(requested >= 1)) return { fields: {}, clientName };
  let value = Math.floor(requested);
  if (context.maxOutput !== undefined && value > context.maxOutput) {
    warn(`${clientName} ${value} clamped to the model's maximum output of ${context.maxOutput}`);
    value = context.maxOutput;
  }
  if (value < MIN_OUTPUT_TOKENS) {
    warn(`${clientName} ${value} raised to ${MIN_OUTPUT_TOKENS}, the least Responses accepts`);
    value = MIN_OUTPUT_TOKENS;
  }
  return { fields: { max_output_tokens: value }, clientName };
}

/**
 * `reasoning_effort` → `reasoning.effort`, with `summary: "auto"`: Responses returns no reasoning
 * text without it. Effort `none` turns reasoning off, so it asks for no summary.
 * @see https://platform.openai.com/docs/guides/reasoning
 */
function reasoning(effort: unknown): Pick<ResponsesRequest, 'reasoning'> {
  if (!isEffort(effort)) return {};
  const requested = effort as ReasoningEffort;
  return { reasoning: effort === 'none' ? { effort: requested } : { effort: requested, summary: 'auto' } };
}

/**
 * With reasoning on, the encrypted reasoning is asked for, as Codex does: with `store: false` it is
 * the only form in which reasoning can be handed back on a later turn.
 * @see https://platform.openai.com/docs/guides/reasoning
 */
function include(effort: unknown): Pick<ResponsesRequest, 'include'> {
  return isEffort(effort) && effort !== 'none' ? { include: ['reasoning.encrypted_content'] } : {};
}

function isEffort(effort: unknown): effort is string {
  return typeof effort === 'string' && effort !== '';
}

/** `response_format` → `text.format` (the JSON schema's fields move up one level); `verbosity` → `text.verbosity`. */
function text(body: ChatRequest, warn: Warn): Pick<ResponsesRequest, 'text'> {
  const format = textFormat(body.response_format, warn);
  const verbosity = typeof body.verbosity === 'string' ? body.verbosity : undefined;
  if (format === undefined && verbosity === undefined) return {};
  return {
    text: {
      ...(format && { format }),
      ...(verbosity && { verbosity: verbosity as 'low' | 'medium' | 'high' }),
    },
  };
}

/** @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-text */
function textFormat(format: unknown, warn: Warn): ResponsesTextFormat | undefined {
  if (!isRecord(format) || format.type === 'text') return undefined;
  if (format.type === 'json_object') return { type: 'json_object' };
  if (format.type === 'json_schema' && isRecord(format.json_schema)) {
    const { name, schema, description, strict } = format.json_schema;
    return {
      type: 'json_schema',
      name: typeof name === 'string' && name !== '' ? name : 'response',
      schema: isRecord(schema) ? schema : {},
      ...(typeof description === 'string' && { description }),
      ...(typeof strict === 'boolean' && { strict }),
    };
  }
  warn(`response_format ${String(format.type)} not sent: Responses has no equivalent`);
  return undefined;
}

function sameFields(body: ChatRequest): Partial<ResponsesRequest> {
  return Object.fromEntries(
    SAME_FIELDS.flatMap((key) => {
      const value = body[key];
      return typeof value === 'string' && value !== '' ? [[key, value]] : [];
    }),
  );
}

/** Responses' own stream option (`include_usage` is not one: Responses always reports usage). */
function stream(body: ChatRequest): Partial<ResponsesRequest> {
  if (body.stream !== true) return {};
  const options: unknown = body.stream_options;
  const obfuscation = isRecord(options) ? options.include_obfuscation : undefined;
  return {
    stream: true,
    ...(typeof obfuscation === 'boolean' && { stream_options: { include_obfuscation: obfuscation } }),
  };
}

function warnUnconverted(body: ChatRequest, warn: Warn): void {
  if (body.store === true) warn('store ignored: ekai asks the provider to store nothing');
  for (const [key, value] of Object.entries(body)) {
    if (CONVERTED.has(key) || !matters(value)) continue;
    warn(`${key} not sent: ${NOT_SENT_BECAUSE[key] ?? 'Responses has no equivalent'}`);
  }
}
