import type { ChatRequest } from '../openai-chat/wire.js';
import { type RequestTranslation, type TranslationContext, UnsupportedRequestError } from '../translation.js';
import { conversationFromChat } from './conversation-from-chat.js';
import { outputLimitsFromChat } from './thinking-from-chat.js';
import { type ToolsTranslation, toolsFromChat } from './tools-from-chat.js';
import type { MessagesRequest, ToolChoice } from './wire.js';

export interface MessagesRequestTranslation extends RequestTranslation<MessagesRequest> {
  /** Set when `response_format: json_schema` became a forced tool: pass it on as ResponseContext.jsonTool. */
  jsonTool?: string;
}

/** Chat fields with no Messages equivalent: dropped, with a warning when set to something that matters. */
const UNSUPPORTED_FIELDS = [
  'frequency_penalty',
  'presence_penalty',
  'seed',
  'logprobs',
  'top_logprobs',
  'logit_bias',
  'audio',
  'modalities',
  'prediction',
  'web_search_options',
] as const;

/**
 * An OpenAI Chat Completions request → an Anthropic Messages request (TRANSLATION.md, "Requests,
 * Chat → Messages"). Throws UnsupportedRequestError for what Messages cannot serve (`n > 1`).
 * Thinking is returned as an intent (`thinking`) for the provider's thinking style to render, and
 * what a model refuses (one sampler on Claude 4.5+) is left to the provider's rules.
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function messagesRequestFromChat(
  body: ChatRequest,
  context: TranslationContext,
): MessagesRequestTranslation {
  if (typeof body.n === 'number' && body.n > 1)
    throw new UnsupportedRequestError(
      'n > 1 is not supported: Messages providers return a single choice',
      'n',
    );
  const warnings: string[] = [];
  const { system, messages } = conversationFromChat(body.messages, warnings);
  const { maxTokens, thinking } = outputLimitsFromChat(body, messages, context, warnings);
  // The thinking style's notes (budget raised or reduced) come here, before the tools'.
  const thinkingAt = warnings.length;
  const { tools, tool_choice: toolChoice, jsonTool } = toolsFromChat(body, warnings);
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
    ...metadataFromChat(body),
    ...(typeof body.stream === 'boolean' && { stream: body.stream }),
  };
  if (thinking) warnSamplingDropped(body, warnings);
  return {
    body: request,
    warnings,
    toolNames: new Map(),
    ...(jsonTool && { jsonTool }),
    parameters: {
      thinking: { at: thinkingAt },
      temperature: { at: samplingAt },
      top_p: { at: samplingAt },
    },
    ...(thinking && { thinking }),
  };
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
  for (const field of UNSUPPORTED_FIELDS)
    if (matters(body[field])) warnings.push(`${field} dropped: Messages has no equivalent`);
}

/** Defaults some SDKs always send (0, false, {}) change nothing, so dropping them is not worth a warning. */
function matters(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0) return false;
  return typeof value !== 'object' || Object.keys(value).length > 0;
}
