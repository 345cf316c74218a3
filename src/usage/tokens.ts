/**
 * Token counts of one request in one shape for every wire format. `inputTokens` excludes cache reads
 * and writes, so input + cacheRead + cacheWrite is the whole prompt (SPEC §8) — the Anthropic
 * convention; OpenAI's `prompt_tokens` includes cached tokens and is converted on the way in.
 */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  /** All cache-write tokens, at whatever lifetime. */
  cacheWriteTokens: number;
  /** The part of cacheWriteTokens written with a 1-hour lifetime (billed higher than 5-minute). */
  cacheWrite1hTokens: number;
  /** Reasoning tokens, when the provider reports them (already included in outputTokens). */
  reasoningTokens?: number;
}

export const ZERO_USAGE: Readonly<TokenUsage> = Object.freeze({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  cacheWrite1hTokens: 0,
});
