import { count, isRecord, mergeLargerCounts, type TokenUsage } from '../usage.js';
import type { ResponsesUsage } from './wire.js';

function responsesUsage(input: number, cached: number, output: number, reasoning: number): ResponsesUsage {
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: cached },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: reasoning },
    total_tokens: input + output,
  };
}

/**
 * TokenUsage → Responses `usage`: the input includes the cache reads and writes, `cached_tokens`
 * is the reads, reasoning tokens are 0 when the provider does not count them apart.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage
 */
export function responsesUsageOf(usage: TokenUsage | undefined): ResponsesUsage {
  const cached = usage?.cacheReadTokens ?? 0;
  const input = (usage?.inputTokens ?? 0) + (usage?.cacheWriteTokens ?? 0) + cached;
  return responsesUsage(input, cached, usage?.outputTokens ?? 0, usage?.reasoningTokens ?? 0);
}

/**
 * Responses `usage` → TokenUsage. `input_tokens` includes the cached tokens, so they are subtracted
 * to get the uncached input (SPEC §8: input + cache read + cache write is the whole prompt).
 * OpenAI reports no cache writes.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage
 */
export function responsesUsageToTokens(usage: unknown): TokenUsage | undefined {
  if (!isRecord(usage)) return undefined;
  const inputDetails = isRecord(usage.input_tokens_details) ? usage.input_tokens_details : {};
  const outputDetails = isRecord(usage.output_tokens_details) ? usage.output_tokens_details : {};
  const input = count(usage.input_tokens);
  const cached = Math.min(input, count(inputDetails.cached_tokens));
  const reasoning = outputDetails.reasoning_tokens;
  return {
    inputTokens: input - cached,
    outputTokens: count(usage.output_tokens),
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    ...(typeof reasoning === 'number' && { reasoningTokens: count(reasoning) }),
  };
}

/**
 * The Responses stream's usage merger (only the tap reads a Responses upstream: it is forwarded
 * natively). The usage comes once, in the response object of the final event (`response.completed`,
 * `response.incomplete` or `response.failed`); should a stream carry it twice, the rule is the one
 * of the other wire formats: per field the larger value wins (`mergeLargerCounts`).
 * @see https://platform.openai.com/docs/api-reference/responses-streaming/response/completed
 */
export function mergeResponsesUsage(
  earlier: ResponsesUsage | undefined,
  later: unknown,
): ResponsesUsage | undefined {
  return mergeLargerCounts(earlier as Record<string, unknown> | undefined, later) as
    | ResponsesUsage
    | undefined;
}
