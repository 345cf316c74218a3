import type { ModelFamily } from '../profile.js';
import { AUTH_BY_FORMAT, OPENAI_CHAT_LIMITS_WHEN_TRANSLATED, profile } from '../wire-defaults.js';
import {
  ANTHROPIC_ALWAYS_THINKING,
  ANTHROPIC_EFFORT,
  ANTHROPIC_SAMPLING,
  ANTHROPIC_TOOLS,
} from './current-models.js';

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
 * Opus/Sonnet 4.6 and every later model refuse an assistant prefill (a conversation ending with an
 * assistant turn): "This model does not support assistant message prefill".
 */
const NO_PREFILL: ModelFamily = {
  match: /^claude-((opus|sonnet)-(4-[6-9]|[5-9])|haiku-(5|[6-9])|fable|mythos)/,
};

/** Fable 5.1 / 5.2, Mythos 5.1 / 5.2, Opus 5.5 and Sonnet 5.5 accept only `auto` and `none`. */
const NO_FORCED_TOOL: ModelFamily = { match: /^claude-((fable|mythos)-5-[1-9]|(opus|sonnet)-5-5)/ };

/**
 * Anthropic: `x-api-key` (https://docs.anthropic.com/en/api/overview#authentication) and what the
 * current Claude models refuse (current-models.json's rules, each row citing its page). The Chat
 * limits apply if a catalog routes Chat to Anthropic's OpenAI-compatible endpoint, as they apply
 * to every Chat upstream.
 *
 * An assistant prefill on a model that refuses it is refused here, before anything is sent: it
 * cannot be mended without changing what the request means (dropping the turn loses the answer's
 * required start; turning it into a user note changes the prompt), and the provider would answer
 * the same 400 anyway. Refusing up front words it in the client's own dialect, names the model and
 * spends no round trip; the fake's own row proves the provider refuses it too.
 */
export const anthropic = profile({
  name: 'anthropic',
  auth: AUTH_BY_FORMAT,
  rules: [
    {
      id: 'no-prefill',
      kind: 'refuse',
      format: 'messages',
      models: NO_PREFILL,
      when: [{ param: 'messages', lastItem: { role: 'assistant' } }],
      param: 'messages',
      note: '{model} does not take an assistant prefill: the conversation must end with a user turn',
      see: 'https://platform.claude.com/docs/en/about-claude/models/whats-new-claude-4-6#prefill-removal',
    },
    {
      id: 'adaptive-thinking',
      kind: 'thinking-style',
      format: 'messages',
      models: ADAPTIVE_THINKING,
      style: 'adaptive',
      note: 'thinking.budget_tokens not sent: this model thinks adaptively, steered by output_config.effort',
      see: 'https://docs.anthropic.com/en/docs/build-with-claude/adaptive-thinking',
    },
    ...ANTHROPIC_ALWAYS_THINKING,
    ...ANTHROPIC_EFFORT,
    {
      id: 'no-forced-tool-choice',
      kind: 'replace-value',
      format: 'messages',
      models: NO_FORCED_TOOL,
      when: [{ param: 'tool_choice.type', in: ['any', 'tool'] }],
      param: 'tool_choice',
      to: { type: 'auto' },
      keep: ['disable_parallel_tool_use'],
      note: '{param} {value} became auto: {model} cannot be forced to use a tool',
      see: 'https://platform.claude.com/docs/en/models/opus-5-5/whats-new-opus-5-5',
    },
    ...ANTHROPIC_SAMPLING,
    ...ANTHROPIC_TOOLS,
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
