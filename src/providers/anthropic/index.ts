import type { ModelFamily } from '../profile.js';
import { AUTH_BY_FORMAT, OPENAI_CHAT_LIMITS_WHEN_TRANSLATED, profile } from '../wire-defaults.js';

/**
 * Opus 4.7 and later, the 5.x models, Fable and Mythos refuse `thinking: {type: "enabled"}`
 * ("thinking.type.enabled" is not supported for this model): thinking is adaptive, steered by effort.
 */
const ADAPTIVE_THINKING: ModelFamily = {
  match: /^claude-(opus-(4-[7-9]|[5-9])|sonnet-[5-9]|haiku-(5-5|[6-9])|fable|mythos)/,
};

/** Claude 4.5 and later refuse `temperature` and `top_p` together. */
const ONE_SAMPLER: ModelFamily = { match: /^claude-((opus|sonnet|haiku)-(4-[5-9]|[5-9])|fable|mythos)/ };

/**
 * Anthropic: `x-api-key` (https://docs.anthropic.com/en/api/overview#authentication) and what the
 * current Claude models refuse. The Chat limits apply if a catalog routes Chat to Anthropic's
 * OpenAI-compatible endpoint, as they apply to every Chat upstream.
 */
export const anthropic = profile({
  name: 'anthropic',
  auth: AUTH_BY_FORMAT,
  rules: [
    {
      id: 'adaptive-thinking',
      kind: 'thinking-style',
      format: 'messages',
      models: ADAPTIVE_THINKING,
      style: 'adaptive',
      note: 'thinking.budget_tokens not sent: this model thinks adaptively, steered by output_config.effort',
      see: 'https://docs.anthropic.com/en/docs/build-with-claude/adaptive-thinking',
    },
    {
      id: 'one-sampler',
      kind: 'one-sampler',
      format: 'messages',
      models: ONE_SAMPLER,
      keep: 'temperature',
      drop: 'top_p',
      note: '{param} dropped: this model takes temperature or top_p, not both',
      see: 'https://docs.anthropic.com/en/docs/about-claude/models/migrating-to-claude-4',
    },
    ...OPENAI_CHAT_LIMITS_WHEN_TRANSLATED,
  ],
});
