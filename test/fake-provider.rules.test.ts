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

interface Case {
  rule: string;
  provider: ProviderName;
  dialect: Dialect;
  bad: Json;
  fixed: Json;
  error: Json;
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
    bad: { model: 'codex-mini-latest', messages: hi, max_tokens: 100 },
    fixed: { model: 'codex-mini-latest', messages: hi, max_completion_tokens: 100 },
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
];

describe.each(CASES)('$rule ($provider $dialect)', ({ provider, dialect, bad, fixed, error }) => {
  it('refuses the request with the provider’s 400', async () => {
    const response = await postJson(fake, provider, dialect, bad);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(error);
  });

  it('accepts the corrected request', async () => {
    const response = await postJson(fake, provider, dialect, fixed);
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
