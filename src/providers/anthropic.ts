import type { MessagesModelRules } from '../formats/translation.js';
import type { ProviderAdapter } from './adapter.js';
import { xApiKey } from './adapter.js';

/**
 * Opus 4.7 and later, the 5.x models, Fable and Mythos refuse `thinking: {type: "enabled"}`
 * ("thinking.type.enabled" is not supported for this model): thinking is adaptive, steered by effort.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/adaptive-thinking
 */
const ADAPTIVE_THINKING = /^claude-(opus-(4-[7-9]|[5-9])|sonnet-[5-9]|haiku-(5-5|[6-9])|fable|mythos)/;

/**
 * Claude 4.5 and later refuse `temperature` and `top_p` together.
 * @see https://docs.anthropic.com/en/docs/about-claude/models/migrating-to-claude-4
 */
const ONE_SAMPLER = /^claude-((opus|sonnet|haiku)-(4-[5-9]|[5-9])|fable|mythos)/;

/** Anthropic reads API keys from `x-api-key` (https://docs.anthropic.com/en/api/overview#authentication). */
export const anthropic: ProviderAdapter = {
  auth: (apiKey) => xApiKey(apiKey),
  messagesModel: (upstreamModel): MessagesModelRules => ({
    adaptiveThinking: ADAPTIVE_THINKING.test(upstreamModel),
    oneSampler: ONE_SAMPLER.test(upstreamModel),
  }),
};
