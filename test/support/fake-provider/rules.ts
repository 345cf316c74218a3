/**
 * Request rules the real APIs enforce, as data: one row per rule, with the provider's own error
 * message (taken from real error bodies) and where it is documented. The fake answers a request
 * that breaks a rule with that 400, so a gateway that sends what the real provider refuses fails
 * its tests instead of passing against a lenient fake.
 */
import type { RouteKind } from './providers.js';
import { isObject, type JsonObject } from './scenarios.js';
import { signatureProblem } from './thinking-signatures.js';
import type { ProviderName } from './types.js';

export interface Violation {
  message: string;
  /** OpenAI-shaped errors name the parameter and a code. */
  param?: string;
  code?: string;
}

export interface RequestRule {
  id: string;
  providers: readonly ProviderName[];
  routes: readonly RouteKind[];
  /** Models the rule applies to (all when absent). */
  models?: RegExp;
  /** Models excluded even when `models` matches. */
  exceptModels?: RegExp;
  status: 400 | 404;
  /** The violation, or undefined when the body (and headers) are fine. */
  check(body: JsonObject, headers: RequestHeaders): Violation | undefined;
  source: string;
}

/**
 * OpenAI's reasoning models: o-series, the gpt-5 family and later, codex-*. The `-chat` snapshots
 * (gpt-5-chat-latest) are the non-reasoning ChatGPT model and take the classic parameters.
 */
export const OPENAI_REASONING = /^(o[1-9]|gpt-([5-9]|\d\d)|codex-)/;
const OPENAI_CHAT_SNAPSHOT = /-chat/;

/** Sonnet/Opus/Haiku 4.5 and later: temperature or top_p, never both. */
export const CLAUDE_ONE_SAMPLER = /^claude-((opus|sonnet|haiku)-(4-[5-9]|[5-9])|fable|mythos)/;
/** Opus 4.7+, the 5.x models, Fable and Mythos: adaptive thinking only (current-models.md, rule 2). */
export const CLAUDE_ADAPTIVE_ONLY =
  /^claude-(opus-(4-[7-9]|[5-9])|sonnet-[5-9]|haiku-(5-5|[6-9])|fable|mythos)/;
/** Opus/Sonnet 4.6 and every later model: no assistant prefill (current-models.md, rule 1). */
export const CLAUDE_NO_PREFILL = /^claude-((opus|sonnet)-(4-[6-9]|[5-9])|haiku-(5|[6-9])|fable|mythos)/;

const unsupportedParameter = (param: string, hint = ''): Violation => ({
  message: `Unsupported parameter: '${param}' is not supported with this model.${hint}`,
  param,
  code: 'unsupported_parameter',
});

/** A sampling value other than the one default the reasoning models take. */
function onlyDefault(param: string, defaultValue: number) {
  return (body: JsonObject): Violation | undefined => {
    const value = body[param];
    if (value === undefined || value === null || value === defaultValue) return undefined;
    return {
      message: `Unsupported value: '${param}' does not support ${String(value)} with this model. Only the default (${defaultValue}) value is supported.`,
      param,
      code: 'unsupported_value',
    };
  };
}

const present = (value: unknown): boolean => value !== undefined && value !== null;
const nonZero = (value: unknown): boolean => present(value) && value !== 0 && value !== false;

const REASONING_OPENAI = {
  providers: ['openai'],
  routes: ['chat'],
  models: OPENAI_REASONING,
  exceptModels: OPENAI_CHAT_SNAPSHOT,
  status: 400,
  source: 'https://platform.openai.com/docs/guides/reasoning',
} as const;

const ANTHROPIC_MESSAGES = { providers: ['anthropic'], routes: ['messages'], status: 400 } as const;

type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** The `anthropic-beta` values of a request (one comma-separated header, or several). */
function betasOf(headers: RequestHeaders): string[] {
  const value = headers['anthropic-beta'];
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined
    .split(',')
    .map((beta) => beta.trim())
    .filter((beta) => beta !== '');
}

function cacheBreakpoints(body: JsonObject): number {
  const blocks = [
    ...(Array.isArray(body.system) ? body.system : []),
    ...(Array.isArray(body.tools) ? body.tools : []),
    ...(Array.isArray(body.messages) ? body.messages : []).flatMap((message) =>
      isObject(message) && Array.isArray(message.content) ? message.content : [],
    ),
  ];
  return blocks.filter((block) => isObject(block) && present(block.cache_control)).length;
}

/** Whether a JSON schema has an object schema not closed by `additionalProperties: false`. */
function openObjectIn(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(openObjectIn);
  if (!isObject(schema)) return false;
  const isObjectType =
    schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object'));
  if (isObjectType && schema.additionalProperties !== false) return true;
  return Object.entries(schema).some(
    ([key, value]) =>
      key !== 'enum' &&
      key !== 'const' &&
      key !== 'default' &&
      typeof value === 'object' &&
      openObjectIn(value),
  );
}

/** Anthropic's current tool-name pattern (it was {1,64} until mid-2025; real errors now quote 128). */
const ANTHROPIC_TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
/** Chat Completions function names: OpenAI's limit. */
const OPENAI_FUNCTION_NAME_MAX = 64;

const BASE_RULES: readonly RequestRule[] = [
  {
    // The Codex models live on /v1/responses only; Chat Completions answers 404 with this body
    // (quoted in https://github.com/alvinunreal/tmuxai/issues/82 and aaif-goose/goose#2564).
    id: 'openai-codex-models-responses-only',
    providers: ['openai'],
    routes: ['chat'],
    models: /^(gpt-5(\.\d+)?-codex|codex-mini)/,
    status: 404,
    check: () => ({
      message: 'This model is only supported in v1/responses and not in v1/chat/completions.',
      param: 'model',
    }),
    source: 'https://github.com/alvinunreal/tmuxai/issues/82',
  },
  {
    ...REASONING_OPENAI,
    id: 'openai-reasoning-max-tokens',
    check: (body) =>
      present(body.max_tokens)
        ? unsupportedParameter('max_tokens', " Use 'max_completion_tokens' instead.")
        : undefined,
  },
  { ...REASONING_OPENAI, id: 'openai-reasoning-temperature', check: onlyDefault('temperature', 1) },
  { ...REASONING_OPENAI, id: 'openai-reasoning-top-p', check: onlyDefault('top_p', 1) },
  {
    ...REASONING_OPENAI,
    id: 'openai-reasoning-logprobs',
    check: (body) =>
      nonZero(body.logprobs)
        ? unsupportedParameter('logprobs')
        : present(body.top_logprobs)
          ? unsupportedParameter('top_logprobs')
          : undefined,
  },
  {
    ...REASONING_OPENAI,
    id: 'openai-reasoning-penalties',
    check: (body) =>
      nonZero(body.presence_penalty)
        ? unsupportedParameter('presence_penalty')
        : nonZero(body.frequency_penalty)
          ? unsupportedParameter('frequency_penalty')
          : undefined,
  },
  {
    ...REASONING_OPENAI,
    id: 'openai-reasoning-stop',
    // o3 / o4-mini / gpt-5 refuse `stop` altogether.
    check: (body) => (present(body.stop) ? unsupportedParameter('stop') : undefined),
  },
  {
    id: 'openai-stop-max-4',
    providers: ['openai'],
    routes: ['chat'],
    status: 400,
    check: (body) =>
      Array.isArray(body.stop) && body.stop.length > 4
        ? {
            message: `Invalid 'stop': array too long. Expected an array with maximum length 4, but got an array with length ${body.stop.length} instead.`,
            param: 'stop',
            code: 'array_above_max_length',
          }
        : undefined,
    source: 'https://platform.openai.com/docs/api-reference/chat/create#chat-create-stop',
  },
  {
    id: 'openai-user-max-64',
    providers: ['openai'],
    routes: ['chat', 'responses'],
    status: 400,
    check: (body) =>
      typeof body.user === 'string' && body.user.length > 64
        ? {
            message: `Invalid 'user': string too long. Expected a string with maximum length 64, but got a string with length ${body.user.length} instead.`,
            param: 'user',
            code: 'string_above_max_length',
          }
        : undefined,
    source: 'https://platform.openai.com/docs/api-reference/chat/create#chat-create-user',
  },
  {
    id: 'openai-function-name-max-64',
    providers: ['openai'],
    routes: ['chat'],
    status: 400,
    check: (body) => {
      const tools = Array.isArray(body.tools) ? body.tools : [];
      const index = tools.findIndex(
        (tool) =>
          isObject(tool) &&
          isObject(tool.function) &&
          typeof tool.function.name === 'string' &&
          tool.function.name.length > OPENAI_FUNCTION_NAME_MAX,
      );
      if (index < 0) return undefined;
      const name = ((tools[index] as JsonObject).function as JsonObject).name as string;
      return {
        message: `Invalid 'tools[${index}].function.name': string too long. Expected a string with maximum length ${OPENAI_FUNCTION_NAME_MAX}, but got a string with length ${name.length} instead.`,
        param: `tools[${index}].function.name`,
        code: 'string_above_max_length',
      };
    },
    source: 'https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools',
  },
  {
    // Only user messages take image parts (a tool message's content parts are text only). The message
    // is the real one (quoted for a tool message in OpenHands/OpenHands#7700, for an assistant one in
    // openai/openai-node#1030); neither quotes `param` or `code`, so `param` names the message (as the
    // text does) and `code` is left null.
    id: 'openai-chat-images-in-user-messages-only',
    providers: ['openai'],
    routes: ['chat'],
    status: 400,
    check: (body) => {
      const messages = Array.isArray(body.messages) ? body.messages : [];
      const index = messages.findIndex(
        (message) =>
          isObject(message) &&
          message.role !== 'user' &&
          Array.isArray(message.content) &&
          message.content.some((part) => isObject(part) && part.type === 'image_url'),
      );
      if (index < 0) return undefined;
      const role = String((messages[index] as JsonObject).role);
      return {
        message: `Invalid 'messages[${index}]'. Image URLs are only allowed for messages with role 'user', but this message with role '${role}' contains an image URL.`,
        param: `messages[${index}]`,
      };
    },
    source: 'https://github.com/OpenHands/OpenHands/issues/7700',
  },
  {
    // Every Messages endpoint requires it, imitators included.
    id: 'messages-max-tokens-required',
    providers: ['anthropic', 'xai', 'zai'],
    routes: ['messages'],
    status: 400,
    check: (body) =>
      typeof body.max_tokens === 'number' ? undefined : { message: 'max_tokens: Field required' },
    source: 'https://docs.anthropic.com/en/api/messages',
  },
  {
    ...ANTHROPIC_MESSAGES,
    id: 'anthropic-temperature-and-top-p',
    models: CLAUDE_ONE_SAMPLER,
    check: (body) =>
      present(body.temperature) && present(body.top_p)
        ? {
            message:
              '`temperature` and `top_p` cannot both be specified for this model. Please use only one.',
          }
        : undefined,
    source: 'https://docs.anthropic.com/en/docs/about-claude/models/migrating-to-claude-4',
  },
  {
    ...ANTHROPIC_MESSAGES,
    id: 'anthropic-adaptive-thinking-only',
    models: CLAUDE_ADAPTIVE_ONLY,
    check: (body) =>
      isObject(body.thinking) && body.thinking.type === 'enabled'
        ? {
            message:
              '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.',
          }
        : undefined,
    source: 'https://docs.anthropic.com/en/docs/build-with-claude/adaptive-thinking',
  },
  {
    ...ANTHROPIC_MESSAGES,
    id: 'anthropic-no-prefill',
    models: CLAUDE_NO_PREFILL,
    check: (body) => {
      const last = Array.isArray(body.messages) ? body.messages.at(-1) : undefined;
      return isObject(last) && last.role === 'assistant'
        ? {
            message:
              'This model does not support assistant message prefill. The conversation must end with a user message.',
          }
        : undefined;
    },
    source: 'https://docs.anthropic.com/en/docs/about-claude/models/whats-new-claude-4-6',
  },
  {
    ...ANTHROPIC_MESSAGES,
    // current-models.md, Anthropic rule 8 (Claude API): the tool version errors on these models. The
    // wording is modelled on Anthropic's tool-type errors; no real body was found.
    id: 'anthropic-no-computer-20251124',
    models: /^claude-((opus|sonnet|haiku)-5-5|fable-5-2)/,
    check: (body) => {
      const tools = Array.isArray(body.tools) ? body.tools : [];
      const index = tools.findIndex((tool) => isObject(tool) && tool.type === 'computer_20251124');
      return index < 0
        ? undefined
        : { message: `tools.${index}: 'computer_20251124' is not supported for this model.` };
    },
    source: 'https://platform.claude.com/docs/en/agents-and-tools/tool-use/computer-use-tool',
  },
  {
    ...ANTHROPIC_MESSAGES,
    // Only Anthropic signs thinking and encrypts search results: an empty signature is refused with
    // "messages.1.content.0: Invalid `signature` in `thinking` block" (the real wording, quoted in
    // public bug reports); an empty encrypted_content is modelled on it.
    id: 'anthropic-history-blocks-made-elsewhere',
    check: (body) => {
      const messages = Array.isArray(body.messages) ? body.messages : [];
      for (const [m, message] of messages.entries()) {
        if (!isObject(message) || !Array.isArray(message.content)) continue;
        for (const [b, block] of message.content.entries()) {
          if (!isObject(block)) continue;
          if (block.type === 'thinking' && block.signature === '')
            return { message: `messages.${m}.content.${b}: Invalid \`signature\` in \`thinking\` block` };
          // A signature the fake issued must still cover this text, model and prefix (thinking-signatures.ts).
          const problem =
            block.type === 'thinking' || block.type === 'redacted_thinking'
              ? signatureProblem(block, body, m)
              : undefined;
          if (problem) return { message: `messages.${m}.content.${b}: ${problem}` };
          const results =
            block.type === 'web_search_tool_result' && Array.isArray(block.content) ? block.content : [];
          if (results.some((result) => isObject(result) && result.encrypted_content === ''))
            return {
              message: `messages.${m}.content.${b}: Invalid \`encrypted_content\` in \`web_search_result\` block`,
            };
        }
      }
      return undefined;
    },
    source:
      'https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks',
  },
  {
    ...ANTHROPIC_MESSAGES,
    routes: ['messages', 'count_tokens'],
    // The effort beta is refused on the 4.5 models that have no effort control (the real body:
    // https://github.com/anthropics/claude-code/issues/53855).
    id: 'anthropic-effort-beta-on-4-5',
    models: /^claude-(sonnet|haiku)-4-5/,
    check: (_body, headers) =>
      betasOf(headers).includes('effort-2025-11-24')
        ? {
            message:
              'Unexpected value(s) `effort-2025-11-24` for the `anthropic-beta` header. Please consult our documentation at docs.anthropic.com or try again without the header.',
          }
        : undefined,
    source: 'https://github.com/anthropics/claude-code/issues/53855',
  },
  {
    ...ANTHROPIC_MESSAGES,
    // With thinking on, the assistant turn whose tool calls the last message answers must open with
    // its thinking (the real wording, quoted in public bug reports, e.g.
    // https://github.com/deepset-ai/haystack-core-integrations/issues/2146 and
    // https://github.com/Kilo-Org/kilocode/issues/5219).
    id: 'anthropic-thinking-before-tool-use',
    check: (body) => {
      const type = isObject(body.thinking) ? body.thinking.type : undefined;
      if (type !== 'enabled' && type !== 'adaptive') return undefined;
      const messages = Array.isArray(body.messages) ? body.messages : [];
      const last = messages.at(-1);
      const answersTools =
        isObject(last) &&
        Array.isArray(last.content) &&
        last.content.some((block) => isObject(block) && block.type === 'tool_result');
      const m = messages.length - 2;
      const calling = messages[m];
      if (!answersTools || !isObject(calling) || !Array.isArray(calling.content)) return undefined;
      const first = calling.content[0];
      const firstType = isObject(first) ? first.type : undefined;
      if (firstType === 'thinking' || firstType === 'redacted_thinking') return undefined;
      return {
        message: `messages.${m}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${String(firstType)}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking`,
      };
    },
    source:
      'https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#extended-thinking-with-tool-use',
  },
  {
    ...ANTHROPIC_MESSAGES,
    // The real body: "output_format.schema: For 'object' type, 'additionalProperties' must be
    // explicitly set to false" (https://github.com/ax-llm/ax/issues/458; output_config.format today).
    id: 'anthropic-structured-output-closed-objects',
    check: (body) => {
      const format = isObject(body.output_config) ? body.output_config.format : undefined;
      if (!isObject(format) || !openObjectIn(format.schema)) return undefined;
      return {
        message:
          "output_config.format.schema: For 'object' type, 'additionalProperties' must be explicitly set to false",
      };
    },
    source: 'https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs#json-schema-limitations',
  },
  {
    ...ANTHROPIC_MESSAGES,
    id: 'anthropic-cache-breakpoints-max-4',
    check: (body) => {
      const found = cacheBreakpoints(body);
      return found > 4
        ? { message: `A maximum of 4 blocks with cache_control may be provided. Found ${found}.` }
        : undefined;
    },
    source: 'https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching',
  },
  {
    ...ANTHROPIC_MESSAGES,
    id: 'anthropic-tool-name-pattern',
    check: (body) => {
      const tools = Array.isArray(body.tools) ? body.tools : [];
      const index = tools.findIndex(
        (tool) => isObject(tool) && typeof tool.name === 'string' && !ANTHROPIC_TOOL_NAME.test(tool.name),
      );
      return index < 0
        ? undefined
        : {
            message: `tools.${index}.custom.name: String should match pattern '${ANTHROPIC_TOOL_NAME.source}'`,
          };
    },
    source: 'https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use',
  },
];

/*
 * Today's models (reference/current-models.md, "Request rules that changed since Claude 4.5 /
 * GPT-5"). Messages are real error bodies where one was found (the issue or page in the row's
 * comment); the others are modelled on the provider's wording for the nearest rule, and say so.
 */

/** Opus 4.7 and everything after it: only the default sampling (Anthropic rule 3). */
export const CLAUDE_DEFAULT_SAMPLING_ONLY = CLAUDE_ADAPTIVE_ONLY;
/** Thinking cannot be turned off: Opus 5.5, Fable 5 / 5.1 / 5.2, Mythos (rule 5). */
const CLAUDE_ALWAYS_THINKS = /^claude-(opus-5-5|fable|mythos)/;
/** Opus 5 and Haiku 5.5 turn thinking off only at effort high or lower (rule 5). */
const CLAUDE_DISABLED_UP_TO_HIGH = /^claude-(opus-5($|-\d{8})|haiku-5-5)/;
/** Forced tool_choice refused: Fable / Mythos 5.1+, Opus 5.5, Sonnet 5.5 (rule 6). */
const CLAUDE_NO_FORCED_TOOL = /^claude-((fable|mythos)-5-[1-9]|(opus|sonnet)-5-5)/;
/** Sonnet 4.5 and Haiku 4.5 take no effort (rule 10). */
const CLAUDE_NO_EFFORT = /^claude-(sonnet|haiku)-4-5/;

const UP_TO_HIGH = ['low', 'medium', 'high'];
const UP_TO_XHIGH = ['low', 'medium', 'high', 'xhigh'];
const LOW_TO_MAX = ['low', 'medium', 'high', 'xhigh', 'max'];
/** Which efforts each Claude model takes (https://platform.claude.com/docs/en/build-with-claude/effort). */
function claudeEffortsOf(model: string): readonly string[] {
  if (/^claude-opus-4-5/.test(model)) return UP_TO_HIGH;
  if (/^claude-(opus|sonnet)-4-6/.test(model)) return ['low', 'medium', 'high', 'max'];
  return LOW_TO_MAX;
}

const thinkingType = (body: JsonObject): unknown =>
  isObject(body.thinking) ? body.thinking.type : undefined;
const outputEffort = (body: JsonObject): unknown =>
  isObject(body.output_config) ? body.output_config.effort : undefined;
const responsesEffort = (body: JsonObject): unknown =>
  isObject(body.reasoning) ? body.reasoning.effort : undefined;

/** GPT-6 Astra, 6.1 Sol, the 6.2 models: no effort none / minimal; tools only on Responses (OpenAI 1, 2). */
const GPT_NO_NONE = /^gpt-6(-astra|\.1-sol|\.2-(astra|sol))/;
/** GPT-5.6, 6 Sol / Luna, 6.1 Terra: reasoning by default (medium), tools on Chat only at `none`. */
const GPT_TOOLS_NEED_NONE = /^gpt-(5\.6|6-(sol|luna)|6\.1-terra)/;
/** GPT-5.4 / 5.5: default `none`, an explicit effort with tools is refused. */
const GPT_TOOLS_REFUSE_EFFORT = /^gpt-5\.[45]/;
/** GPT-6.1 and 6.2 take no `max` on Chat Completions. */
const GPT_CHAT_NO_MAX = /^gpt-6\.[12]-/;

const hasFunctionTools = (body: JsonObject): boolean =>
  Array.isArray(body.tools) && body.tools.some((tool) => isObject(tool) && tool.type === 'function');

/** Whether OpenAI refuses function tools on this Chat request (current-models.md, OpenAI 1). */
function toolsRefused(model: string, effort: unknown): boolean {
  if (GPT_NO_NONE.test(model)) return true;
  if (GPT_TOOLS_NEED_NONE.test(model)) return effort !== 'none';
  return GPT_TOOLS_REFUSE_EFFORT.test(model) && present(effort) && effort !== 'none';
}

/** OpenAI's refusal of a value, listing what the model takes (its wording: Kilo-Org/cloud#3807). */
function unsupportedEffort(param: string, value: unknown, accepted: readonly string[]): Violation {
  const listed = accepted.map((effort) => `'${effort}'`);
  const list = `${listed.slice(0, -1).join(', ')}, and ${listed.at(-1)}`;
  return {
    message: `Unsupported value: '${param}' does not support '${String(value)}' with this model. Supported values are: ${list}.`,
    param,
    code: 'unsupported_value',
  };
}

/** xAI's reasoning models (not the -non-reasoning variants). */
const XAI_REASONING = /^grok-(4|3-mini|code-fast|build)/;
/** xAI models without an effort dial (hermes-agent#23435's live matrix; grok-3-mini, 4.3, 4.5+ take one). */
const XAI_NO_EFFORT_DIAL = /^grok-(3($|-(?!mini))|4($|-)|4\.20-0309|code-fast|build)/;
/** xAI names parameters in camelCase in its refusals. */
const XAI_NAMES: Record<string, string> = {
  presence_penalty: 'presencePenalty',
  frequency_penalty: 'frequencyPenalty',
  stop: 'stop',
  reasoning_effort: 'reasoningEffort',
};
/**
 * "Model grok-4.6 does not support parameter presencePenalty." (NativeTavern#83; refused even at 0).
 * xAI answers `{"code": "invalid-argument", "error": …}`; the fake keeps its OpenAI shape for xAI.
 */
const xaiRefusal = (model: unknown, param: string): Violation => ({
  message: `Model ${String(model)} does not support parameter ${XAI_NAMES[param] ?? param}.`,
  param,
  code: 'invalid-argument',
});

const GLM_5_3 = /^glm-5\.3/;

const CURRENT_MODEL_RULES: readonly RequestRule[] = [
  {
    // Real: "`temperature` is deprecated for this model." (UKGovernmentBEIS/inspect_ai#3721); top_p
    // and top_k get the same wording here.
    ...ANTHROPIC_MESSAGES,
    id: 'anthropic-default-sampling-only',
    models: CLAUDE_DEFAULT_SAMPLING_ONLY,
    check: (body) => {
      const param = (['temperature', 'top_p', 'top_k'] as const).find((name) =>
        name === 'top_k' ? present(body.top_k) : present(body[name]) && body[name] !== 1,
      );
      return param ? { message: `\`${param}\` is deprecated for this model.` } : undefined;
    },
    source:
      'https://platform.claude.com/docs/en/about-claude/models/whats-new-claude-4-7#sampling-parameters-removed',
  },
  {
    // Modelled on the "thinking.type.enabled" refusal (current-models.json quotes its opening).
    ...ANTHROPIC_MESSAGES,
    id: 'anthropic-thinking-always-on',
    models: CLAUDE_ALWAYS_THINKS,
    check: (body) =>
      thinkingType(body) === 'disabled'
        ? {
            message:
              '"thinking.type.disabled" is not supported for this model. Omit "thinking" or use "thinking.type.adaptive" with a lower "output_config.effort".',
          }
        : undefined,
    source: 'https://platform.claude.com/docs/en/models/opus-5-5/whats-new-opus-5-5',
  },
  {
    // Modelled as above (the page says the refusal points to between_tools).
    ...ANTHROPIC_MESSAGES,
    id: 'anthropic-sonnet-5-5-between-tools',
    models: /^claude-sonnet-5-5/,
    check: (body) => {
      const effort = outputEffort(body);
      if (thinkingType(body) === 'disabled')
        return {
          message:
            '"thinking.type.disabled" is not supported for this model. Use "thinking.type.between_tools" for the least thinking.',
        };
      if (thinkingType(body) === 'between_tools' && (effort === 'xhigh' || effort === 'max'))
        return {
          message: `output_config.effort '${effort}' is not supported with "thinking.type.between_tools". Use effort 'high' or below.`,
        };
      return undefined;
    },
    source: 'https://platform.claude.com/docs/en/models/sonnet-5-5/whats-new-sonnet-5-5',
  },
  {
    // Real (qiita.com/Shion1305/items/00566448b2e69ff6cc1a: Claude Code on Opus 5).
    ...ANTHROPIC_MESSAGES,
    id: 'anthropic-disabled-up-to-high',
    models: CLAUDE_DISABLED_UP_TO_HIGH,
    check: (body) => {
      const effort = outputEffort(body);
      return thinkingType(body) === 'disabled' && (effort === 'xhigh' || effort === 'max')
        ? {
            message: `output_config.effort '${effort}' is not supported when thinking is disabled on this model. Use effort 'high' or below, or enable thinking.`,
          }
        : undefined;
    },
    source: 'https://platform.claude.com/docs/en/about-claude/models/whats-new-opus-5',
  },
  {
    // Real (can1357/oh-my-pi#12939, vercel/ai#21364).
    ...ANTHROPIC_MESSAGES,
    id: 'anthropic-no-forced-tool-choice',
    models: CLAUDE_NO_FORCED_TOOL,
    check: (body) =>
      isObject(body.tool_choice) && (body.tool_choice.type === 'any' || body.tool_choice.type === 'tool')
        ? { message: 'tool_choice: type "tool" and "any" are not supported for this model.' }
        : undefined,
    source: 'https://platform.claude.com/docs/en/models/opus-5-5/whats-new-opus-5-5',
  },
  {
    // Modelled on Anthropic's validation errors ("max_tokens: Field required").
    ...ANTHROPIC_MESSAGES,
    id: 'anthropic-no-effort',
    models: CLAUDE_NO_EFFORT,
    check: (body) =>
      present(outputEffort(body))
        ? { message: 'output_config.effort: This model does not support the effort parameter.' }
        : undefined,
    source:
      'https://github.com/anthropics/skills/blob/f04ed8f74322d0ff5bac060d9607a1cae7bd0189/skills/claude-api/shared/model-migration.md',
  },
  {
    // Modelled as above; `none` / `minimal` are no Claude effort at all.
    ...ANTHROPIC_MESSAGES,
    id: 'anthropic-effort-values',
    exceptModels: CLAUDE_NO_EFFORT,
    check: (body) => {
      const effort = outputEffort(body);
      if (!present(effort)) return undefined;
      const accepted = claudeEffortsOf(typeof body.model === 'string' ? body.model : '');
      return accepted.includes(effort as string)
        ? undefined
        : {
            message: `output_config.effort: '${String(effort)}' is not supported on this model (${accepted.join(', ')}).`,
          };
    },
    source: 'https://platform.claude.com/docs/en/build-with-claude/effort',
  },
  {
    // Real (GEMISIS/leviath#333; the 5.4 / 5.5 wording: pipecat-ai/pipecat#4043, Science-Discovery/Aether#1026).
    id: 'openai-chat-tools-with-reasoning',
    providers: ['openai'],
    routes: ['chat'],
    models: /^gpt-(5\.[4-9]|6)/,
    status: 400,
    check: (body) => {
      const model = String(body.model);
      if (!hasFunctionTools(body) || !toolsRefused(model, body.reasoning_effort)) return undefined;
      const fix = GPT_NO_NONE.test(model)
        ? 'Please use /v1/responses instead.'
        : "To use function tools, use /v1/responses or set reasoning_effort to 'none'.";
      return {
        message: `Function tools with reasoning_effort are not supported for ${model} in /v1/chat/completions. ${fix}`,
        param: 'reasoning_effort',
      };
    },
    source:
      'https://community.openai.com/t/gpt-5-6-chat-completion-reasoning-effort-bug-behavior-change/1386454',
  },
  {
    id: 'openai-effort-no-none',
    providers: ['openai'],
    routes: ['chat', 'responses'],
    models: GPT_NO_NONE,
    status: 400,
    check: (body) => {
      const chat = Array.isArray(body.messages);
      const effort = chat ? body.reasoning_effort : responsesEffort(body);
      if (effort !== 'none' && effort !== 'minimal') return undefined;
      const accepted = chat && GPT_CHAT_NO_MAX.test(String(body.model)) ? UP_TO_XHIGH : LOW_TO_MAX;
      return unsupportedEffort(chat ? 'reasoning_effort' : 'reasoning.effort', effort, accepted);
    },
    source: 'https://developers.openai.com/api/docs/models/gpt-6.2-sol',
  },
  {
    id: 'openai-chat-effort-no-max',
    providers: ['openai'],
    routes: ['chat'],
    models: GPT_CHAT_NO_MAX,
    status: 400,
    check: (body) =>
      body.reasoning_effort === 'max'
        ? unsupportedEffort(
            'reasoning_effort',
            'max',
            /-terra/.test(String(body.model)) ? ['none', ...UP_TO_XHIGH] : UP_TO_XHIGH,
          )
        : undefined,
    source:
      'https://dev.to/routerbase_com/4-request-validation-gotchas-when-migrating-openai-clients-to-gpt-62-reasoning-models-1aoc',
  },
  {
    ...REASONING_OPENAI,
    routes: ['responses'],
    id: 'openai-responses-reasoning-temperature',
    check: onlyDefault('temperature', 1),
  },
  {
    ...REASONING_OPENAI,
    routes: ['responses'],
    id: 'openai-responses-reasoning-top-p',
    check: onlyDefault('top_p', 1),
  },
  {
    ...REASONING_OPENAI,
    routes: ['responses'],
    id: 'openai-responses-reasoning-top-logprobs',
    check: (body) => (present(body.top_logprobs) ? unsupportedParameter('top_logprobs') : undefined),
  },
  {
    // The responses route is listed for when the fake serves xAI's /v1/responses (credentials.ts).
    id: 'xai-reasoning-penalties-stop',
    providers: ['xai'],
    routes: ['chat', 'responses'],
    models: XAI_REASONING,
    exceptModels: /non-reasoning/,
    status: 400,
    check: (body) => {
      const param = ['presence_penalty', 'frequency_penalty', 'stop'].find((name) => present(body[name]));
      return param ? xaiRefusal(body.model, param) : undefined;
    },
    source: 'https://docs.x.ai/docs/guides/reasoning',
  },
  {
    // Real: "Model grok-4 does not support parameter reasoningEffort." (NousResearch/hermes-agent#23435).
    id: 'xai-no-effort-dial',
    providers: ['xai'],
    routes: ['chat', 'responses'],
    models: XAI_NO_EFFORT_DIAL,
    status: 400,
    check: (body) =>
      present(body.reasoning_effort) || present(responsesEffort(body))
        ? xaiRefusal(body.model, 'reasoning_effort')
        : undefined,
    source: 'https://docs.x.ai/docs/guides/reasoning',
  },
  {
    // Real, Z.AI's code 1210 (NousResearch/hermes-agent#85890), in Anthropic's shape on its Messages route.
    id: 'zai-glm-5-3-thinking-always-on',
    providers: ['zai'],
    routes: ['messages', 'chat'],
    models: GLM_5_3,
    status: 400,
    check: (body) =>
      thinkingType(body) === 'disabled'
        ? {
            message:
              'This model always engages in thinking and cannot be disabled; please use low, high, or max',
          }
        : undefined,
    source: 'https://docs.z.ai/guides/overview/concept-param',
  },
  {
    // The range text "限制数值范围[1,131072]" is real (theopenco/llmgateway#3605); the field name is modelled.
    id: 'zai-glm-5-3-max-tokens',
    providers: ['zai'],
    routes: ['messages', 'chat'],
    models: GLM_5_3,
    status: 400,
    check: (body) =>
      typeof body.max_tokens === 'number' && body.max_tokens > 131072
        ? { message: 'max_tokens: 限制数值范围[1,131072]' }
        : undefined,
    source: 'https://docs.z.ai/guides/overview/concept-param',
  },
];

export const REQUEST_RULES: readonly RequestRule[] = [...BASE_RULES, ...CURRENT_MODEL_RULES];

/** The first rule the request breaks, or undefined. */
export function brokenRule(
  provider: ProviderName,
  route: RouteKind,
  body: JsonObject,
  headers: RequestHeaders = {},
): { rule: RequestRule; violation: Violation } | undefined {
  const model = typeof body.model === 'string' ? body.model : '';
  for (const rule of REQUEST_RULES) {
    if (!rule.providers.includes(provider) || !rule.routes.includes(route)) continue;
    if (rule.models && !rule.models.test(model)) continue;
    if (rule.exceptModels?.test(model)) continue;
    const violation = rule.check(body, headers);
    if (violation) return { rule, violation };
  }
  return undefined;
}
