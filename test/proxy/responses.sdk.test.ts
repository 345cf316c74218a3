import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeProvider, type ProviderName, startFakeProvider } from '../support/fake-provider/index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
let openai: OpenAI;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway(fake);
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());

const WEATHER: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: false,
};

const CASES: Array<{ name: string; model: string; provider: ProviderName; dialect: string }> = [
  { name: 'an OpenAI model (native Responses)', model: 'gpt-4o', provider: 'openai', dialect: 'responses' },
  { name: 'a Grok model (Chat dialect, translated)', model: 'grok-4', provider: 'xai', dialect: 'chat' },
  {
    name: 'a Claude model (Messages dialect, translated)',
    model: 'claude-sonnet-4',
    provider: 'anthropic',
    dialect: 'messages',
  },
];

describe.each(CASES)('openai SDK responses.create → $name', ({ model, provider, dialect }) => {
  it('non-streaming: output_text and usage; recorded', async () => {
    const response = await openai.responses.create({
      model,
      instructions: 'Be brief.',
      input: 'Say hello please',
    });
    expect(response.output_text).toBe(`Hello from ${provider}! You said: Say hello please`);
    expect(response.status).toBe('completed');
    expect(fake.lastRequest()).toMatchObject({ provider, dialect });
    expect(response.usage?.output_tokens).toBeGreaterThan(0);
    const event = gateway.recorder.events.at(-1)!;
    expect(event).toMatchObject({
      clientDialect: 'responses',
      provider,
      endpoint: '/v1/responses',
      outcome: 'ok',
    });
    expect(event.outputTokens).toBe(response.usage?.output_tokens);
    expect(event.inputTokens + event.cacheReadTokens + event.cacheWriteTokens).toBe(
      response.usage?.input_tokens,
    );
  });

  it('streaming: the events Codex needs, then a function-call round trip', async () => {
    const stream = await openai.responses.create({
      model,
      stream: true,
      tools: [WEATHER],
      input: [{ role: 'user', content: [{ type: 'input_text', text: '[tool] weather in Paris?' }] }],
    });
    const types: string[] = [];
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.completed') completed = event.response;
    }
    expect(types[0]).toBe('response.created');
    expect(types).toContain('response.output_item.added');
    expect(types).toContain('response.function_call_arguments.delta');
    expect(types).toContain('response.output_item.done');
    expect(types.at(-1)).toBe('response.completed');
    const call = completed?.output.find(
      (item) => item.type === 'function_call',
    ) as OpenAI.Responses.ResponseFunctionToolCall;
    expect(call).toMatchObject({ name: 'get_weather' });
    expect(JSON.parse(call.arguments)).toEqual({ city: 'Paris', unit: 'celsius' });
    expect(completed?.usage?.output_tokens).toBeGreaterThan(0);

    const second = await openai.responses
      .stream({
        model,
        tools: [WEATHER],
        input: [
          { role: 'user', content: [{ type: 'input_text', text: '[tool] weather in Paris?' }] },
          { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments },
          { type: 'function_call_output', call_id: call.call_id, output: '18°C, sunny' },
        ],
      })
      .finalResponse();
    expect(second.output_text).toMatch(new RegExp(`^Hello from ${provider}!`));
    expect(JSON.stringify(fake.lastRequest()!.body)).toContain('18°C, sunny');
    const events = gateway.recorder.events.slice(-2);
    expect(events.map((event) => [event.clientDialect, event.provider, event.stream, event.outcome])).toEqual(
      [
        ['responses', provider, true, 'ok'],
        ['responses', provider, true, 'ok'],
      ],
    );
  });
});

describe('/v1/responses errors', () => {
  it('a missing input is a 400; a translated request that needs stored state is refused clearly', async () => {
    await expect(openai.responses.create({ model: 'gpt-4o' } as never)).rejects.toBeInstanceOf(
      OpenAI.BadRequestError,
    );
    const error = await openai.responses
      .create({ model: 'claude-sonnet-4', input: 'x', previous_response_id: 'resp_123' })
      .then(
        () => undefined,
        (thrown: unknown) => thrown as InstanceType<typeof OpenAI.APIError>,
      );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error?.message).toContain('previous_response_id');
  });

  it('an upstream failure mid-stream ends the Responses stream with response.failed; the SDK raises', async () => {
    fake.inject({ reset: 'mid-stream', afterChunks: 3 }, { provider: 'xai' });
    const stream = await openai.responses.create({ model: 'grok-4', stream: true, input: '[long 10] go' });
    const seen: string[] = [];
    const failure = await (async () => {
      for await (const event of stream) seen.push(event.type);
    })().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect(seen).toContain('response.failed');
    expect(gateway.recorder.events.at(-1)).toMatchObject({ outcome: 'error', clientDialect: 'responses' });
  });
});
