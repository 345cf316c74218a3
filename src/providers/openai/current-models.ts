import type { ModelFamily, RequestRule } from '../profile.js';
import { EFFORT_PARAM, inFormats } from '../wire-defaults.js';

/**
 * The request rules today's GPT models brought (reference/current-models.md, "Request rules that
 * changed since Claude 4.5 / GPT-5", OpenAI 1 to 3), as rows of the OpenAI profile.
 */

/** GPT-6 Astra, 6.1 Sol and the 6.2 models: no effort `none` / `minimal`, tools only on Responses. */
const NO_NONE: ModelFamily = { match: /^gpt-6(-astra|\.1-sol|\.2-(astra|sol))/ };
/** GPT-6.1 and 6.2 top out at `xhigh` on Chat Completions (`max` only through Responses). */
const CHAT_NO_MAX: ModelFamily = { match: /^gpt-6\.[12]-/ };
/**
 * Reasoning by default (`medium`) yet able to stop (`none`): GPT-5.6, GPT-6 Sol / Luna, 6.1 Terra.
 * Function tools on Chat Completions need `none`, even when the client sent no effort at all.
 */
const TOOLS_NEED_NONE: ModelFamily = { match: /^gpt-(5\.6|6-(sol|luna)|6\.1-terra)/ };
/** GPT-5.4 and 5.5 reason only when asked (their default is `none`): an effort with tools is refused. */
const TOOLS_REFUSE_EFFORT: ModelFamily = { match: /^gpt-5\.[45]/ };
/** The gpt-5 family (not 5.x) and the o-series: their own efforts, none of `none`. */
const GPT_5: ModelFamily = { match: /^gpt-5($|-(mini|nano|codex)($|-)|-\d{4})/ };
const O_SERIES: ModelFamily = { match: /^o\d/ };

const FUNCTION_TOOLS = { param: 'tools', someItem: { type: 'function' } } as const;
const REASONING_DOCS = 'https://developers.openai.com/api/docs/guides/reasoning';
const TOOLS_NOTE =
  'reasoning_effort {value} sent as none: {model} takes function tools on Chat Completions only without reasoning (Responses takes both)';
const TOOLS_SEE =
  'https://community.openai.com/t/gpt-5-6-chat-completion-reasoning-effort-bug-behavior-change/1386454';
const EFFORT_NOTE = '{param} {value} sent as {to}: {model} takes {accepted}';

export const OPENAI_CURRENT_MODELS: readonly RequestRule[] = [
  {
    // Nothing ekai can mend: no effort lets these models take tools on Chat Completions.
    id: 'chat-tools-need-responses',
    kind: 'refuse',
    format: 'chat',
    models: NO_NONE,
    when: [FUNCTION_TOOLS],
    param: 'tools',
    note: '{model} takes function tools only through the Responses API (/v1/responses), not Chat Completions',
    see: 'https://developers.openai.com/api/docs/guides/deployment-checklist',
  },
  {
    id: 'chat-tools-without-reasoning',
    kind: 'replace-value',
    format: 'chat',
    models: TOOLS_NEED_NONE,
    when: [FUNCTION_TOOLS, { param: 'reasoning_effort', notIn: ['none'] }],
    param: 'reasoning_effort',
    to: 'none',
    note: TOOLS_NOTE,
    see: TOOLS_SEE,
  },
  {
    id: 'chat-tools-without-reasoning',
    kind: 'replace-value',
    format: 'chat',
    models: TOOLS_REFUSE_EFFORT,
    when: [FUNCTION_TOOLS, { param: 'reasoning_effort', notIn: ['none', undefined, null] }],
    param: 'reasoning_effort',
    to: 'none',
    note: TOOLS_NOTE,
    see: TOOLS_SEE,
  },
  ...inFormats(['chat', 'responses'], (format) => ({
    id: 'effort-no-none',
    kind: 'effort-range',
    format,
    models: NO_NONE,
    param: EFFORT_PARAM[format],
    accepted: ['low', 'medium', 'high', 'xhigh', 'max'],
    note: EFFORT_NOTE,
    see: 'https://developers.openai.com/api/docs/models/gpt-6.2-sol',
  })),
  {
    id: 'chat-effort-no-max',
    kind: 'effort-range',
    format: 'chat',
    models: CHAT_NO_MAX,
    param: 'reasoning_effort',
    accepted: ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'],
    note: '{param} {value} sent as {to}: {model} takes max only through the Responses API',
    see: 'https://docs.laozhang.ai/en/announcements/gpt-6-chat-tools-2026-11',
  },
  ...inFormats(['chat', 'responses'], (format) => ({
    id: 'gpt-5-efforts',
    kind: 'effort-range',
    format,
    models: GPT_5,
    param: EFFORT_PARAM[format],
    accepted: ['minimal', 'low', 'medium', 'high'],
    note: EFFORT_NOTE,
    see: REASONING_DOCS,
  })),
  ...inFormats(['chat', 'responses'], (format) => ({
    id: 'o-series-efforts',
    kind: 'effort-range',
    format,
    models: O_SERIES,
    param: EFFORT_PARAM[format],
    accepted: ['low', 'medium', 'high'],
    note: EFFORT_NOTE,
    see: REASONING_DOCS,
  })),
];
