import type { ChatRequest } from '../openai-chat/wire.js';
import type { ThinkingIntent, TranslationContext } from '../translation.js';
import type { MessageParam } from './wire.js';

/** `reasoning_effort` values that ask for thinking; `minimal` and `none` mean no thinking. */
const THINKING_EFFORTS: Record<string, ThinkingIntent['effort'] | undefined> = {
  none: undefined,
  minimal: undefined,
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'xhigh',
};
/** Messages' smallest thinking budget. */
export const MIN_THINKING_BUDGET = 1024;
/** Messages requires max_tokens; used when neither the client nor the catalog gives one. */
const DEFAULT_MAX_TOKENS = 4096;

export interface OutputLimits {
  maxTokens: number;
  /** Thinking to request; the provider's thinking style gives it its Messages form. */
  thinking?: ThinkingIntent;
}

/**
 * `max_tokens` (required by Messages, clamped to the model's limit: bug 10) and the thinking asked
 * for by `reasoning_effort`, when Messages can think here at all. Its form (a token budget kept
 * below `max_tokens`, or adaptive thinking) is the provider's thinking style, applied afterwards.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */
export function outputLimitsFromChat(
  body: ChatRequest,
  messages: MessageParam[],
  context: TranslationContext,
  warnings: string[],
): OutputLimits {
  const maxTokens = maxTokensFromChat(body, context.maxOutput, warnings);
  const effort = thinkingEffortOf(body.reasoning_effort, warnings);
  if (effort === undefined) return { maxTokens };
  const obstacle = thinkingObstacleIn(messages);
  if (obstacle) {
    warnings.push(`reasoning_effort dropped: ${obstacle}`);
    return { maxTokens };
  }
  // A model whose whole output fits in the smallest budget has no room to think besides answering.
  if (context.maxOutput !== undefined && context.maxOutput <= MIN_THINKING_BUDGET) {
    warnings.push(
      `reasoning_effort dropped: max_tokens ${maxTokens} leaves no room for a thinking budget of ${MIN_THINKING_BUDGET}`,
    );
    return { maxTokens };
  }
  return { maxTokens, thinking: { effort } };
}

/**
 * Messages refuses thinking after an assistant prefill, and while answering tool results it wants
 * the signed thinking block that opened the tool-calling turn: a Chat client has no way to send it
 * back (bug 8), so thinking waits for the next user message — unless the block is there (a
 * Responses client carried it back: thinking-from-responses.ts).
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks
 */
function thinkingObstacleIn(messages: MessageParam[]): string | undefined {
  const last = messages.at(-1);
  if (last?.role === 'assistant') return 'Messages cannot think after an assistant prefill';
  if (!Array.isArray(last?.content) || !last.content.some((block) => block.type === 'tool_result'))
    return undefined;
  const calling = messages.at(-2);
  const first = Array.isArray(calling?.content) ? calling.content[0] : undefined;
  if (first?.type === 'thinking' || first?.type === 'redacted_thinking') return undefined;
  return 'Messages wants the signed thinking of the tool-calling turn back, which Chat cannot carry';
}

function maxTokensFromChat(body: ChatRequest, maxOutput: number | undefined, warnings: string[]): number {
  const requested = positiveInteger(body.max_completion_tokens) ?? positiveInteger(body.max_tokens);
  if (requested === undefined) return maxOutput ?? DEFAULT_MAX_TOKENS;
  if (maxOutput === undefined || requested <= maxOutput) return requested;
  warnings.push(`max_tokens ${requested} clamped to the model's limit of ${maxOutput}`);
  return maxOutput;
}

function thinkingEffortOf(effort: unknown, warnings: string[]): ThinkingIntent['effort'] | undefined {
  if (effort === undefined || effort === null) return undefined;
  if (typeof effort === 'string' && Object.hasOwn(THINKING_EFFORTS, effort)) return THINKING_EFFORTS[effort];
  warnings.push(`reasoning_effort ${JSON.stringify(effort)} not understood; no thinking requested`);
  return undefined;
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : undefined;
}
