/**
 * Today's model rules (reference/current-models.md, "Request rules that changed since Claude 4.5 /
 * GPT-5") end to end: each request goes through the real SDK and the gateway to the strict fake,
 * which refuses what the real provider refuses. Each case asserts what went upstream and the
 * x-ekai-warnings the client got, then sends the client's own body straight to the fake and sees
 * the provider's 400: a regression in the profile would be that 400 here, as in production.
 * Expected values are written from the providers' pages cited in each profile row.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import {
  type Dialect,
  type FakeProvider,
  type ProviderName,
  postJson,
} from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

const pinned = (provider: string) => ({ 'x-ekai-provider': provider });
const anthropicOn = (provider: string) =>
  new Anthropic({ baseURL: gateway.url, apiKey: 'client', maxRetries: 0, defaultHeaders: pinned(provider) });
const openaiOn = (provider: string) =>
  new OpenAI({
    baseURL: `${gateway.url}/v1`,
    apiKey: 'client',
    maxRetries: 0,
    defaultHeaders: pinned(provider),
  });

/** The generation request the fake received (Claude Code-style count_tokens calls aside). */
const upstream = () =>
  fake.requests.find((request) => request.dialect !== 'count_tokens')?.body as Record<string, unknown>;

/** The client's own body, sent to the provider as is: the fake refuses it as the provider would. */
async function refusedByTheProvider(
  provider: ProviderName,
  dialect: Dialect,
  body: object,
): Promise<unknown> {
  const response = await postJson(fake, provider, dialect, body);
  expect(response.status).toBe(400);
  return response.json();
}

const hi = [{ role: 'user' as const, content: 'hi' }];

describe('Anthropic SDK on Claude (native Messages)', () => {
  it('claude-opus-5-5: sampling, thinking off and a forced tool are mended and noted', async () => {
    const request = {
      model: 'claude-opus-5-5',
      max_tokens: 100,
      temperature: 0.2,
      thinking: { type: 'disabled' as const },
      tools: [{ name: 'weather', input_schema: { type: 'object' as const } }],
      tool_choice: { type: 'tool' as const, name: 'weather' },
      messages: hi,
    };
    const { response } = await anthropicOn('anthropic').messages.create(request).withResponse();
    expect(upstream()).toEqual({
      model: 'claude-opus-5-5',
      max_tokens: 100,
      tools: request.tools,
      tool_choice: { type: 'auto' },
      messages: hi,
    });
    expect(response.headers.get('x-ekai-warnings')).toBe(
      'thinking disabled not sent: claude-opus-5-5 always thinks (a lower effort thinks less); ' +
        'tool_choice tool became auto: claude-opus-5-5 cannot be forced to use a tool; ' +
        'temperature not sent: claude-opus-5-5 takes only the default sampling',
    );
    expect(await refusedByTheProvider('anthropic', 'messages', request)).toMatchObject({
      error: { message: '`temperature` is deprecated for this model.' },
    });
  });

  it('claude-sonnet-5-5: thinking off becomes between_tools, its effort at most high', async () => {
    const request = {
      model: 'claude-sonnet-5-5',
      max_tokens: 100,
      thinking: { type: 'disabled' as const },
      output_config: { effort: 'max' },
      messages: hi,
    };
    const { response } = await anthropicOn('anthropic')
      .messages.create(request as Anthropic.MessageCreateParamsNonStreaming)
      .withResponse();
    expect(upstream()).toMatchObject({
      thinking: { type: 'between_tools' },
      output_config: { effort: 'high' },
    });
    expect(response.headers.get('x-ekai-warnings')).toBe(
      'thinking disabled sent as between_tools: claude-sonnet-5-5 cannot turn thinking off, this is its lowest; ' +
        'output_config.effort max sent as high: claude-sonnet-5-5 thinks between tools only up to effort high',
    );
    await refusedByTheProvider('anthropic', 'messages', request);
  });

  it('claude-haiku-4-5: output_config.effort is not sent', async () => {
    const request = {
      model: 'claude-haiku-4-5',
      max_tokens: 100,
      output_config: { effort: 'low' },
      messages: hi,
    };
    const { response } = await anthropicOn('anthropic')
      .messages.create(request as Anthropic.MessageCreateParamsNonStreaming)
      .withResponse();
    expect(upstream()).toEqual({ model: 'claude-haiku-4-5-20251001', max_tokens: 100, messages: hi });
    expect(response.headers.get('x-ekai-warnings')).toBe(
      'output_config.effort not sent: claude-haiku-4-5-20251001 takes no effort',
    );
    await refusedByTheProvider('anthropic', 'messages', request);
  });

  it('an assistant prefill on claude-opus-5-5 is a 400 in Messages’ own shape; nothing is sent', async () => {
    const request = {
      model: 'claude-opus-5-5',
      max_tokens: 100,
      messages: [...hi, { role: 'assistant' as const, content: '{' }],
    };
    const error = await anthropicOn('anthropic')
      .messages.create(request)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message:
          'claude-opus-5-5 does not take an assistant prefill: the conversation must end with a user turn',
      },
    });
    expect(fake.requests).toEqual([]);
    await refusedByTheProvider('anthropic', 'messages', request);
  });
});

describe('OpenAI SDK on Claude (Chat → Messages)', () => {
  it('claude-fable-5-2: required becomes auto, sampling is not sent', async () => {
    const request = {
      model: 'claude-fable-5-2',
      max_tokens: 100,
      temperature: 0.5,
      messages: hi,
      tools: [{ type: 'function' as const, function: { name: 'weather', parameters: { type: 'object' } } }],
      tool_choice: 'required' as const,
    };
    const { response } = await openaiOn('anthropic').chat.completions.create(request).withResponse();
    const sent = upstream();
    expect(sent.tool_choice).toEqual({ type: 'auto' });
    expect(sent).not.toHaveProperty('temperature');
    const warnings = response.headers.get('x-ekai-warnings') ?? '';
    expect(warnings).toContain('temperature not sent: claude-fable-5-2 takes only the default sampling');
    expect(warnings).toContain(
      'tool_choice any became auto: claude-fable-5-2 cannot be forced to use a tool',
    );
  });
});

describe('OpenAI SDK on GPT (native Responses)', () => {
  it('gpt-6.2-sol: effort none goes at low, temperature is not sent', async () => {
    const request = {
      model: 'gpt-6.2-sol',
      input: 'hi',
      temperature: 0.3,
      reasoning: { effort: 'none' as const },
    };
    const { response } = await openaiOn('openai').responses.create(request).withResponse();
    expect(upstream()).toEqual({ model: 'gpt-6.2-sol', input: 'hi', reasoning: { effort: 'low' } });
    expect(response.headers.get('x-ekai-warnings')).toBe(
      'reasoning.effort none sent as low: gpt-6.2-sol takes low/medium/high/xhigh/max; ' +
        'temperature not sent: reasoning models take only the default',
    );
    expect(await refusedByTheProvider('openai', 'responses', request)).toMatchObject({
      error: { param: 'reasoning.effort', code: 'unsupported_value' },
    });
  });
});

describe('xAI and Z.AI', () => {
  it('OpenAI SDK on grok-4.7 (native Chat): penalties and stop are not sent', async () => {
    const request = { model: 'grok-4.7', messages: hi, presence_penalty: 0.5, stop: ['END'] };
    const { response } = await openaiOn('xai').chat.completions.create(request).withResponse();
    expect(upstream()).toEqual({ model: 'grok-4.7', messages: hi });
    expect(response.headers.get('x-ekai-warnings')).toBe(
      'presence_penalty not sent: xAI reasoning models refuse it; stop not sent: xAI reasoning models refuse it',
    );
    expect(await refusedByTheProvider('xai', 'chat', request)).toMatchObject({
      error: { message: 'Model grok-4.7 does not support parameter presencePenalty.' },
    });
  });

  it('Anthropic SDK on grok-4 (Messages → Chat): the effort it refuses is not sent', async () => {
    const request = { model: 'grok-4', max_tokens: 100, output_config: { effort: 'high' }, messages: hi };
    const { response } = await anthropicOn('xai')
      .messages.create(request as Anthropic.MessageCreateParamsNonStreaming)
      .withResponse();
    expect(upstream()).not.toHaveProperty('reasoning_effort');
    expect(response.headers.get('x-ekai-warnings')).toContain(
      // Named as the client sent it.
      'output_config.effort not sent: grok-4 reasons at its own pace and refuses an effort',
    );
    await refusedByTheProvider('xai', 'chat', { model: 'grok-4', messages: hi, reasoning_effort: 'high' });
  });

  it('Anthropic SDK on glm-5.3 (native Messages): thinking stays on, max_tokens within 131072', async () => {
    const request = {
      model: 'glm-5.3',
      max_tokens: 200000,
      thinking: { type: 'disabled' as const },
      messages: hi,
    };
    // A timeout of its own: the SDK refuses a non-streamed request this long without one.
    const { response } = await anthropicOn('zai')
      .messages.create(request, { timeout: 60_000 })
      .withResponse();
    expect(upstream()).toEqual({ model: 'glm-5.3', max_tokens: 131072, messages: hi });
    expect(response.headers.get('x-ekai-warnings')).toBe(
      'thinking disabled not sent: glm-5.3 always thinks (a lower effort thinks less); ' +
        'max_tokens 200000 sent as 131072: the most glm-5.3 writes',
    );
    await refusedByTheProvider('zai', 'messages', request);
  });
});
