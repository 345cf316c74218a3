import type { ModelFamily, RequestRule } from '../profile.js';

/**
 * The request rules today's Claude models brought (reference/current-models.md, "Request rules that
 * changed since Claude 4.5 / GPT-5", Anthropic 3, 5 and 10), as rows of the Anthropic profile.
 */

/** Opus 4.7 and everything after it (Sonnet 5 / 5.5, Haiku 5.5, Fable, Mythos): default sampling only. */
const DEFAULT_SAMPLING_ONLY: ModelFamily = {
  match: /^claude-(opus-(4-[7-9]|[5-9])|sonnet-[5-9]|haiku-(5-5|[6-9])|fable|mythos)/,
};
const SAMPLING_REMOVED =
  'https://platform.claude.com/docs/en/about-claude/models/whats-new-claude-4-7#sampling-parameters-removed';

export const ANTHROPIC_SAMPLING: readonly RequestRule[] = [
  {
    // "`temperature` is deprecated for this model." for any value but the default (1).
    id: 'default-sampling-only',
    kind: 'drop',
    format: 'messages',
    models: DEFAULT_SAMPLING_ONLY,
    params: ['temperature', 'top_p'],
    default: 1,
    note: '{param} not sent: {model} takes only the default sampling',
    see: SAMPLING_REMOVED,
  },
  {
    // top_k has no default value to send: any value is refused.
    id: 'no-top-k',
    kind: 'drop',
    format: 'messages',
    models: DEFAULT_SAMPLING_ONLY,
    params: ['top_k'],
    note: '{param} not sent: {model} takes only the default sampling',
    see: SAMPLING_REMOVED,
  },
];

/** Thinking is always on: Opus 5.5, Fable 5 / 5.1 / 5.2 and Mythos. */
const ALWAYS_THINKS: ModelFamily = { match: /^claude-(opus-5-5|fable|mythos)/ };
/** Sonnet 5.5's lowest thinking is `between_tools`, itself refused above effort high. */
const SONNET_5_5: ModelFamily = { match: /^claude-sonnet-5-5/ };
/** Opus 5 and Haiku 5.5 turn thinking off only at effort high or lower. */
const DISABLED_UP_TO_HIGH: ModelFamily = { match: /^claude-(opus-5($|-\d{8})|haiku-5-5)/ };
const THINKING_DISABLED = [{ param: 'thinking.type', in: ['disabled'] }] as const;
const UP_TO_HIGH = ['low', 'medium', 'high'] as const;

export const ANTHROPIC_ALWAYS_THINKING: readonly RequestRule[] = [
  {
    id: 'thinking-always-on',
    kind: 'drop',
    format: 'messages',
    models: ALWAYS_THINKS,
    when: THINKING_DISABLED,
    params: ['thinking'],
    note: 'thinking disabled not sent: {model} always thinks (a lower effort thinks less)',
    see: 'https://platform.claude.com/docs/en/models/opus-5-5/whats-new-opus-5-5',
  },
  {
    id: 'sonnet-5-5-between-tools',
    kind: 'replace-value',
    format: 'messages',
    models: SONNET_5_5,
    when: THINKING_DISABLED,
    param: 'thinking.type',
    to: 'between_tools',
    note: 'thinking {value} sent as between_tools: {model} cannot turn thinking off, this is its lowest',
    see: 'https://platform.claude.com/docs/en/models/sonnet-5-5/whats-new-sonnet-5-5',
  },
  {
    id: 'between-tools-up-to-high',
    kind: 'effort-range',
    format: 'messages',
    models: SONNET_5_5,
    when: [{ param: 'thinking.type', in: ['between_tools'] }],
    param: 'output_config.effort',
    accepted: UP_TO_HIGH,
    note: 'output_config.effort {value} sent as {to}: {model} thinks between tools only up to effort high',
    see: 'https://platform.claude.com/docs/en/build-with-claude/thinking-troubleshooting',
  },
  {
    // "output_config.effort 'xhigh' is not supported when thinking is disabled on this model."
    id: 'disabled-up-to-high',
    kind: 'effort-range',
    format: 'messages',
    models: DISABLED_UP_TO_HIGH,
    when: THINKING_DISABLED,
    param: 'output_config.effort',
    accepted: UP_TO_HIGH,
    note: 'output_config.effort {value} sent as {to}: {model} turns thinking off only up to effort high',
    see: 'https://platform.claude.com/docs/en/about-claude/models/whats-new-opus-5',
  },
];

/**
 * Which efforts each model takes (Anthropic's effort page: `max` on Opus 4.6 and later, Sonnet 4.6
 * and later, Fable and Mythos; `xhigh` from Opus 4.7 and Sonnet 5; Opus 4.5 low to high; Sonnet 4.5
 * and Haiku 4.5 none at all). None takes `none` or `minimal`: those become `low`.
 */
const EFFORT_DOCS = 'https://platform.claude.com/docs/en/build-with-claude/effort';
const EVERY_EFFORT = ['low', 'medium', 'high', 'xhigh', 'max'] as const;
const EFFORT_NOTE = 'output_config.effort {value} sent as {to}: {model} takes {accepted}';

export const ANTHROPIC_EFFORT: readonly RequestRule[] = [
  {
    id: 'no-effort',
    kind: 'drop',
    format: 'messages',
    models: { match: /^claude-(sonnet|haiku)-4-5/ },
    params: ['output_config.effort'],
    note: 'output_config.effort not sent: {model} takes no effort',
    see: 'https://github.com/anthropics/skills/blob/f04ed8f74322d0ff5bac060d9607a1cae7bd0189/skills/claude-api/shared/model-migration.md',
  },
  {
    id: 'effort-low-to-high',
    kind: 'effort-range',
    format: 'messages',
    models: { match: /^claude-opus-4-5/ },
    param: 'output_config.effort',
    accepted: UP_TO_HIGH,
    note: EFFORT_NOTE,
    see: EFFORT_DOCS,
  },
  {
    id: 'effort-no-xhigh',
    kind: 'effort-range',
    format: 'messages',
    models: { match: /^claude-(opus|sonnet)-4-6/ },
    param: 'output_config.effort',
    accepted: ['low', 'medium', 'high', 'max'],
    note: EFFORT_NOTE,
    see: EFFORT_DOCS,
  },
  {
    id: 'effort-low-to-max',
    kind: 'effort-range',
    format: 'messages',
    models: DEFAULT_SAMPLING_ONLY,
    param: 'output_config.effort',
    accepted: EVERY_EFFORT,
    note: EFFORT_NOTE,
    see: EFFORT_DOCS,
  },
];

/**
 * The computer-use tool version `computer_20251124` errors on Opus, Sonnet and Haiku 5.5 and on
 * Fable 5.2 (current-models.md, Anthropic rule 8): refused before anything is sent, naming the tool,
 * rather than passed on for the provider's error. The other versions pass.
 */
const NO_COMPUTER_20251124: ModelFamily = { match: /^claude-((opus|sonnet|haiku)-5-5|fable-5-2)/ };

export const ANTHROPIC_TOOLS: readonly RequestRule[] = [
  {
    id: 'no-computer-20251124',
    kind: 'refuse',
    format: 'messages',
    models: NO_COMPUTER_20251124,
    when: [{ param: 'tools', someItem: { type: 'computer_20251124' } }],
    param: 'tools',
    note: '{model} does not take the computer_20251124 tool: send another computer-use tool version, or another model',
    see: 'https://platform.claude.com/docs/en/agents-and-tools/tool-use/computer-use-tool',
  },
];
