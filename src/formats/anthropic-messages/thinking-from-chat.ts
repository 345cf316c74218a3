import type { ChatRequest } from '../openai-chat/wire.js';
import type { TranslationContext } from '../translation.js';
import type { MessageParam } from './wire.js';

/** Thinking budgets per `reasoning_effort` (TRANSLATION.md); `minimal` and `none` mean no thinking. */
const BUDGET_OF_EFFORT: Record<string, number | undefined> = {
  none: undefined,
  minimal: undefined,
  low: 1024,
  medium: 2048,
  high: 4096,
  xhigh: 8192,
};
/** Messages' smallest thinking budget. */
const MIN_BUDGET = 1024;
/** Messages requires max_tokens; used when neither the client nor the catalog gives one. */
const DEFAULT_MAX_TOKENS = 4096;

/**
 * `reasoning_effort` → `output_config.effort` for models that only think adaptively (Opus 4.7+,
 * the 5.x models); `minimal` and `none` mean no thinking requested.
 */
const ADAPTIVE_EFFORT: Record<string, string> = {
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'xhigh',
};

export interface OutputLimits {
  maxTokens: number;
  thinking?: { type: 'enabled'; budget_tokens: number } | { type: 'adaptive' };
  /** With adaptive thinking: `output_config.effort`. */
  effort?: string;
}

/**
 * `max_tokens` (required by Messages, clamped to the model's limit: bug 10) and the thinking budget
 * from `reasoning_effort`, which Messages wants strictly below `max_tokens`.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */
export function outputLimitsFromChat(
  body: ChatRequest,
  messages: MessageParam[],
  context: TranslationContext,
  warnings: string[],
): OutputLimits {
  const maxTokens = maxTokensFromChat(body, context.maxOutput, warnings);
  const budget = thinkingBudgetOf(body.reasoning_effort, warnings);
  if (budget === undefined) return { maxTokens };
  const obstacle = thinkingObstacleIn(messages);
  if (obstacle) {
    warnings.push(`reasoning_effort dropped: ${obstacle}`);
    return { maxTokens };
  }
  // These models refuse a token budget (400) and size their thinking within max_tokens themselves.
  if (context.messagesModel?.adaptiveThinking) {
    return {
      maxTokens,
      thinking: { type: 'adaptive' },
      effort: ADAPTIVE_EFFORT[String(body.reasoning_effort)],
    };
  }
  const fitted = fitBudget(budget, maxTokens, context.maxOutput);
  if (!fitted) {
    warnings.push(
      `reasoning_effort dropped: max_tokens ${maxTokens} leaves no room for a thinking budget of ${MIN_BUDGET}`,
    );
    return { maxTokens };
  }
  if (fitted.maxTokens !== maxTokens)
    warnings.push(`max_tokens raised from ${maxTokens} to ${fitted.maxTokens} to make room for thinking`);
  if (fitted.budget !== budget)
    warnings.push(`thinking budget reduced from ${budget} to ${fitted.budget} to fit max_tokens`);
  return { maxTokens: fitted.maxTokens, thinking: { type: 'enabled', budget_tokens: fitted.budget } };
}

/**
 * Messages refuses thinking after an assistant prefill, and while answering tool results it wants
 * the signed thinking block that opened the tool-calling turn: a Chat client has no way to send
 * it back (bug 8), so thinking waits for the next user message.
 */
function thinkingObstacleIn(messages: MessageParam[]): string | undefined {
  const last = messages.at(-1);
  if (last?.role === 'assistant') return 'Messages cannot think after an assistant prefill';
  if (Array.isArray(last?.content) && last.content.some((block) => block.type === 'tool_result'))
    return 'Messages wants the signed thinking of the tool-calling turn back, which Chat cannot carry';
  return undefined;
}

function maxTokensFromChat(body: ChatRequest, maxOutput: number | undefined, warnings: string[]): number {
  const requested = positiveInteger(body.max_completion_tokens) ?? positiveInteger(body.max_tokens);
  if (requested === undefined) return maxOutput ?? DEFAULT_MAX_TOKENS;
  if (maxOutput === undefined || requested <= maxOutput) return requested;
  warnings.push(`max_tokens ${requested} clamped to the model's limit of ${maxOutput}`);
  return maxOutput;
}

function thinkingBudgetOf(effort: unknown, warnings: string[]): number | undefined {
  if (effort === undefined || effort === null) return undefined;
  if (typeof effort === 'string' && Object.hasOwn(BUDGET_OF_EFFORT, effort)) return BUDGET_OF_EFFORT[effort];
  warnings.push(`reasoning_effort ${JSON.stringify(effort)} not understood; no thinking requested`);
  return undefined;
}

/**
 * Chat's limit includes reasoning, as Messages' does, so a budget below max_tokens fits as is.
 * Otherwise max_tokens grows by the budget (the client's limit stays the room for the answer)
 * within the model's limit; if even that is too small, the limit is split between the two.
 */
function fitBudget(budget: number, maxTokens: number, maxOutput: number | undefined) {
  if (budget < maxTokens) return { budget, maxTokens };
  const ceiling = maxOutput ?? Number.POSITIVE_INFINITY;
  if (budget + maxTokens <= ceiling) return { budget, maxTokens: budget + maxTokens };
  const shrunk = Math.min(budget, Math.max(MIN_BUDGET, Math.floor(ceiling / 2)));
  return shrunk < ceiling ? { budget: shrunk, maxTokens: ceiling } : undefined;
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : undefined;
}
