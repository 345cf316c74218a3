/**
 * The fake refuses what the real APIs refuse (rules.ts, credentials.ts): each case sends a request a
 * real provider answers with 400, expects that provider's error body (written from real error
 * bodies, never produced by the fake), then sends the corrected request and expects 200.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Dialect,
  FAKE_KEYS,
  type FakeProvider,
  type ProviderName,
  postJson,
  startFakeProvider,
} from './support/fake-provider/index.js';

type Json = Record<string, unknown>;

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const hi = [{ role: 'user', content: 'hi' }];
const weather = { type: 'function', function: { name: 'weather', parameters: { type: 'object' } } };

interface Case {
  rule: string;
  provider: ProviderName;
  dialect: Dialect;
  bad: Json;
  fixed: Json;
  error: Json;
  /** The refusal's status, when not 400. */
  status?: number;
}

const openAi400 = (message: string, param: string, code: string) => ({
  error: { message, type: 'invalid_request_error', param, code },
});
const anthropic400 = (message: string) => ({
  type: 'error',
  error: { type: 'invalid_request_error', message },
  request_id: expect.stringMatching(/^req_/),
});

const CASES: Case[] = [
  {
    rule: 'openai-reasoning-max-tokens',
    provider: 'openai',
    dialect: 'chat',
    bad: { model: 'gpt-5', messages: hi, max_tokens: 100 },
    fixed: { model: 'gpt-5', messages: hi, max_completion_tokens: 100 },
    error: openAi400(
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      'max_tokens',
      'unsupported_parameter',
    ),
  },
  {
    rule: 'openai-reasoning-max-tokens (o-series, codex)',
    provider: 'openai',
    dialect: 'chat',
    bad: { model: 'o4-mini', messages: hi, max_tokens: 100 },
    fixed: { model: 'o4-mini', messages: hi, max_completion_tokens: 100 },
    error: openAi400(
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      'max_tokens',
      'unsupported_parameter',
    ),
  },
  {
    rule: 'openai-reasoning-temperature',
    provider: 'openai',
    dialect: 'chat',
    bad: { model: 'o3', messages: hi, temperature: 0.5 },
    fixed: { model: 'o3', messages: hi, temperature: 1 },
    error: openAi400(
      "Unsupported value: 'temperature' does not support 0.5 with this model. Only the default (1) value is supported.",
      'temperature',
      'unsupported_value',
    ),
  },
  {
    rule: 'openai-reasoning-top-p',
    provider: 'openai',
    dialect: 'chat',
    bad: { model: 'gpt-5-mini', messages: hi, top_p: 0.9 },
    fixed: { model: 'gpt-5-mini', messages: hi },
    error: openAi400(
      "Unsupported value: 'top_p' does not support 0.9 with this model. Only the default (1) value is supported.",
      'top_p',
      'unsupported_value',
    ),
  },
  {
    rule: 'openai-reasoning-logprobs',
    provider: 'openai',
    dialect: 'chat',
    bad: { model: 'o4-mini', messages: hi, logprobs: true },
    fixed: { model: 'o4-mini', messages: hi, logprobs: false },
    error: openAi400(
      "Unsupported parameter: 'logprobs' is not supported with this model.",
      'logprobs',
      'unsupported_parameter',
    ),
  },
  {
    rule: 'openai-reasoning-penalties',
    provider: 'openai',
    dialect: 'chat',
    bad: { model: 'gpt-5-nano', messages: hi, presence_penalty: 0.5 },
    fixed: { model: 'gpt-5-nano', messages: hi, presence_penalty: 0 },
    error: openAi400(
      "Unsupported parameter: 'presence_penalty' is not supported with this model.",
      'presence_penalty',
      'unsupported_parameter',
    ),
  },
  {
    rule: 'openai-reasoning-penalties (frequency)',
    provider: 'openai',
    dialect: 'chat',
    bad: { model: 'o1', messages: hi, frequency_penalty: 1 },
    fixed: { model: 'o1', messages: hi },
    error: openAi400(
      "Unsupported parameter: 'frequency_penalty' is not supported with this model.",
      'frequency_penalty',
      'unsupported_parameter',
    ),
  },
  {
    rule: 'openai-reasoning-stop',
    provider: 'openai',
    dialect: 'chat',
    bad: { model: 'gpt-5', messages: hi, stop: ['END'] },
    fixed: { model: 'gpt-5', messages: hi },
    error: openAi400(
      "Unsupported parameter: 'stop' is not supported with this model.",
      'stop',
      'unsupported_parameter',
    ),
  },
  {
    rule: 'openai-stop-max-4',
    provider: 'openai',
    dialect: 'chat',
    bad: { model: 'gpt-4o', messages: hi, stop: ['a', 'b', 'c', 'd', 'e'] },
    fixed: { model: 'gpt-4o', messages: hi, stop: ['a', 'b', 'c', 'd'] },
    error: openAi400(
      "Invalid 'stop': array too long. Expected an array with maximum length 4, but got an array with length 5 instead.",
      'stop',
      'array_above_max_length',
    ),
  },
  {
    rule: 'openai-user-max-64',
    provider: 'openai',
    dialect: 'chat',
    bad: { model: 'gpt-4o', messages: hi, user: 'u'.repeat(65) },
    fixed: { model: 'gpt-4o', messages: hi, user: 'u'.repeat(64) },
    error: openAi400(
      "Invalid 'user': string too long. Expected a string with maximum length 64, but got a string with length 65 instead.",
      'user',
      'string_above_max_length',
    ),
  },
  {
    rule: 'openai-function-name-max-64',
    provider: 'openai',
    dialect: 'chat',
    bad: { model: 'gpt-4o', messages: hi, tools: [{ type: 'function', function: { name: 'f'.repeat(65) } }] },
    fixed: {
      model: 'gpt-4o',
      messages: hi,
      tools: [{ type: 'function', function: { name: 'f'.repeat(64) } }],
    },
    error: openAi400(
      "Invalid 'tools[0].function.name': string too long. Expected a string with maximum length 64, but got a string with length 65 instead.",
      'tools[0].function.name',
      'string_above_max_length',
    ),
  },
  {
    rule: 'messages-max-tokens-required',
    provider: 'zai',
    dialect: 'messages',
    bad: { model: 'glm-4.6', messages: hi },
    fixed: { model: 'glm-4.6', messages: hi, max_tokens: 10 },
    error: anthropic400('max_tokens: Field required'),
  },
  {
    rule: 'anthropic-temperature-and-top-p',
    provider: 'anthropic',
    dialect: 'messages',
    bad: { model: 'claude-sonnet-4-5-20250929', max_tokens: 10, messages: hi, temperature: 0.5, top_p: 0.9 },
    fixed: { model: 'claude-sonnet-4-5-20250929', max_tokens: 10, messages: hi, temperature: 0.5 },
    error: anthropic400(
      '`temperature` and `top_p` cannot both be specified for this model. Please use only one.',
    ),
  },
  {
    rule: 'anthropic-adaptive-thinking-only',
    provider: 'anthropic',
    dialect: 'messages',
    bad: {
      model: 'claude-opus-4-7',
      max_tokens: 8000,
      messages: hi,
      thinking: { type: 'enabled', budget_tokens: 4096 },
    },
    fixed: {
      model: 'claude-opus-4-7',
      max_tokens: 8000,
      messages: hi,
      thinking: { type: 'adaptive' },
      output_config: { effort: 'high' },
    },
    error: anthropic400(
      '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.',
    ),
  },
  {
    rule: 'anthropic-adaptive-thinking-only (5.5)',
    provider: 'anthropic',
    dialect: 'messages',
    bad: {
      model: 'claude-haiku-5-5',
      max_tokens: 8000,
      messages: hi,
      thinking: { type: 'enabled', budget_tokens: 1024 },
    },
    fixed: { model: 'claude-haiku-5-5', max_tokens: 8000, messages: hi, thinking: { type: 'adaptive' } },
    error: anthropic400(
      '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.',
    ),
  },
  {
    rule: 'anthropic-no-prefill',
    provider: 'anthropic',
    dialect: 'messages',
    bad: {
      model: 'claude-sonnet-4-6',
      max_tokens: 10,
      messages: [...hi, { role: 'assistant', content: '{' }],
    },
    fixed: { model: 'claude-sonnet-4-6', max_tokens: 10, messages: hi },
    error: anthropic400(
      'This model does not support assistant message prefill. The conversation must end with a user message.',
    ),
  },
  {
    rule: 'anthropic-no-computer-20251124',
    provider: 'anthropic',
    dialect: 'messages',
    bad: {
      model: 'claude-opus-5-5',
      max_tokens: 10,
      tools: [
        { type: 'computer_20251124', name: 'computer', display_width_px: 1280, display_height_px: 800 },
      ],
      messages: hi,
    },
    fixed: {
      model: 'claude-opus-5-5',
      max_tokens: 10,
      tools: [
        { type: 'computer_20250124', name: 'computer', display_width_px: 1280, display_height_px: 800 },
      ],
      messages: hi,
    },
    error: anthropic400("tools.0: 'computer_20251124' is not supported for this model."),
  },
  {
    rule: 'anthropic-structured-output-closed-objects',
    provider: 'anthropic',
    dialect: 'messages',
    bad: {
      model: 'claude-sonnet-5-5',
      max_tokens: 10,
      messages: hi,
      output_config: { format: { type: 'json_schema', schema: { type: 'object', properties: {} } } },
    },
    fixed: {
      model: 'claude-sonnet-5-5',
      max_tokens: 10,
      messages: hi,
      output_config: {
        format: {
          type: 'json_schema',
          schema: { type: 'object', properties: {}, additionalProperties: false },
        },
      },
    },
    error: anthropic400(
      "output_config.format.schema: For 'object' type, 'additionalProperties' must be explicitly set to false",
    ),
  },
  {
    rule: 'anthropic-history-blocks-made-elsewhere',
    provider: 'anthropic',
    dialect: 'messages',
    bad: {
      model: 'claude-sonnet-4-6',
      max_tokens: 10,
      messages: [
        ...hi,
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Hmm.', signature: '' },
            { type: 'text', text: 'Hi.' },
          ],
        },
        ...hi,
      ],
    },
    fixed: {
      model: 'claude-sonnet-4-6',
      max_tokens: 10,
      messages: [...hi, { role: 'assistant', content: [{ type: 'text', text: 'Hi.' }] }, ...hi],
    },
    error: anthropic400('messages.1.content.0: Invalid `signature` in `thinking` block'),
  },
  {
    rule: 'anthropic-cache-breakpoints-max-4',
    provider: 'anthropic',
    dialect: 'messages',
    bad: {
      model: 'claude-haiku-4-5',
      max_tokens: 10,
      system: [1, 2, 3].map((n) => ({ type: 'text', text: `s${n}`, cache_control: { type: 'ephemeral' } })),
      messages: [
        {
          role: 'user',
          content: [1, 2].map((n) => ({ type: 'text', text: `u${n}`, cache_control: { type: 'ephemeral' } })),
        },
      ],
    },
    fixed: {
      model: 'claude-haiku-4-5',
      max_tokens: 10,
      system: [{ type: 'text', text: 's', cache_control: { type: 'ephemeral' } }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'u', cache_control: { type: 'ephemeral' } }] },
      ],
    },
    error: anthropic400('A maximum of 4 blocks with cache_control may be provided. Found 5.'),
  },
  {
    rule: 'anthropic-tool-name-pattern',
    provider: 'anthropic',
    dialect: 'messages',
    bad: {
      model: 'claude-sonnet-4-5',
      max_tokens: 10,
      messages: hi,
      tools: [
        { name: 'ok_tool', input_schema: { type: 'object' } },
        { name: 'caldav.list-events', input_schema: { type: 'object' } },
      ],
    },
    fixed: {
      model: 'claude-sonnet-4-5',
      max_tokens: 10,
      messages: hi,
      tools: [{ name: 'caldav_list-events', input_schema: { type: 'object' } }],
    },
    error: anthropic400("tools.1.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'"),
  },
  // Today's models (reference/current-models.md, "Request rules that changed since Claude 4.5 / GPT-5").
  {
    rule: 'anthropic-default-sampling-only',
    provider: 'anthropic',
    dialect: 'messages',
    bad: { model: 'claude-opus-5-5', max_tokens: 10, messages: hi, temperature: 0.2 },
    fixed: { model: 'claude-opus-5-5', max_tokens: 10, messages: hi, temperature: 1 },
    error: anthropic400('`temperature` is deprecated for this model.'),
  },
  {
    rule: 'anthropic-default-sampling-only (top_k)',
    provider: 'anthropic',
    dialect: 'messages',
    bad: { model: 'claude-haiku-5-5', max_tokens: 10, messages: hi, top_k: 5 },
    fixed: { model: 'claude-haiku-5-5', max_tokens: 10, messages: hi },
    error: anthropic400('`top_k` is deprecated for this model.'),
  },
  {
    rule: 'anthropic-thinking-always-on',
    provider: 'anthropic',
    dialect: 'messages',
    bad: { model: 'claude-fable-5-2', max_tokens: 10, messages: hi, thinking: { type: 'disabled' } },
    fixed: { model: 'claude-fable-5-2', max_tokens: 10, messages: hi, output_config: { effort: 'low' } },
    error: anthropic400(
      '"thinking.type.disabled" is not supported for this model. Omit "thinking" or use "thinking.type.adaptive" with a lower "output_config.effort".',
    ),
  },
  {
    rule: 'anthropic-sonnet-5-5-between-tools (disabled)',
    provider: 'anthropic',
    dialect: 'messages',
    bad: { model: 'claude-sonnet-5-5', max_tokens: 10, messages: hi, thinking: { type: 'disabled' } },
    fixed: { model: 'claude-sonnet-5-5', max_tokens: 10, messages: hi, thinking: { type: 'between_tools' } },
    error: anthropic400(
      '"thinking.type.disabled" is not supported for this model. Use "thinking.type.between_tools" for the least thinking.',
    ),
  },
  {
    rule: 'anthropic-sonnet-5-5-between-tools (xhigh)',
    provider: 'anthropic',
    dialect: 'messages',
    bad: {
      model: 'claude-sonnet-5-5',
      max_tokens: 10,
      messages: hi,
      thinking: { type: 'between_tools' },
      output_config: { effort: 'xhigh' },
    },
    fixed: {
      model: 'claude-sonnet-5-5',
      max_tokens: 10,
      messages: hi,
      thinking: { type: 'between_tools' },
      output_config: { effort: 'high' },
    },
    error: anthropic400(
      `output_config.effort 'xhigh' is not supported with "thinking.type.between_tools". Use effort 'high' or below.`,
    ),
  },
  {
    rule: 'anthropic-disabled-up-to-high',
    provider: 'anthropic',
    dialect: 'messages',
    bad: {
      model: 'claude-opus-5',
      max_tokens: 10,
      messages: hi,
      thinking: { type: 'disabled' },
      output_config: { effort: 'max' },
    },
    fixed: {
      model: 'claude-opus-5',
      max_tokens: 10,
      messages: hi,
      thinking: { type: 'disabled' },
      output_config: { effort: 'high' },
    },
    error: anthropic400(
      "output_config.effort 'max' is not supported when thinking is disabled on this model. Use effort 'high' or below, or enable thinking.",
    ),
  },
  {
    rule: 'anthropic-no-forced-tool-choice',
    provider: 'anthropic',
    dialect: 'messages',
    bad: {
      model: 'claude-opus-5-5',
      max_tokens: 10,
      messages: hi,
      tools: [{ name: 'f', input_schema: { type: 'object' } }],
      tool_choice: { type: 'tool', name: 'f' },
    },
    fixed: {
      model: 'claude-opus-5-5',
      max_tokens: 10,
      messages: hi,
      tools: [{ name: 'f', input_schema: { type: 'object' } }],
      tool_choice: { type: 'auto' },
    },
    error: anthropic400('tool_choice: type "tool" and "any" are not supported for this model.'),
  },
  {
    rule: 'anthropic-no-effort',
    provider: 'anthropic',
    dialect: 'messages',
    bad: { model: 'claude-haiku-4-5', max_tokens: 10, messages: hi, output_config: { effort: 'low' } },
    fixed: { model: 'claude-haiku-4-5', max_tokens: 10, messages: hi },
    error: anthropic400('output_config.effort: This model does not support the effort parameter.'),
  },
  {
    rule: 'anthropic-effort-values',
    provider: 'anthropic',
    dialect: 'messages',
    bad: { model: 'claude-opus-4-5', max_tokens: 10, messages: hi, output_config: { effort: 'max' } },
    fixed: { model: 'claude-opus-4-5', max_tokens: 10, messages: hi, output_config: { effort: 'high' } },
    error: anthropic400("output_config.effort: 'max' is not supported on this model (low, medium, high)."),
  },
  {
    rule: 'anthropic-effort-values (none)',
    provider: 'anthropic',
    dialect: 'messages',
    bad: { model: 'claude-opus-5-5', max_tokens: 10, messages: hi, output_config: { effort: 'none' } },
    fixed: { model: 'claude-opus-5-5', max_tokens: 10, messages: hi, output_config: { effort: 'max' } },
    error: anthropic400(
      "output_config.effort: 'none' is not supported on this model (low, medium, high, xhigh, max).",
    ),
  },
  {
    rule: 'openai-chat-tools-with-reasoning',
    provider: 'openai',
    dialect: 'chat',
    bad: { model: 'gpt-5.6-terra', messages: hi, tools: [weather], reasoning_effort: 'high' },
    fixed: { model: 'gpt-5.6-terra', messages: hi, tools: [weather], reasoning_effort: 'none' },
    error: {
      error: {
        message:
          "Function tools with reasoning_effort are not supported for gpt-5.6-terra in /v1/chat/completions. To use function tools, use /v1/responses or set reasoning_effort to 'none'.",
        type: 'invalid_request_error',
        param: 'reasoning_effort',
        code: null,
      },
    },
  },
  {
    rule: 'openai-chat-tools-with-reasoning (no effort: the default reasons)',
    provider: 'openai',
    dialect: 'chat',
    bad: { model: 'gpt-6-sol', messages: hi, tools: [weather] },
    fixed: { model: 'gpt-6-sol', messages: hi, tools: [weather], reasoning_effort: 'none' },
    error: {
      error: {
        message:
          "Function tools with reasoning_effort are not supported for gpt-6-sol in /v1/chat/completions. To use function tools, use /v1/responses or set reasoning_effort to 'none'.",
        type: 'invalid_request_error',
        param: 'reasoning_effort',
        code: null,
      },
    },
  },
  {
    rule: 'openai-chat-tools-with-reasoning (GPT-6.2: Responses only)',
    provider: 'openai',
    dialect: 'chat',
    bad: { model: 'gpt-6.2-sol', messages: hi, tools: [weather], reasoning_effort: 'low' },
    fixed: { model: 'gpt-6.2-sol', messages: hi, reasoning_effort: 'low' },
    error: {
      error: {
        message:
          'Function tools with reasoning_effort are not supported for gpt-6.2-sol in /v1/chat/completions. Please use /v1/responses instead.',
        type: 'invalid_request_error',
        param: 'reasoning_effort',
        code: null,
      },
    },
  },
  {
    rule: 'openai-effort-no-none (chat)',
    provider: 'openai',
    dialect: 'chat',
    bad: { model: 'gpt-6.1-sol', messages: hi, reasoning_effort: 'minimal' },
    fixed: { model: 'gpt-6.1-sol', messages: hi, reasoning_effort: 'low' },
    error: openAi400(
      "Unsupported value: 'reasoning_effort' does not support 'minimal' with this model. Supported values are: 'low', 'medium', 'high', and 'xhigh'.",
      'reasoning_effort',
      'unsupported_value',
    ),
  },
  {
    rule: 'openai-effort-no-none (responses)',
    provider: 'openai',
    dialect: 'responses',
    bad: { model: 'gpt-6-astra', input: 'hi', reasoning: { effort: 'none' } },
    fixed: { model: 'gpt-6-astra', input: 'hi', reasoning: { effort: 'low' } },
    error: openAi400(
      "Unsupported value: 'reasoning.effort' does not support 'none' with this model. Supported values are: 'low', 'medium', 'high', 'xhigh', and 'max'.",
      'reasoning.effort',
      'unsupported_value',
    ),
  },
  {
    rule: 'openai-chat-effort-no-max',
    provider: 'openai',
    dialect: 'chat',
    bad: { model: 'gpt-6.2-astra', messages: hi, reasoning_effort: 'max' },
    fixed: { model: 'gpt-6.2-astra', messages: hi, reasoning_effort: 'xhigh' },
    error: openAi400(
      "Unsupported value: 'reasoning_effort' does not support 'max' with this model. Supported values are: 'low', 'medium', 'high', and 'xhigh'.",
      'reasoning_effort',
      'unsupported_value',
    ),
  },
  {
    rule: 'openai-responses-reasoning-temperature',
    provider: 'openai',
    dialect: 'responses',
    bad: { model: 'gpt-6.2-sol', input: 'hi', temperature: 0.3 },
    fixed: { model: 'gpt-6.2-sol', input: 'hi' },
    error: openAi400(
      "Unsupported value: 'temperature' does not support 0.3 with this model. Only the default (1) value is supported.",
      'temperature',
      'unsupported_value',
    ),
  },
  {
    rule: 'openai-responses-reasoning-top-logprobs',
    provider: 'openai',
    dialect: 'responses',
    bad: { model: 'gpt-5.6-sol', input: 'hi', top_logprobs: 2 },
    fixed: { model: 'gpt-5.6-sol', input: 'hi' },
    error: openAi400(
      "Unsupported parameter: 'top_logprobs' is not supported with this model.",
      'top_logprobs',
      'unsupported_parameter',
    ),
  },
  {
    rule: 'xai-reasoning-penalties-stop',
    provider: 'xai',
    dialect: 'chat',
    bad: { model: 'grok-4.7', messages: hi, presence_penalty: 0 },
    fixed: { model: 'grok-4.7', messages: hi },
    error: openAi400(
      'Model grok-4.7 does not support parameter presencePenalty.',
      'presence_penalty',
      'invalid-argument',
    ),
  },
  {
    rule: 'xai-reasoning-penalties-stop (stop)',
    provider: 'xai',
    dialect: 'chat',
    bad: { model: 'grok-3-mini', messages: hi, stop: ['END'] },
    fixed: { model: 'grok-3-mini', messages: hi },
    error: openAi400('Model grok-3-mini does not support parameter stop.', 'stop', 'invalid-argument'),
  },
  {
    rule: 'xai-no-effort-dial',
    provider: 'xai',
    dialect: 'chat',
    bad: { model: 'grok-4', messages: hi, reasoning_effort: 'high' },
    fixed: { model: 'grok-4', messages: hi },
    error: openAi400(
      'Model grok-4 does not support parameter reasoningEffort.',
      'reasoning_effort',
      'invalid-argument',
    ),
  },
  {
    rule: 'zai-glm-5-3-thinking-always-on',
    provider: 'zai',
    dialect: 'messages',
    bad: { model: 'glm-5.3', max_tokens: 10, messages: hi, thinking: { type: 'disabled' } },
    fixed: {
      model: 'glm-5.3',
      max_tokens: 10,
      messages: hi,
      thinking: { type: 'enabled', budget_tokens: 1024 },
    },
    error: anthropic400(
      'This model always engages in thinking and cannot be disabled; please use low, high, or max',
    ),
  },
  {
    rule: 'zai-glm-5-3-max-tokens',
    provider: 'zai',
    dialect: 'messages',
    bad: { model: 'glm-5.3', max_tokens: 131073, messages: hi },
    fixed: { model: 'glm-5.3', max_tokens: 131072, messages: hi },
    error: anthropic400('max_tokens: 限制数值范围[1,131072]'),
  },
  {
    // https://github.com/alvinunreal/tmuxai/issues/82 (the body), aaif-goose/goose#2564 (the 404)
    rule: 'openai-codex-models-responses-only',
    provider: 'openai',
    dialect: 'chat',
    bad: { model: 'gpt-5.3-codex', messages: hi },
    fixed: { model: 'gpt-5.3-codex', input: 'hi' },
    status: 404,
    error: {
      error: {
        message: 'This model is only supported in v1/responses and not in v1/chat/completions.',
        type: 'invalid_request_error',
        param: 'model',
        code: null,
      },
    },
  },
  {
    // https://github.com/OpenHands/OpenHands/issues/7700
    rule: 'openai-chat-images-in-user-messages-only',
    provider: 'openai',
    dialect: 'chat',
    bad: {
      model: 'gpt-4o',
      messages: [
        ...hi,
        {
          role: 'assistant',
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'shot', arguments: '{}' } }],
        },
        {
          role: 'tool',
          tool_call_id: 'call_1',
          content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }],
        },
      ],
    },
    fixed: {
      model: 'gpt-4o',
      messages: [
        ...hi,
        {
          role: 'assistant',
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'shot', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'A screenshot follows.' },
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] },
      ],
    },
    error: {
      error: {
        message:
          "Invalid 'messages[2]'. Image URLs are only allowed for messages with role 'user', but this message with role 'tool' contains an image URL.",
        type: 'invalid_request_error',
        param: 'messages[2]',
        code: null,
      },
    },
  },
];

describe.each(CASES)('$rule ($provider $dialect)', ({ provider, dialect, bad, fixed, error, status }) => {
  it('refuses the request with the provider’s 400', async () => {
    const response = await postJson(fake, provider, dialect, bad);
    expect(response.status).toBe(status ?? 400);
    expect(await response.json()).toEqual(error);
  });

  it('accepts the corrected request', async () => {
    const response = await postJson(fake, provider, fixed.input === undefined ? dialect : 'responses', fixed);
    expect(response.status).toBe(200);
    await response.body?.cancel();
  });
});

describe('what the rules leave alone', () => {
  it('non-reasoning OpenAI models and the gpt-5 chat snapshot keep the classic parameters', async () => {
    for (const model of ['gpt-4o', 'gpt-4.1-mini', 'gpt-5-chat-latest']) {
      const body = { model, messages: hi, max_tokens: 10, temperature: 0.2, top_p: 0.5, stop: ['x'] };
      const response = await postJson(fake, 'openai', 'chat', body);
      expect(response.status, model).toBe(200);
      await response.body?.cancel();
    }
  });

  it('older Claude models take temperature with top_p, budget thinking and prefill', async () => {
    const body = {
      model: 'claude-sonnet-4-20250514',
      max_tokens: 2048,
      temperature: 0.5,
      top_p: 0.9,
      messages: [...hi, { role: 'assistant', content: 'Sure' }],
    };
    expect((await postJson(fake, 'anthropic', 'messages', body)).status).toBe(200);
    const thinking = {
      model: 'claude-sonnet-4-5',
      max_tokens: 2048,
      messages: hi,
      thinking: { type: 'enabled', budget_tokens: 1024 },
    };
    expect((await postJson(fake, 'anthropic', 'messages', thinking)).status).toBe(200);
  });

  it('Anthropic rules are Anthropic’s: Z.AI and xAI Messages routes do not apply them', async () => {
    const body = { model: 'claude-sonnet-4-6', max_tokens: 10, temperature: 0.5, top_p: 0.9, messages: hi };
    expect((await postJson(fake, 'zai', 'messages', body)).status).toBe(200);
    expect((await postJson(fake, 'xai', 'messages', body)).status).toBe(200);
  });
});

describe('credentials', () => {
  const post = (provider: ProviderName, dialect: Dialect, headers: Record<string, string>, body: Json) =>
    postJson(fake, provider, dialect, body, { headers });
  const chat = { model: 'm', messages: hi };
  const messages = { model: 'm', max_tokens: 10, messages: hi };

  it.each(['openai', 'xai', 'openrouter'] as const)(
    '%s Chat reads only Authorization: Bearer',
    async (provider) => {
      // postJson adds the right Bearer header; replace it with the key in x-api-key.
      const response = await post(
        provider,
        'chat',
        { authorization: '', 'x-api-key': FAKE_KEYS[provider] },
        chat,
      );
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: {
          message:
            "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      });
    },
  );

  it('Z.AI reads only Bearer', async () => {
    const wrong = await post('zai', 'messages', { authorization: '', 'x-api-key': FAKE_KEYS.zai }, messages);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({
      type: 'error',
      error: {
        type: 'authentication_error',
        message: 'Authentication parameter not received in Header, unable to authenticate',
      },
    });
    const right = await post('zai', 'messages', { authorization: `Bearer ${FAKE_KEYS.zai}` }, messages);
    expect(right.status).toBe(200);
  });

  it('Anthropic and xAI Messages read x-api-key (the Anthropic SDK’s header)', async () => {
    for (const provider of ['anthropic', 'xai'] as const) {
      const response = await post(provider, 'messages', { 'x-api-key': FAKE_KEYS[provider] }, messages);
      expect(response.status, provider).toBe(200);
    }
  });
});
