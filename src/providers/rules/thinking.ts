import { MIN_THINKING_BUDGET } from '../../formats/anthropic-messages/thinking-from-chat.js';
import type { ThinkingIntent } from '../../formats/translation.js';
import type { Draft } from './draft.js';

/** Thinking budgets per effort (TRANSLATION.md). */
const BUDGET_OF_EFFORT: Record<Exclude<ThinkingIntent['effort'], 'none'>, number> = {
  minimal: 1024,
  low: 1024,
  medium: 2048,
  high: 4096,
  xhigh: 8192,
  max: 8192,
};

/**
 * Thinking a translated request asks for, in the provider's thinking style, placed right after
 * `max_tokens`. Adaptive models size their thinking within max_tokens themselves (a budget is a 400
 * there); the others get a budget, which Messages wants strictly below `max_tokens`.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/adaptive-thinking
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */
export function renderThinking(
  intent: ThinkingIntent,
  style: 'adaptive' | 'budget',
  draft: Draft,
  maxOutput: number | undefined,
): void {
  if (intent.effort === 'none') return;
  if (style === 'adaptive') {
    draft.insertAfter('max_tokens', 'thinking', { type: 'adaptive' });
    draft.insertAfter('thinking', 'output_config', { effort: intent.effort });
    return;
  }
  const budget = BUDGET_OF_EFFORT[intent.effort];
  const maxTokens = draft.get('max_tokens') as number;
  const fitted = fitBudget(budget, maxTokens, maxOutput);
  if (!fitted) {
    // The converter does not ask for thinking where no budget fits; kept for a caller that would.
    draft.note('thinking', `thinking not requested: no room for a budget of ${MIN_THINKING_BUDGET}`);
    return;
  }
  if (fitted.maxTokens !== maxTokens) {
    draft.set('max_tokens', fitted.maxTokens);
    draft.note(
      'thinking',
      `max_tokens raised from ${maxTokens} to ${fitted.maxTokens} to make room for thinking`,
    );
  }
  if (fitted.budget !== budget)
    draft.note('thinking', `thinking budget reduced from ${budget} to ${fitted.budget} to fit max_tokens`);
  draft.insertAfter('max_tokens', 'thinking', { type: 'enabled', budget_tokens: fitted.budget });
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
  const shrunk = Math.min(budget, Math.max(MIN_THINKING_BUDGET, Math.floor(ceiling / 2)));
  return shrunk < ceiling ? { budget: shrunk, maxTokens: ceiling } : undefined;
}
