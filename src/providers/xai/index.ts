import type { ModelFamily, RequestRule, ThinkingEffort } from '../profile.js';
import {
  AUTH_BY_FORMAT,
  EFFORT_PARAM,
  inFormats,
  OPENAI_CHAT_LIMITS_WHEN_TRANSLATED,
  profile,
  WIRE_HEADERS,
} from '../wire-defaults.js';

/**
 * xAI's reasoning models: the grok-4 family (grok-4.7 included), grok-3-mini, grok-code-fast and
 * grok-build; not the `-non-reasoning` variants.
 * @see https://docs.x.ai/docs/guides/reasoning
 */
const REASONING: ModelFamily = { match: /^grok-(4|3-mini|code-fast|build)/, except: /non-reasoning/ };
/**
 * Models that reason without an effort dial and refuse one ("Model grok-4 does not support parameter
 * reasoningEffort."): grok-3, grok-4 and its fast variants, grok-4.20-0309, grok-code-fast, grok-build.
 * grok-3-mini, grok-4.3 and grok-4.5 and later take it.
 */
const NO_EFFORT_DIAL: ModelFamily = {
  match: /^grok-(3($|-(?!mini))|4($|-)|4\.20-0309|code-fast|build)/,
};
const REASONING_DOCS = 'https://docs.x.ai/docs/guides/reasoning';
/**
 * The models a Responses client (Codex) reaches on xAI's own Responses API, unchanged: the grok-4.x
 * releases, whose catalog offers list `responses`. The older ids are listed for Chat or Messages
 * only, so their Responses clients are translated to Chat as before.
 * @see https://docs.x.ai/developers/rest-api-reference/inference/responses
 */
const RESPONSES_MODELS: ModelFamily = { match: /^grok-4\.\d/ };
const TWO_FORMATS = ['chat', 'responses'] as const;

/** The efforts of the models that take one (current-models.md, xAI table). */
const EFFORTS: ReadonlyArray<readonly [RegExp, readonly ThinkingEffort[], string]> = [
  [/^grok-4\.[67]/, ['low', 'medium', 'high', 'xhigh'], 'https://docs.x.ai/developers/grok-4-7'],
  [/^grok-4\.5/, ['low', 'medium', 'high'], REASONING_DOCS],
  [/^grok-4\.3/, ['none', 'low', 'medium', 'high'], REASONING_DOCS],
  [/^grok-3-mini/, ['low', 'high'], REASONING_DOCS],
];

const efforts: RequestRule[] = EFFORTS.flatMap(([match, accepted, see]) =>
  inFormats(TWO_FORMATS, (format) => ({
    id: 'efforts',
    kind: 'effort-range',
    format,
    models: { match },
    param: EFFORT_PARAM[format],
    accepted,
    note: '{param} {value} sent as {to}: {model} takes {accepted}',
    see,
  })),
);

/**
 * xAI speaks both formats, each with its own API's convention: Bearer on Chat, `x-api-key` on
 * Messages (what the Anthropic SDK sends). Its reasoning models refuse penalties and `stop` (even
 * at 0: "Model grok-4.7 does not support parameter presencePenalty."), and some refuse any effort.
 */
export const xai = profile({
  name: 'xai',
  auth: AUTH_BY_FORMAT,
  serves: [{ format: 'responses', models: RESPONSES_MODELS }],
  // xAI routes a conversation to one prompt cache by this header on Chat (it takes no prompt_cache_key).
  // https://docs.x.ai/docs/guides/prompt-caching
  headers: { ...WIRE_HEADERS, chat: { ...WIRE_HEADERS.chat, session: 'x-grok-conv-id' } },
  rules: [
    ...inFormats(TWO_FORMATS, (format) => ({
      id: 'reasoning-effort-style',
      kind: 'thinking-style',
      format,
      models: REASONING,
      style: format === 'chat' ? 'reasoning-effort' : 'reasoning',
      note: '',
      see: REASONING_DOCS,
    })),
    ...inFormats(TWO_FORMATS, (format) => ({
      id: 'reasoning-no-penalties-or-stop',
      kind: 'drop',
      format,
      models: REASONING,
      params: ['presence_penalty', 'frequency_penalty', 'stop'],
      default: 0,
      note: '{param} not sent: xAI reasoning models refuse it',
      see: REASONING_DOCS,
    })),
    ...inFormats(TWO_FORMATS, (format) => ({
      id: 'no-effort-dial',
      kind: 'drop',
      format,
      models: NO_EFFORT_DIAL,
      params: [EFFORT_PARAM[format]],
      note: '{param} not sent: {model} reasons at its own pace and refuses an effort',
      see: REASONING_DOCS,
    })),
    ...efforts,
    ...OPENAI_CHAT_LIMITS_WHEN_TRANSLATED,
  ],
});
