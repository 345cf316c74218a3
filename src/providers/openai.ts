import { bearer, type ProviderAdapter } from './adapter.js';

/**
 * OpenAI's reasoning models (o-series, gpt-5 and later, codex-mini) refuse `max_tokens` on Chat
 * Completions and take `max_completion_tokens`; the `-chat` snapshots are not reasoning models.
 * @see https://platform.openai.com/docs/guides/reasoning
 */
const REASONING_MODEL = /^(o\d|gpt-([5-9]|\d\d)|codex-)/;

export const openai: ProviderAdapter = {
  auth: (apiKey) => bearer(apiKey),
  speaksResponses: true,
  reasoningModel: (upstreamModel) => REASONING_MODEL.test(upstreamModel) && !upstreamModel.includes('chat'),
};
