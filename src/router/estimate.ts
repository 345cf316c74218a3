import { estimateInputTokens } from '../formats/anthropic-messages/estimate-tokens.js';
import type { TokenEstimate } from './rank.js';

/**
 * Agent turns write far less than the `max_tokens` budget they ask for (Claude Code asks for tens
 * of thousands), so the expected output for ranking is the budget capped at this.
 */
const EXPECTED_OUTPUT_CAP = 1000;

/**
 * The size of a request for comparing providers' prices (SPEC §6.2): its input tokens, estimated
 * locally (characters / 4 plus framing: see docs/translation.md), and its expected output.
 */
export function requestEstimate(body: Record<string, unknown>): TokenEstimate {
  const budget = [body.max_completion_tokens, body.max_tokens, body.max_output_tokens].find(
    (value): value is number => typeof value === 'number' && value > 0,
  );
  // Responses requests carry `instructions` and `input` instead of `system` and `messages`.
  const shaped =
    body.input === undefined ? body : { system: body.instructions, messages: responsesInput(body.input) };
  return {
    inputTokens: estimateInputTokens(shaped),
    outputTokens: Math.min(budget ?? EXPECTED_OUTPUT_CAP, EXPECTED_OUTPUT_CAP),
  };
}

function responsesInput(input: unknown): unknown[] {
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  if (!Array.isArray(input)) return [];
  return input.map((item) => ({ role: 'user', content: JSON.stringify(item) }));
}
