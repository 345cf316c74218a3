import type { MessagesRequest } from '../anthropic-messages/wire.js';
import { THINKING_EFFORTS, type ThinkingEffort, type ThinkingIntent } from '../translation.js';
import { isRecord } from '../usage.js';
import type { Warn } from './request-notes.js';

/**
 * A thinking budget → the effort it stands for: the smallest budget of each effort in the budgets
 * the Messages thinking style gives each effort (src/providers/rules/thinking.ts: low 1,024,
 * medium 2,048, high 4,096, xhigh 8,192), largest first. A budget reaches an effort once it is at
 * least that effort's budget: 1,024–2,047 low, 2,048–4,095 medium, 4,096–8,191 high, 8,192 and
 * more xhigh (Claude Code's 31,999 included). Below 1,024 (Messages' own minimum) still low.
 */
const EFFORT_OF_BUDGET: ReadonlyArray<readonly [number, ThinkingEffort]> = [
  [8192, 'xhigh'],
  [4096, 'high'],
  [2048, 'medium'],
  [0, 'low'],
];

/**
 * The thinking a Messages request asks for, as an effort for the Chat provider's profile to render
 * (`reasoning_effort`, OpenRouter's `reasoning`), clamped there to what the model accepts:
 * - `thinking: {type: "disabled"}` → `none` (the lowest effort the model accepts): thinking off wins;
 * - `output_config.effort` (Claude Code's `/effort`), with adaptive, budget or no thinking: the
 *   user's own knob, so it wins over a budget;
 * - `thinking: {type: "enabled", budget_tokens}` → an effort by the budget's size (above);
 * - `thinking: {type: "adaptive"}` without an effort → no intent: the model's default effort.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/effort
 * @see https://docs.anthropic.com/en/docs/build-with-claude/adaptive-thinking
 */
export function thinkingIntentFromMessages(body: MessagesRequest, warn: Warn): ThinkingIntent | undefined {
  const thinking: unknown = body.thinking;
  if (isRecord(thinking) && thinking.type === 'disabled') return { effort: 'none' };
  const effort = requestedEffort(body.output_config, warn);
  if (effort) return { effort };
  if (!isRecord(thinking)) return undefined;
  if (thinking.type === 'adaptive') return undefined;
  if (thinking.type === 'enabled' && typeof thinking.budget_tokens === 'number') {
    return { effort: effortOfBudget(thinking.budget_tokens) };
  }
  warn(`thinking ${JSON.stringify(thinking)} not understood: the model's default effort applies`);
  return undefined;
}

export function effortOfBudget(budget: number): ThinkingEffort {
  return EFFORT_OF_BUDGET.find(([least]) => budget >= least)?.[1] ?? 'low';
}

function requestedEffort(outputConfig: unknown, warn: Warn): ThinkingEffort | undefined {
  const effort = isRecord(outputConfig) ? outputConfig.effort : undefined;
  if (effort === undefined || effort === null) return undefined;
  if (typeof effort === 'string' && (THINKING_EFFORTS as readonly string[]).includes(effort)) {
    return effort as ThinkingEffort;
  }
  warn(`output_config.effort ${JSON.stringify(effort)} not understood: the model's default effort applies`);
  return undefined;
}
