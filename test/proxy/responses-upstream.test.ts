/**
 * Current GPT models through Responses upstream (issue 17): from GPT-5.4 on, OpenAI refuses function
 * tools with reasoning on /v1/chat/completions ("use /v1/responses"), so the catalog serves those
 * offers through Responses (`formats: [responses]`) and a Claude Code (Messages) or OpenAI Chat
 * client is translated to it: request, whole answer and stream. The strict fake checks the Responses
 * input (calls paired with outputs, assistant text as output_text, flat function tools) and refuses
 * tools on Chat for these models, so a wrong route is a 400 here as in production.
 *
 * Expected values are written by hand from the documented shapes
 * (https://platform.openai.com/docs/api-reference/responses/create,
 * https://docs.anthropic.com/en/api/messages) and gpt-6.2-sol's price ($2 / $10 per million,
 * ../shared/reference/current-models.json).
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

const MODEL = 'gpt-6.2-sol';
const anthropic = () => new Anthropic({ baseURL: gateway.url, apiKey: 'client', maxRetries: 0 });
const openai = () => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });

const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Weather for a city',
  input_schema: {
    type: 'object' as const,
    properties: { city: { type: 'string' } },
    required: ['city'],
  },
};
/** The fake's default first tool call (scenarios.ts). */
const PARIS = { city: 'Paris', unit: 'celsius' };

/** gpt-6.2-sol: $2 input, $0.10 cached input, $10 output per million tokens. */
function priceOf(event: { inputTokens: number; cacheReadTokens: number; outputTokens: number }) {
  return (event.inputTokens * 2 + event.cacheReadTokens * 0.1 + event.outputTokens * 10) / 1e6;
}

describe('Claude Code (Messages) on gpt-6.2-sol goes upstream through Responses', () => {
  it('a tool turn: function tool flat, the call comes back as tool_use, the request is priced', async () => {
    const recorded = gateway.nextEvents();
    const { data: message, response } = await anthropic()
      .messages.create({
        model: MODEL,
        max_tokens: 1024,
        system: 'You are terse.',
        tools: [WEATHER_TOOL],
        messages: [{ role: 'user', content: '[tool] Weather in Paris?' }],
      })
      .withResponse();
    expect(response.status).toBe(200);
    const upstream = fake.lastRequest()!;
    expect(upstream).toMatchObject({
      provider: 'openai',
      dialect: 'responses',
      path: '/openai/v1/responses',
    });
    expect(upstream.body).toMatchObject({
      model: MODEL,
      instructions: 'You are terse.',
      max_output_tokens: 1024,
      store: false,
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          description: 'Weather for a city',
          parameters: WEATHER_TOOL.input_schema,
        },
      ],
      input: [{ role: 'user', content: [{ type: 'input_text', text: '[tool] Weather in Paris?' }] }],
    });
    expect(message.stop_reason).toBe('tool_use');
    const call = message.content.find((block) => block.type === 'tool_use');
    expect(call).toMatchObject({ type: 'tool_use', name: 'get_weather', input: PARIS });
    expect((call as { id: string }).id).toMatch(/^call_/);
    const [event] = await recorded;
    expect(event).toMatchObject({
      provider: 'openai',
      model: MODEL,
      clientDialect: 'messages',
      outcome: 'ok',
    });
    expect(event!.outputTokens).toBe(message.usage.output_tokens);
    expect(event!.costUsd).toBeCloseTo(priceOf(event!), 12);
    expect(event!.costUsd).toBeGreaterThan(0);
  });

  it('the tool result goes back as a function_call_output paired with its function_call', async () => {
    const message = await anthropic().messages.create({
      model: MODEL,
      max_tokens: 1024,
      tools: [WEATHER_TOOL],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'call_abc', name: 'get_weather', input: { city: 'Paris' } },
          ],
        },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'call_abc', content: '18 °C, sunny' }],
        },
      ],
    });
    expect(message.stop_reason).toBe('end_turn');
    expect(fake.lastRequest()!.body).toMatchObject({
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 'Weather in Paris?' }] },
        { role: 'assistant', content: [{ type: 'output_text', text: 'Checking.' }] },
        { type: 'function_call', call_id: 'call_abc', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call_output', call_id: 'call_abc', output: '18 °C, sunny' },
      ],
    });
  });

  it('streamed: the call arrives as tool_use with its input, then message_stop; usage recorded', async () => {
    const recorded = gateway.nextEvents();
    const stream = anthropic().messages.stream({
      model: MODEL,
      max_tokens: 1024,
      tools: [WEATHER_TOOL],
      messages: [{ role: 'user', content: '[tool] Weather in Paris?' }],
    });
    const types: string[] = [];
    stream.on('streamEvent', (event) => types.push(event.type));
    const message = await stream.finalMessage();
    expect(fake.lastRequest()).toMatchObject({ dialect: 'responses' });
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content.find((block) => block.type === 'tool_use')).toMatchObject({
      name: 'get_weather',
      input: PARIS,
    });
    expect(types[0]).toBe('message_start');
    expect(types.at(-1)).toBe('message_stop');
    const [event] = await recorded;
    expect(event).toMatchObject({ outcome: 'ok', stream: true });
    expect(event!.outputTokens).toBe(message.usage.output_tokens);
    expect(event!.costUsd).toBeCloseTo(priceOf(event!), 12);
  });
});

describe('OpenAI Chat clients on gpt-6.2-sol go upstream through Responses too', () => {
  const tools: OpenAI.Chat.ChatCompletionTool[] = [
    {
      type: 'function',
      function: { name: 'get_weather', parameters: WEATHER_TOOL.input_schema },
    },
  ];

  it('tools with reasoning effort: answered with tool_calls, sent as reasoning.effort', async () => {
    const completion = await openai().chat.completions.create({
      model: MODEL,
      reasoning_effort: 'high',
      tools,
      messages: [{ role: 'user', content: '[tool] Weather in Paris?' }],
    });
    expect(fake.lastRequest()).toMatchObject({ dialect: 'responses' });
    expect(fake.lastRequest()!.body).toMatchObject({
      reasoning: { effort: 'high' },
      tools: [{ type: 'function', name: 'get_weather', parameters: WEATHER_TOOL.input_schema }],
    });
    const choice = completion.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    const call = choice.message.tool_calls?.[0];
    expect(call).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
    expect(JSON.parse((call as { function: { arguments: string } }).function.arguments)).toEqual(PARIS);
  });

  it('streamed: text deltas and a usage chunk', async () => {
    const stream = await openai().chat.completions.create({
      model: MODEL,
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Say hello' }],
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(fake.lastRequest()).toMatchObject({ dialect: 'responses' });
    expect(text).toBe('Hello from openai! You said: Say hello');
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });
});

describe('models before GPT-5.4 stay on Chat Completions', () => {
  it('gpt-4o with tools: /v1/chat/completions, untranslated', async () => {
    await openai().chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(fake.lastRequest()).toMatchObject({ dialect: 'chat', path: '/openai/v1/chat/completions' });
  });
});
