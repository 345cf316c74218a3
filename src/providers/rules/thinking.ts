import { MIN_THINKING_BUDGET } from '../../formats/anthropic-messages/thinking-from-chat.js';
import type { ThinkingEffort, ThinkingIntent } from '../../formats/translation.js';
import type { ThinkingStyle, WireFormat } from '../profile.js';
import type { Draft } from './draft.js';

type BudgetEffort = Exclude<ThinkingIntent['effort'], 'none'>;

/**
 * The share of the model's output limit a thinking budget takes per effort, for models that take a
 * budget (Claude 4.5 and earlier): xhigh thinks in half of it, as Claude Code does (31,999 of
 * Sonnet 4.5's 64,000); never below Anthropic's minimum of 1,024. Messages has no `minimal` (the
 * smallest budget) and these models no `max` (xhigh's budget).
 */
const SHARE_OF_OUTPUT: Record<BudgetEffort, number> = {
  minimal: 1 / 32,
  low: 1 / 32,
  medium: 1 / 8,
  high: 1 / 4,
  xhigh: 1 / 2,
  max: 1 / 2,
};
/** Budgets when the model's output limit is unknown (TRANSLATION.md). */
const BUDGET_OF_EFFORT: Record<BudgetEffort, number> = {
  minimal: 1024,
  low: 1024,
  medium: 2048,
  high: 4096,
  xhigh: 8192,
  max: 8192,
};

function budgetOf(effort: BudgetEffort, maxOutput: number | undefined): number {
  if (maxOutput === undefined) return BUDGET_OF_EFFORT[effort];
  return Math.max(MIN_THINKING_BUDGET, Math.floor(maxOutput * SHARE_OF_OUTPUT[effort]));
}

/**
 * Thinking a translated request asks for, written in the upstream format the way the provider's
 * profile says for this model (its `thinking-style` row; Messages' standard form, a budget, when it
 * has none), next to the output limit. Only the form is chosen here: what each model accepts
 * (which efforts, whether thinking can be off) is the profile's other rows, applied next, so a
 * rendered effort and a client's own are mended alike.
 * - Messages: `none` is `thinking: {type: "disabled"}`; otherwise adaptive thinking with
 *   `output_config.effort` (merged into an `output_config` already there), or a token budget.
 * - Chat: `reasoning_effort`, or OpenRouter's `reasoning: {effort}` object.
 * - Responses: `reasoning: {effort, summary: "auto"}`, merged into a `reasoning` already there.
 * Chat and Responses models without a style are not sent an effort (a model that does not reason
 * refuses it); that is noted unless the client asked for none.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/adaptive-thinking
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-reasoning_effort
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-reasoning
 * @see https://openrouter.ai/docs/use-cases/reasoning-tokens
 */
export function renderThinking(
  intent: ThinkingIntent,
  style: ThinkingStyle | undefined,
  format: WireFormat,
  draft: Draft,
  maxOutput: number | undefined,
): void {
  const { effort } = intent;
  const chosen = style ?? (format === 'messages' ? 'budget' : undefined);
  if (chosen === undefined) {
    const param = format === 'chat' ? 'reasoning_effort' : 'reasoning';
    if (effort !== 'none') draft.note(param, `reasoning effort ${effort} not sent: {model} takes none here`);
    return;
  }
  RENDER[chosen](effort, draft, maxOutput);
}

const RENDER: Record<ThinkingStyle, (effort: ThinkingEffort, draft: Draft, maxOutput?: number) => void> = {
  budget(effort, draft, maxOutput) {
    if (effort === 'none') disabled(draft);
    else renderBudget(budgetOf(effort, maxOutput), draft, maxOutput);
  },
  adaptive(effort, draft) {
    if (effort === 'none') {
      disabled(draft);
      return;
    }
    draft.insertAfter('max_tokens', 'thinking', { type: 'adaptive' });
    draft.insertAfter('thinking', 'output_config', { ...objectAt(draft, 'output_config'), effort });
  },
  'reasoning-effort'(effort, draft) {
    draft.insertAfter(chatLimit(draft), 'reasoning_effort', effort);
  },
  'reasoning-object'(effort, draft) {
    draft.insertAfter(chatLimit(draft), 'reasoning', { ...objectAt(draft, 'reasoning'), effort });
  },
  reasoning(effort, draft) {
    const reasoning = objectAt(draft, 'reasoning');
    const summary = reasoning.summary ?? 'auto';
    draft.insertAfter('max_output_tokens', 'reasoning', { ...reasoning, effort, summary });
  },
};

function disabled(draft: Draft): void {
  draft.insertAfter('max_tokens', 'thinking', { type: 'disabled' });
}

/** Chat's output limit, under either of its names. */
function chatLimit(draft: Draft): string {
  return draft.has('max_completion_tokens') ? 'max_completion_tokens' : 'max_tokens';
}

function objectAt(draft: Draft, param: string): Record<string, unknown> {
  const value = draft.get(param);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A token budget strictly below `max_tokens`, which grows to make room where it must. */
function renderBudget(budget: number, draft: Draft, maxOutput: number | undefined): void {
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
