/**
 * The `openai` SDK on Claude and GLM through the gateway (Chat → Messages), against the strict fake:
 * what went upstream and what the client got, for prompt caching, mid-conversation developer
 * messages, custom tools, structured outputs (with thinking on) and what cannot be carried.
 * Expected values written by hand from:
 * - https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching (cache_control, at most 4)
 * - https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs (output_config.format)
 * - https://platform.openai.com/docs/api-reference/chat/create (response_format, custom tools,
 *   usage.prompt_tokens_details.cached_tokens)
 */
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

/** A client pinned to one provider, so the test does not depend on which offer is cheapest. */
const openaiOn = (provider: string) =>
  new OpenAI({
    baseURL: `${gateway.url}/v1`,
    apiKey: 'client',
    maxRetries: 0,
    defaultHeaders: { 'x-ekai-provider': provider },
  });

type Body = Record<string, unknown> & {
  messages: Array<{ role: string; content: Array<Record<string, unknown>> }>;
};
const upstream = () => fake.lastRequest()!.body as Body;
const FIVE_MINUTES = { type: 'ephemeral' };
/** The messages without their cache marks. */
const unmarked = (messages: Body['messages']) =>
  messages.map((message) => ({
    ...message,
    content: message.content.map(({ cache_control: _mark, ...block }) => block),
  }));

const WEATHER = {
  type: 'object',
  properties: { city: { type: 'string' }, celsius: { type: 'number' } },
  required: ['city', 'celsius'],
  additionalProperties: false,
};
const ANSWER = '{"city":"Paris","celsius":18}';

describe('structured outputs with thinking on', () => {
  it('claude-sonnet-5-5: output_config.format next to adaptive thinking; the client gets the JSON as content', async () => {
    fake.script({ thinking: 'The user wants JSON.', text: ANSWER });
    const { data, response } = await openaiOn('anthropic')
      .chat.completions.create({
        model: 'claude-sonnet-5-5',
        messages: [{ role: 'user', content: 'Weather in Paris as JSON.' }],
        reasoning_effort: 'high',
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'weather', schema: WEATHER, strict: true },
        },
      })
      .withResponse();
    expect(response.status).toBe(200);
    const body = upstream();
    expect(body.output_config).toEqual({ format: { type: 'json_schema', schema: WEATHER }, effort: 'high' });
    expect(body.thinking).toEqual({ type: 'adaptive' });
    // No forced tool: the 5.5 models refuse a forced tool_choice, and JSON outputs need none.
    expect(body.tools).toBeUndefined();
    expect(body.tool_choice).toBeUndefined();
    expect(data.choices[0]!.message.content).toBe(ANSWER);
    expect(JSON.parse(data.choices[0]!.message.content!)).toEqual({ city: 'Paris', celsius: 18 });
    expect(data.choices[0]!.message.tool_calls ?? []).toEqual([]);
    expect(data.choices[0]!.finish_reason).toBe('stop');
  });

  it('claude-sonnet-4-5, streamed: output_config.format next to a thinking budget; the stream carries the JSON', async () => {
    fake.script({ thinking: true, text: ANSWER });
    const stream = await openaiOn('anthropic').chat.completions.create({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'Weather in Paris as JSON.' }],
      max_tokens: 8000,
      reasoning_effort: 'high',
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'weather', schema: WEATHER, strict: true },
      },
      stream: true,
    });
    let text = '';
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    const body = upstream();
    expect(body.model).toBe('claude-sonnet-4-5-20250929');
    expect(body.output_config).toEqual({ format: { type: 'json_schema', schema: WEATHER } });
    // High thinks in a quarter of Sonnet 4.5's 64,000; max_tokens grows by it to keep 8,000 for the answer.
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 16000 });
    expect(body.max_tokens).toBe(24000);
    expect(body.tools).toBeUndefined();
    expect(text).toBe(ANSWER);
    expect(finish).toBe('stop');
  });

  it('glm-5.3 (no JSON outputs): the forced-tool fallback, whose input reaches the client as content', async () => {
    fake.script({
      toolCalls: [{ name: 'weather', arguments: { city: 'Paris', celsius: 18 } }],
      stopReason: 'tool_use',
    });
    const { data, response } = await openaiOn('zai')
      .chat.completions.create({
        model: 'glm-5.3',
        messages: [{ role: 'user', content: 'Weather in Paris as JSON.' }],
        response_format: { type: 'json_schema', json_schema: { name: 'weather', schema: WEATHER } },
      })
      .withResponse();
    expect(response.status).toBe(200);
    const body = upstream();
    expect(body.output_config).toBeUndefined();
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'weather', disable_parallel_tool_use: true });
    expect(JSON.parse(data.choices[0]!.message.content!)).toEqual({ city: 'Paris', celsius: 18 });
  });
});

describe('prompt caching', () => {
  it('a 3-turn conversation: breakpoints on system, tools and the last turns; each turn reuses the marked prefix', async () => {
    const client = openaiOn('anthropic');
    const tools = [
      {
        type: 'function' as const,
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
        },
      },
    ];
    const history: OpenAI.Chat.ChatCompletionMessageParam[] = [
      { role: 'system', content: 'You are a careful assistant.' },
    ];
    const bodies: Body[] = [];
    const cached: number[] = [];
    for (const [turn, question] of ['Hello', 'Weather in Paris?', 'And in Tokyo?'].entries()) {
      history.push({ role: 'user', content: question });
      // The fake does not simulate a cache: it reports reads when told to, as Anthropic would from turn 2.
      if (turn > 0) fake.script({ cache: { read: 1500 * turn, write: 40, input: 12 } });
      const answer = await client.chat.completions.create({
        model: 'claude-sonnet-5-5',
        messages: history,
        tools,
        prompt_cache_key: 'session-1',
      });
      bodies.push(upstream());
      cached.push(answer.usage?.prompt_tokens_details?.cached_tokens ?? 0);
      history.push({ role: 'assistant', content: answer.choices[0]!.message.content });
    }
    for (const body of bodies) {
      expect((body.system as unknown[]).at(-1)).toMatchObject({ cache_control: FIVE_MINUTES });
      expect((body.tools as unknown[]).at(-1)).toMatchObject({ cache_control: FIVE_MINUTES });
      expect(body.messages.at(-1)!.content.at(-1)).toMatchObject({ cache_control: FIVE_MINUTES });
    }
    // From turn 2 on, everything the previous turn sent is sent again unchanged (the marks aside: where
    // a breakpoint sits is not part of the cached content), and the previous turn's last message, where
    // it wrote the cache, is marked again so this turn reads it.
    for (const turn of [1, 2]) {
      const previous = bodies[turn - 1]!.messages;
      expect(unmarked(bodies[turn]!.messages.slice(0, previous.length))).toEqual(unmarked(previous));
      expect(bodies[turn]!.messages[previous.length - 1]!.content.at(-1)).toMatchObject({
        cache_control: FIVE_MINUTES,
      });
    }
    expect(bodies[0]!.messages.map((message) => message.role)).toEqual(['user']);
    expect(bodies[2]!.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
    ]);
    // The 4-breakpoint limit holds (the strict fake refuses a fifth), and the client is told its reads.
    expect(cached).toEqual([0, 1500, 3000]);
  });
});

describe('conversation shape', () => {
  it('a developer message mid-conversation stays in place, as a user note; the client is told', async () => {
    const { response } = await openaiOn('anthropic')
      .chat.completions.create({
        model: 'claude-sonnet-5-5',
        messages: [
          { role: 'developer', content: 'You are terse.' },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello.' },
          { role: 'developer', content: 'The sandbox is now read-only.' },
          { role: 'user', content: 'Delete the logs.' },
        ],
      })
      .withResponse();
    const body = upstream();
    expect(body.system).toEqual([{ type: 'text', text: 'You are terse.', cache_control: FIVE_MINUTES }]);
    expect(body.messages.at(-1)).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: '<system-reminder>\nThe sandbox is now read-only.\n</system-reminder>' },
        { type: 'text', text: 'Delete the logs.', cache_control: FIVE_MINUTES },
      ],
    });
    expect(response.headers.get('x-ekai-warnings')).toContain(
      'a developer message inside the conversation was sent in place',
    );
  });

  it('a custom tool and a custom call in history reach Claude with a name and their input', async () => {
    const { response } = await openaiOn('anthropic')
      .chat.completions.create({
        model: 'claude-sonnet-5-5',
        messages: [
          { role: 'user', content: 'Patch it.' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'call_p', type: 'custom', custom: { name: 'apply_patch', input: 'PATCH' } }],
          },
          { role: 'tool', tool_call_id: 'call_p', content: 'Applied.' },
        ],
        tools: [{ type: 'custom', custom: { name: 'apply_patch', description: 'Apply a patch.' } }],
      })
      .withResponse();
    expect(response.status).toBe(200);
    const body = upstream();
    expect(body.tools).toEqual([
      {
        name: 'apply_patch',
        description: 'Apply a patch.',
        input_schema: {
          type: 'object',
          properties: {
            input: { type: 'string', description: 'The whole input of this tool, as free text.' },
          },
          required: ['input'],
          additionalProperties: false,
        },
        cache_control: FIVE_MINUTES,
      },
    ]);
    expect(body.messages[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'tool_use', id: 'call_p', name: 'apply_patch', input: { input: 'PATCH' } }],
    });
  });
});

describe('what cannot be carried', () => {
  it('logprobs: the answer has none, and x-ekai-warnings says so', async () => {
    const { data, response } = await openaiOn('anthropic')
      .chat.completions.create({
        model: 'claude-sonnet-5-5',
        messages: [{ role: 'user', content: 'Hi' }],
        logprobs: true,
      })
      .withResponse();
    expect(data.choices[0]!.logprobs).toBeNull();
    expect(response.headers.get('x-ekai-warnings')).toContain(
      'logprobs dropped: Messages returns no token log probabilities',
    );
  });

  it('an input_audio part: a 400 naming the part, nothing sent upstream', async () => {
    const attempt = openaiOn('anthropic').chat.completions.create({
      model: 'claude-sonnet-5-5',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Transcribe this.' },
            { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
          ],
        },
      ],
    });
    await expect(attempt).rejects.toMatchObject({
      status: 400,
      param: 'messages[0].content[1]',
      message: expect.stringContaining('input_audio'),
    });
    expect(fake.requests).toHaveLength(0);
  });
});
