/**
 * `POST /v1/messages/count_tokens` on models only Responses providers serve, through the real
 * Anthropic SDK against the gateway and the strict fake: counted by OpenAI's Responses token count
 * (`POST /v1/responses/input_tokens`, https://platform.openai.com/docs/api-reference/responses/input-tokens),
 * answered in Anthropic's shape (https://docs.anthropic.com/en/api/messages-count-tokens); a model
 * no provider can count keeps the 404. Expected bodies are written by hand from those pages.
 */
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { estimateInputTokens, type FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => {
  ({ fake, gateway } = started);
});

function client(): Anthropic {
  return new Anthropic({ baseURL: gateway.url, apiKey: 'client', maxRetries: 0 });
}

/** A Messages count request as Claude Code sends one: system prompt, a tool, the conversation. */
const COUNT_REQUEST = {
  system: 'You are terse.',
  tools: [
    {
      name: 'get_weather',
      description: 'Weather for a city',
      input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
    },
  ],
  messages: [{ role: 'user' as const, content: 'Weather in Paris?' }],
};

describe('count_tokens on a model OpenAI serves in Responses', () => {
  it('gpt-6.2-sol: the request counted by /v1/responses/input_tokens, answered as {input_tokens}', async () => {
    const counted = await client().messages.countTokens({ model: 'gpt-6.2-sol', ...COUNT_REQUEST });

    const upstream = fake.lastRequest()!;
    expect(upstream.path).toBe('/openai/v1/responses/input_tokens');
    expect(upstream.dialect).toBe('count_tokens');
    // The body responses.create would get, with only the fields the counting route reads
    // (InputTokenCountParams; no max_output_tokens, stream, store, include):
    // system → `instructions`, a user turn → a `message` input item with `input_text`, a tool →
    // a flat `function` tool (https://platform.openai.com/docs/api-reference/responses/create).
    const expectedBody = {
      model: 'gpt-6.2-sol',
      instructions: 'You are terse.',
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Weather in Paris?' }] },
      ],
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          description: 'Weather for a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          strict: false,
        },
      ],
    };
    expect(upstream.body).toEqual(expectedBody);

    // The provider's count, as the fake's route answered it for that body, in Anthropic's shape.
    expect(JSON.parse(upstream.responseText)).toEqual({
      object: 'response.input_tokens',
      input_tokens: estimateInputTokens('responses', expectedBody),
    });
    expect(counted).toEqual({ input_tokens: estimateInputTokens('responses', expectedBody) });
  });

  it('the provider and model that counted are named, as on every answer', async () => {
    const { response } = await client()
      .messages.countTokens({ model: 'gpt-6.2-sol', ...COUNT_REQUEST })
      .withResponse();
    expect(response.headers.get('x-ekai-provider')).toBe('openai');
    expect(response.headers.get('x-ekai-model')).toBe('gpt-6.2-sol');
  });
});

describe('count_tokens where no provider can count: the 404 stays', () => {
  it.each([
    // xAI serves grok-3 in Chat only, and documents no Responses token count.
    { model: 'grok-3', provider: 'xai' },
    // OpenRouter documents no token-counting route.
    { model: 'gemini-2.5-pro', provider: 'openrouter' },
  ])('$model ($provider): not_found_error, not retried, nothing sent upstream', async ({ model }) => {
    const error = await client()
      .messages.countTokens({ model, ...COUNT_REQUEST })
      .then(
        () => undefined,
        (thrown: unknown) => thrown as InstanceType<typeof Anthropic.APIError>,
      );
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    // Anthropic's error shape: https://docs.anthropic.com/en/api/errors
    expect(error!.error).toMatchObject({
      type: 'error',
      error: {
        type: 'not_found_error',
        message: expect.stringContaining(`count_tokens is not available for ${model}`),
      },
    });
    expect(error!.headers?.get('x-should-retry')).toBe('false');
    expect(fake.requests).toEqual([]);
  });
});
