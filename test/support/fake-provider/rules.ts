/**
 * Request rules the real APIs enforce, as data: one row per rule, with the provider's own error
 * message (taken from real error bodies) and where it is documented. The fake answers a request
 * that breaks a rule with that 400, so a gateway that sends what the real provider refuses fails
 * its tests instead of passing against a lenient fake.
 */
import type { RouteKind } from './providers.js';
import { isObject, type JsonObject } from './scenarios.js';
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
  status: 400;
  /** The violation, or undefined when the body is fine. */
  check(body: JsonObject): Violation | undefined;
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

/** Anthropic's current tool-name pattern (it was {1,64} until mid-2025; real errors now quote 128). */
const ANTHROPIC_TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
/** Chat Completions function names: OpenAI's limit. */
const OPENAI_FUNCTION_NAME_MAX = 64;

export const REQUEST_RULES: readonly RequestRule[] = [
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

/** The first rule the request breaks, or undefined. */
export function brokenRule(
  provider: ProviderName,
  route: RouteKind,
  body: JsonObject,
): { rule: RequestRule; violation: Violation } | undefined {
  const model = typeof body.model === 'string' ? body.model : '';
  for (const rule of REQUEST_RULES) {
    if (!rule.providers.includes(provider) || !rule.routes.includes(route)) continue;
    if (rule.models && !rule.models.test(model)) continue;
    if (rule.exceptModels?.test(model)) continue;
    const violation = rule.check(body);
    if (violation) return { rule, violation };
  }
  return undefined;
}
