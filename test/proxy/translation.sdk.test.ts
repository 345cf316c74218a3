import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeProvider, type ProviderName, startFakeProvider } from '../support/fake-provider/index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
let anthropic: Anthropic;
let openai: OpenAI;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway(fake);
  anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'client', maxRetries: 0 });
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());

/** A 1×1 transparent PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Weather for a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};
const TIME_TOOL = { name: 'get_time', input_schema: { type: 'object' as const, properties: {} } };

type ChatBody = { messages: Array<Record<string, unknown>>; [key: string]: unknown };
type MessagesBody = { messages: Array<Record<string, unknown>>; system?: unknown; [key: string]: unknown };
const lastBody = <T>() => fake.lastRequest()!.body as T;

const CHAT_MODELS: Array<{ model: string; provider: ProviderName; upstream: string }> = [
  { model: 'gpt-4o', provider: 'openai', upstream: 'gpt-4o' },
  { model: 'grok-4', provider: 'xai', upstream: 'grok-4' },
  { model: 'gemini-2.5-pro', provider: 'openrouter', upstream: 'google/gemini-2.5-pro' },
];

describe.each(CHAT_MODELS)(
  'Anthropic SDK → $model on $provider (Chat dialect, translated)',
  ({ model, provider, upstream }) => {
    it('plain text: system as string, role:system inside messages, multi-turn; non-streaming', async () => {
      const message = await anthropic.messages.create({
        model,
        max_tokens: 200,
        system: 'You are terse.',
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello.' },
          { role: 'system' as 'user', content: 'Mid-conversation instruction.' },
          { role: 'user', content: 'Say hello please' },
        ],
      });
      expect(message.type).toBe('message');
      expect(message.role).toBe('assistant');
      expect(message.content).toEqual(
        [{ type: 'text', text: `Hello from ${provider}! You said: Say hello please`, citations: null }].map(
          ({ citations: _c, ...block }) => expect.objectContaining(block),
        ),
      );
      expect(message.stop_reason).toBe('end_turn');
      const seen = fake.lastRequest()!;
      expect(seen.path).toMatch(/\/v1\/chat\/completions$/);
      const body = lastBody<ChatBody>();
      expect(body.model).toBe(upstream);
      expect(body.messages[0]).toMatchObject({ role: 'system', content: 'You are terse.' });
      expect(body.messages.map((entry) => entry.role)).toEqual([
        'system',
        'user',
        'assistant',
        'system',
        'user',
      ]);
      const usage = JSON.parse(seen.responseText).usage as {
        prompt_tokens: number;
        completion_tokens: number;
      };
      expect(message.usage).toMatchObject({
        input_tokens: usage.prompt_tokens,
        output_tokens: usage.completion_tokens,
      });
      expect(gateway.recorder.events.at(-1)).toMatchObject({
        provider,
        clientDialect: 'messages',
        inputTokens: usage.prompt_tokens,
        outputTokens: usage.completion_tokens,
        outcome: 'ok',
      });
    });

    it('system as blocks and an image; streaming', async () => {
      const message = await anthropic.messages
        .stream({
          model,
          max_tokens: 200,
          system: [
            { type: 'text', text: 'Block one.', cache_control: { type: 'ephemeral' } },
            { type: 'text', text: 'Block two.' },
          ],
          messages: [
            {
              role: 'user',
              content: [
                { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
                { type: 'text', text: 'What is this?' },
              ],
            },
          ],
        })
        .finalMessage();
      expect(message.content).toEqual([
        expect.objectContaining({ type: 'text', text: `Hello from ${provider}! You said: What is this?` }),
      ]);
      expect(message.stop_reason).toBe('end_turn');
      const body = lastBody<ChatBody>();
      expect(body.stream).toBe(true);
      expect(body.stream_options).toEqual({ include_usage: true });
      expect(JSON.stringify(body.messages[0])).toContain('Block one.');
      expect(JSON.stringify(body.messages[0])).toContain('Block two.');
      expect(body.messages[1]?.content).toEqual(
        expect.arrayContaining([{ type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }]),
      );
      expect(message.usage.output_tokens).toBeGreaterThan(0);
      expect(gateway.recorder.events.at(-1)).toMatchObject({
        stream: true,
        outputTokens: message.usage.output_tokens,
      });
    });

    it('a full tool round trip, streaming: tool_use with its whole input, then the tool_result, then the answer', async () => {
      const first = await anthropic.messages
        .stream({
          model,
          max_tokens: 200,
          tools: [WEATHER_TOOL],
          messages: [{ role: 'user', content: '[tool] Paris?' }],
        })
        .finalMessage();
      expect(first.stop_reason).toBe('tool_use');
      const toolUse = first.content.find((block) => block.type === 'tool_use');
      expect(toolUse).toMatchObject({
        type: 'tool_use',
        name: 'get_weather',
        input: { city: 'Paris', unit: 'celsius' },
      });
      expect(lastBody<ChatBody>().tools).toEqual([
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Weather for a city',
            parameters: WEATHER_TOOL.input_schema,
          },
        },
      ]);

      const second = await anthropic.messages
        .stream({
          model,
          max_tokens: 200,
          tools: [WEATHER_TOOL],
          messages: [
            { role: 'user', content: '[tool] Paris?' },
            { role: 'assistant', content: first.content },
            {
              role: 'user',
              content: [
                {
                  type: 'tool_result',
                  tool_use_id: (toolUse as { id: string }).id,
                  content: '18°C and sunny',
                },
                { type: 'text', text: 'Thanks' },
              ],
            },
          ],
        })
        .finalMessage();
      expect(second.stop_reason).toBe('end_turn');
      expect(second.content[0]).toMatchObject({ type: 'text' });
      const body = lastBody<ChatBody>();
      const id = (toolUse as { id: string }).id;
      expect(body.messages.slice(-3)).toEqual([
        expect.objectContaining({
          role: 'assistant',
          tool_calls: [
            {
              id,
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
            },
          ],
        }),
        { role: 'tool', tool_call_id: id, content: '18°C and sunny' },
        expect.objectContaining({ role: 'user' }),
      ]);
    });

    it('parallel tool calls, non-streaming and streaming', async () => {
      const request = {
        model,
        max_tokens: 200,
        tools: [WEATHER_TOOL, TIME_TOOL],
        messages: [{ role: 'user' as const, content: '[parallel-tools] both' }],
      };
      for (const message of [
        await anthropic.messages.create(request),
        await anthropic.messages.stream(request).finalMessage(),
      ]) {
        const calls = message.content.filter((block) => block.type === 'tool_use');
        expect(calls).toEqual([
          expect.objectContaining({ name: 'get_weather', input: { city: 'Paris', unit: 'celsius' } }),
          expect.objectContaining({ name: 'get_time', input: { city: 'Tokyo', unit: 'fahrenheit' } }),
        ]);
        expect(message.stop_reason).toBe('tool_use');
      }
    });

    it('thinking requested: not sent upstream as Anthropic fields; reasoning comes back as a thinking block where the provider streams it', async () => {
      const message = await anthropic.messages
        .stream({
          model,
          max_tokens: 4000,
          thinking: { type: 'enabled', budget_tokens: 2000 },
          messages: [{ role: 'user', content: '[thinking] ponder' }],
        })
        .finalMessage();
      const body = lastBody<ChatBody>();
      expect(body.thinking).toBeUndefined();
      const types = message.content.map((block) => block.type);
      expect(types.at(-1)).toBe('text');
      // OpenAI's Chat API never streams reasoning text; xAI and OpenRouter do.
      if (provider !== 'openai') expect(types[0]).toBe('thinking');
    });

    it('cache usage: cache reads reported apart from the input tokens', async () => {
      const message = await anthropic.messages
        .stream({ model, max_tokens: 50, messages: [{ role: 'user', content: '[cache] hi' }] })
        .finalMessage();
      expect(message.usage.cache_read_input_tokens).toBe(1200);
      const usageLine = fake
        .lastRequest()!
        .responseText.split('\n')
        .filter((line) => line.includes('"usage":{'))
        .at(-1)!;
      const { usage } = JSON.parse(usageLine.slice('data: '.length)) as {
        usage: { prompt_tokens: number; prompt_tokens_details?: { cache_write_tokens?: number } };
      };
      // Chat's prompt_tokens holds the cache reads (and OpenRouter's cache writes); Messages' input_tokens does not.
      const written = usage.prompt_tokens_details?.cache_write_tokens ?? 0;
      expect(message.usage.cache_creation_input_tokens).toBe(written);
      expect(message.usage.input_tokens).toBe(usage.prompt_tokens - 1200 - written);
      expect(gateway.recorder.events.at(-1)).toMatchObject({
        cacheReadTokens: 1200,
        cacheWriteTokens: written,
        inputTokens: usage.prompt_tokens - 1200 - written,
      });
    });
  },
);

const MESSAGES_MODELS: Array<{ model: string; provider: ProviderName; upstream: string; lowBudget: number }> =
  [
    // lowBudget: effort low thinks in 1/32 of the model's output limit (64,000 and 128,000 in the catalog).
    {
      model: 'claude-sonnet-4',
      provider: 'anthropic',
      upstream: 'claude-sonnet-4-20250514',
      lowBudget: 2000,
    },
    { model: 'glm-4.6', provider: 'zai', upstream: 'glm-4.6', lowBudget: 4000 },
  ];

describe.each(MESSAGES_MODELS)(
  'OpenAI SDK → $model on $provider (Messages dialect, translated)',
  ({ model, provider, upstream, lowBudget }) => {
    it('plain text with system and developer messages; non-streaming', async () => {
      const completion = await openai.chat.completions.create({
        model,
        messages: [
          { role: 'system', content: 'You are terse.' },
          { role: 'developer', content: 'Prefer short words.' },
          { role: 'user', content: 'Say hello please' },
        ],
      });
      expect(completion.object).toBe('chat.completion');
      expect(completion.choices[0]?.message.content).toBe(
        `Hello from ${provider}! You said: Say hello please`,
      );
      expect(completion.choices[0]?.finish_reason).toBe('stop');
      const seen = fake.lastRequest()!;
      expect(seen.path).toMatch(/\/v1\/messages$/);
      const body = lastBody<MessagesBody>();
      expect(body.model).toBe(upstream);
      expect(JSON.stringify(body.system)).toContain('You are terse.');
      expect(JSON.stringify(body.system)).toContain('Prefer short words.');
      expect(body.max_tokens).toEqual(expect.any(Number));
      expect(body.messages).toEqual([{ role: 'user', content: expect.anything() }]);
      const usage = JSON.parse(seen.responseText).usage as { input_tokens: number; output_tokens: number };
      expect(completion.usage).toMatchObject({
        prompt_tokens: usage.input_tokens,
        completion_tokens: usage.output_tokens,
      });
    });

    it('an image by data URL, streaming, include_usage honoured (and absent when not asked)', async () => {
      const stream = await openai.chat.completions.create({
        model,
        stream: true,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: '[cache] What is this?' },
              { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
            ],
          },
        ],
      });
      let text = '';
      let usageChunks = 0;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        if (chunk.usage) usageChunks++;
      }
      expect(text).toContain(`Hello from ${provider}!`);
      expect(usageChunks).toBe(0);
      // The image is the last block of the last message: ekai's cache breakpoint goes there (the only
      // one: no system prompt, no tools). https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
      expect(lastBody<MessagesBody>().messages[0]?.content).toEqual([
        { type: 'text', text: '[cache] What is this?' },
        {
          type: 'image',
          source: { type: 'base64', media_type: 'image/png', data: PNG },
          cache_control: { type: 'ephemeral' },
        },
      ]);

      const withUsage = await openai.chat.completions.create({
        model,
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: '[cache] again' }],
      });
      let usage: OpenAI.CompletionUsage | undefined;
      for await (const chunk of withUsage) usage = chunk.usage ?? usage;
      // Cached tokens are inside prompt_tokens in Chat's convention.
      expect(usage?.prompt_tokens_details?.cached_tokens).toBe(1200);
      expect(usage?.prompt_tokens).toBe(25 + 1200 + 300);
      expect(gateway.recorder.events.at(-1)).toMatchObject({
        inputTokens: 25,
        cacheReadTokens: 1200,
        cacheWriteTokens: 300,
      });
    });

    it('a full tool round trip with parallel calls: tool_calls with full arguments, tool results back as tool_result blocks', async () => {
      const tools: OpenAI.ChatCompletionTool[] = [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        },
        { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } },
      ];
      const first = await openai.chat.completions
        .stream({ model, tools, messages: [{ role: 'user', content: '[parallel-tools] both' }] })
        .finalChatCompletion();
      const calls = first.choices[0]?.message.tool_calls ?? [];
      expect(first.choices[0]?.finish_reason).toBe('tool_calls');
      expect(
        calls.map((call) =>
          call.type === 'function' ? [call.function.name, JSON.parse(call.function.arguments)] : [],
        ),
      ).toEqual([
        ['get_weather', { city: 'Paris', unit: 'celsius' }],
        ['get_time', { city: 'Tokyo', unit: 'fahrenheit' }],
      ]);
      // Without a system prompt, the end of the tools is the stable head ekai marks for caching.
      // https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
      expect(lastBody<MessagesBody>().tools).toEqual([
        { name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } },
        {
          name: 'get_time',
          input_schema: { type: 'object', properties: {} },
          cache_control: { type: 'ephemeral' },
        },
      ]);

      const second = await openai.chat.completions.create({
        model,
        tools,
        messages: [
          { role: 'user', content: '[parallel-tools] both' },
          first.choices[0]!.message as OpenAI.ChatCompletionAssistantMessageParam,
          { role: 'tool', tool_call_id: calls[0]!.id, content: '18°C' },
          { role: 'tool', tool_call_id: calls[1]!.id, content: '09:00' },
        ],
      });
      expect(second.choices[0]?.finish_reason).toBe('stop');
      const body = lastBody<MessagesBody>();
      expect(body.messages.at(-1)).toEqual({
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: calls[0]!.id, content: '18°C' },
          // The last block of the last message: ekai's cache breakpoint for this turn's prefix.
          {
            type: 'tool_result',
            tool_use_id: calls[1]!.id,
            content: '09:00',
            cache_control: { type: 'ephemeral' },
          },
        ],
      });
      expect(body.messages.at(-2)).toMatchObject({
        role: 'assistant',
        content: [
          {
            type: 'tool_use',
            id: calls[0]!.id,
            name: 'get_weather',
            input: { city: 'Paris', unit: 'celsius' },
          },
          {
            type: 'tool_use',
            id: calls[1]!.id,
            name: 'get_time',
            input: { city: 'Tokyo', unit: 'fahrenheit' },
          },
        ],
      });
    });

    it('reasoning_effort becomes an Anthropic thinking budget; thinking comes back as reasoning_content', async () => {
      const completion = await openai.chat.completions.create({
        model,
        reasoning_effort: 'low',
        max_completion_tokens: 8000,
        messages: [{ role: 'user', content: '[thinking] ponder' }],
      });
      expect(lastBody<MessagesBody>().thinking).toEqual({ type: 'enabled', budget_tokens: lowBudget });
      const message = completion.choices[0]?.message as {
        reasoning_content?: string;
        content: string | null;
      };
      expect(message.reasoning_content).toBeTruthy();
      expect(message.content).toContain(`Hello from ${provider}!`);
    });
  },
);

describe('translated streams are not buffered', () => {
  it('the first translated event reaches the client while the upstream is still streaming', async () => {
    fake.inject({ hang: 'mid-stream', afterChunks: 3 }, { provider: 'openai' });
    const controller = new AbortController();
    const response = await fetch(`${gateway.url}/v1/messages`, {
      method: 'POST',
      signal: controller.signal,
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({
        model: 'gpt-4o',
        max_tokens: 50,
        stream: true,
        messages: [{ role: 'user', content: '[long 10] go' }],
      }),
    });
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('content_block_delta'))
      text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/^event: message_start\n/);
    expect(fake.lastRequest()!.outcome).toBe('pending');
    controller.abort();
    await fake.lastRequest()!.finished;
    expect(fake.lastRequest()!.aborted).toBe(true);
  });
});

describe('count_tokens', () => {
  // Issue 18 (Claude Code's gateway protocol): a real count or a clean error, never an estimate
  // passed off as a count; Claude Code estimates by itself when the endpoint fails.
  it('forwarded to an Anthropic-dialect provider, a 404 not_found_error where no provider counts (grok-3: xAI Chat only)', async () => {
    const body = {
      model: 'claude-sonnet-4',
      messages: [{ role: 'user' as const, content: 'How many tokens is this?' }],
    };
    const forwarded = await anthropic.messages.countTokens(body);
    expect(fake.lastRequest()!.path).toBe('/anthropic/v1/messages/count_tokens');
    expect(forwarded.input_tokens).toBe(JSON.parse(fake.lastRequest()!.responseText).input_tokens);
    const before = fake.requests.length;
    const refused = await anthropic.messages.countTokens({ ...body, model: 'grok-3' }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(fake.requests.length).toBe(before);
    expect(refused).toBeInstanceOf(Anthropic.NotFoundError);
    expect((refused as InstanceType<typeof Anthropic.NotFoundError>).status).toBe(404);
  });
});

describe('errors across dialects', () => {
  it('an upstream error before the stream becomes the client’s error class and shape, status kept', async () => {
    // gpt-4.1 has one provider, and a retry-after too long to wait out: the 429 is the answer.
    fake.inject({ status: 429, headers: { 'retry-after': '30' } }, { provider: 'openai' });
    const error = await anthropic.messages
      .create({ model: 'gpt-4.1', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] })
      .then(
        () => undefined,
        (thrown: unknown) => thrown as InstanceType<typeof Anthropic.APIError>,
      );
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect(error?.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(error?.headers?.get('retry-after')).toBe('30');

    fake.inject({ status: 529 }, { provider: 'anthropic' });
    const overloaded = await openai.chat.completions
      .create({ model: 'claude-sonnet-4', messages: [{ role: 'user', content: 'x' }] })
      .then(
        () => undefined,
        (thrown: unknown) => thrown as InstanceType<typeof OpenAI.APIError>,
      );
    expect(overloaded).toBeInstanceOf(OpenAI.InternalServerError);
    expect(overloaded?.status).toBe(529);
    expect(overloaded?.message).toContain('Overloaded');
  });

  it('an error after the stream began arrives as the client dialect’s in-stream error', async () => {
    fake.inject({ midStreamError: { afterChunks: 3 } }, { provider: 'openai' });
    const failure = await anthropic.messages
      .stream({ model: 'gpt-4o', max_tokens: 50, messages: [{ role: 'user', content: '[long 10] go' }] })
      .finalMessage()
      .catch((thrown: unknown) => thrown as Error);
    expect(failure).toBeInstanceOf(Anthropic.APIError);

    fake.inject({ reset: 'mid-stream', afterChunks: 3 }, { provider: 'anthropic' });
    const stream = await openai.chat.completions.create({
      model: 'claude-sonnet-4',
      stream: true,
      messages: [{ role: 'user', content: '[long 10] go' }],
    });
    const broken = await (async () => {
      for await (const _chunk of stream) {
        // drain until the error
      }
    })().catch((thrown: unknown) => thrown as Error);
    expect(broken).toBeInstanceOf(OpenAI.APIError);
    expect(gateway.recorder.events.at(-1)).toMatchObject({ outcome: 'error', status: 200 });
  });

  it('a Chat-only request feature with no Messages counterpart (n > 1) is a 400 in the client’s dialect', async () => {
    const error = await openai.chat.completions
      .create({ model: 'claude-sonnet-4', n: 2, messages: [{ role: 'user', content: 'x' }] })
      .then(
        () => undefined,
        (thrown: unknown) => thrown as InstanceType<typeof OpenAI.APIError>,
      );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('warnings and thinking round trips', () => {
  it('dropped features are recorded as warnings on the usage event', async () => {
    // top_k is Anthropic-only (and no longer typed in this SDK): sent raw, it has no Chat counterpart.
    const anthropicOnly = { top_k: 5 };
    await anthropic.messages.create({
      model: 'gpt-4o',
      max_tokens: 50,
      ...anthropicOnly,
      // bash is a tool Anthropic defines and the client runs, without a schema: no Chat form, dropped.
      // (A server tool Anthropic runs, such as web_search, is a 400 instead: messages-to-chat-fidelity.test.ts.)
      tools: [{ type: 'bash_20250124', name: 'bash' }, WEATHER_TOOL] as never,
      messages: [{ role: 'user', content: 'x' }],
    });
    const event = gateway.recorder.events.at(-1)!;
    expect(event.warnings.join(' ')).toMatch(/bash/);
    expect(event.warnings.join(' ')).toMatch(/top_k/);
  });

  it('bug 8: thinking ekai made from a Chat model’s reasoning is not replayed to an Anthropic model', async () => {
    const first = await anthropic.messages
      .stream({
        model: 'grok-4',
        max_tokens: 4000,
        messages: [{ role: 'user', content: '[thinking] ponder' }],
      })
      .finalMessage();
    expect(first.content[0]).toMatchObject({ type: 'thinking', signature: '' });
    await anthropic.messages.create({
      model: 'claude-sonnet-4',
      max_tokens: 100,
      messages: [
        { role: 'user', content: '[thinking] ponder' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: 'and now?' },
      ],
    });
    const replayed = JSON.stringify(lastBody<MessagesBody>().messages);
    expect(replayed).not.toContain('"type":"thinking"');
    expect(replayed).toContain('Hello from xai');
    expect(gateway.recorder.events.at(-1)?.warnings.join(' ')).toContain('unsigned thinking');
  });
});
