/**
 * OpenAI-dialect clients on Messages providers, at the converter: prompt caching kept, mid-conversation
 * system messages left in place, custom tools, structured outputs, and what cannot be carried.
 * Expected bodies are written by hand from the providers' documented shapes:
 * - Anthropic prompt caching (cache_control, at most 4 breakpoints, 5m / 1h TTL, longer TTLs first):
 *   https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
 * - Anthropic structured outputs (output_config.format, strict tools; Claude 4.5 and later):
 *   https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs
 * - OpenAI Chat custom tools, custom tool calls, prompt_cache_breakpoint / prompt_cache_options:
 *   https://platform.openai.com/docs/api-reference/chat/create
 */
import { describe, expect, it } from 'vitest';
import { messagesRequestFromChat } from '../../src/formats/anthropic-messages/request-from-chat.js';
import { messagesRequestFromResponses } from '../../src/formats/anthropic-messages/request-from-responses.js';
import type { ChatRequest } from '../../src/formats/openai-chat/wire.js';
import type { ResponsesRequest } from '../../src/formats/openai-responses/wire.js';
import { UnsupportedRequestError } from '../../src/formats/translation.js';

const FIVE_MINUTES = { type: 'ephemeral' };
const ONE_HOUR = { type: 'ephemeral', ttl: '1h' };

const WEATHER_PARAMETERS = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
  additionalProperties: false,
};
const WEATHER_TOOL = {
  type: 'function' as const,
  function: { name: 'get_weather', description: 'Weather for a city', parameters: WEATHER_PARAMETERS },
};

/** Three user turns: a question, a tool round, a follow-up. */
function threeTurns(extra: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'claude-sonnet-5-5',
    max_tokens: 1000,
    messages: [
      { role: 'system', content: 'You are a careful assistant.' },
      { role: 'user', content: 'What is the weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '18°C, clear' },
      { role: 'assistant', content: 'It is 18°C and clear in Paris.' },
      { role: 'user', content: 'And in Tokyo?' },
    ],
    tools: [WEATHER_TOOL],
    ...extra,
  };
}

const ANTHROPIC_TOOL = {
  name: 'get_weather',
  description: 'Weather for a city',
  input_schema: WEATHER_PARAMETERS,
};

describe('prompt caching: automatic breakpoints on system, tools and the last turns', () => {
  it('a 3-turn conversation gets 4 breakpoints: last message, system, the previous user turn, tools', () => {
    const { body, warnings } = messagesRequestFromChat(threeTurns({ prompt_cache_key: 'session-42' }), {
      upstreamModel: 'claude-sonnet-5-5',
    });
    expect(body).toEqual({
      model: 'claude-sonnet-5-5',
      system: [{ type: 'text', text: 'You are a careful assistant.', cache_control: FIVE_MINUTES }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'What is the weather in Paris?' }] },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } }],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'call_1',
              content: '18°C, clear',
              cache_control: FIVE_MINUTES,
            },
          ],
        },
        { role: 'assistant', content: [{ type: 'text', text: 'It is 18°C and clear in Paris.' }] },
        { role: 'user', content: [{ type: 'text', text: 'And in Tokyo?', cache_control: FIVE_MINUTES }] },
      ],
      max_tokens: 1000,
      tools: [{ ...ANTHROPIC_TOOL, cache_control: FIVE_MINUTES }],
    });
    // prompt_cache_key only steers OpenAI's routing: nothing is lost, so nothing is said.
    expect(warnings).toEqual([]);
  });

  it('cacheTtl 1h marks every breakpoint {type: ephemeral, ttl: 1h}', () => {
    const { body } = messagesRequestFromChat(threeTurns(), {
      upstreamModel: 'claude-sonnet-5-5',
      cacheTtl: '1h',
    });
    expect(body.system).toEqual([
      { type: 'text', text: 'You are a careful assistant.', cache_control: ONE_HOUR },
    ]);
    expect(body.tools).toEqual([{ ...ANTHROPIC_TOOL, cache_control: ONE_HOUR }]);
    expect(body.messages.at(-1)).toEqual({
      role: 'user',
      content: [{ type: 'text', text: 'And in Tokyo?', cache_control: ONE_HOUR }],
    });
  });

  it("the client's own marks count: with 3 of them only the last message gets one", () => {
    const chat = threeTurns();
    chat.messages[0] = {
      role: 'system',
      content: [
        { type: 'text', text: 'Rules.', cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'More rules.', cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'Even more.', cache_control: { type: 'ephemeral' } },
      ] as never,
    };
    const { body } = messagesRequestFromChat(chat, { upstreamModel: 'claude-sonnet-5-5' });
    expect(body.system).toEqual([
      { type: 'text', text: 'Rules.', cache_control: FIVE_MINUTES },
      { type: 'text', text: 'More rules.', cache_control: FIVE_MINUTES },
      { type: 'text', text: 'Even more.', cache_control: FIVE_MINUTES },
    ]);
    expect(body.tools).toEqual([ANTHROPIC_TOOL]);
    expect(body.messages[2]!.content).toEqual([
      { type: 'tool_result', tool_use_id: 'call_1', content: '18°C, clear' },
    ]);
    expect(body.messages.at(-1)!.content).toEqual([
      { type: 'text', text: 'And in Tokyo?', cache_control: FIVE_MINUTES },
    ]);
  });

  it('OpenAI explicit breakpoints become cache_control; mode explicit adds no others', () => {
    const chat = threeTurns({ prompt_cache_options: { mode: 'explicit', ttl: '30m' } });
    chat.messages[1] = {
      role: 'user',
      content: [
        {
          type: 'text',
          text: 'What is the weather in Paris?',
          prompt_cache_breakpoint: { mode: 'explicit' },
        },
      ] as never,
    };
    const { body, warnings } = messagesRequestFromChat(chat, { upstreamModel: 'claude-sonnet-5-5' });
    expect(body.system).toEqual([{ type: 'text', text: 'You are a careful assistant.' }]);
    expect(body.tools).toEqual([ANTHROPIC_TOOL]);
    expect(body.messages[0]).toEqual({
      role: 'user',
      content: [{ type: 'text', text: 'What is the weather in Paris?', cache_control: FIVE_MINUTES }],
    });
    expect(body.messages.at(-1)!.content).toEqual([{ type: 'text', text: 'And in Tokyo?' }]);
    expect(warnings).toEqual([]);
  });

  it('more than 4 client marks: the last 4 are kept (OpenAI writes "the latest four"), with a warning', () => {
    const mark = { prompt_cache_breakpoint: { mode: 'explicit' } };
    const chat: ChatRequest = {
      model: 'claude-sonnet-5-5',
      messages: [
        {
          role: 'user',
          content: ['one', 'two', 'three', 'four', 'five'].map((text) => ({
            type: 'text',
            text,
            ...mark,
          })) as never,
        },
      ],
    };
    const { body, warnings } = messagesRequestFromChat(chat, { upstreamModel: 'claude-sonnet-5-5' });
    expect(body.messages[0]!.content).toEqual([
      { type: 'text', text: 'one' },
      { type: 'text', text: 'two', cache_control: FIVE_MINUTES },
      { type: 'text', text: 'three', cache_control: FIVE_MINUTES },
      { type: 'text', text: 'four', cache_control: FIVE_MINUTES },
      { type: 'text', text: 'five', cache_control: FIVE_MINUTES },
    ]);
    expect(warnings).toEqual([expect.stringContaining('cache breakpoints on 1 earlier blocks dropped')]);
  });

  it('1h breakpoints never follow a 5-minute one (Anthropic: longer TTLs first)', () => {
    const chat = threeTurns();
    chat.messages[0] = {
      role: 'system',
      content: [
        { type: 'text', text: 'You are a careful assistant.', cache_control: { type: 'ephemeral' } },
      ] as never,
    };
    const { body } = messagesRequestFromChat(chat, { upstreamModel: 'claude-sonnet-5-5', cacheTtl: '1h' });
    // Tools come before the system prompt in the cached prefix: 1 hour is allowed there.
    expect(body.tools).toEqual([{ ...ANTHROPIC_TOOL, cache_control: ONE_HOUR }]);
    expect(body.system).toEqual([
      { type: 'text', text: 'You are a careful assistant.', cache_control: FIVE_MINUTES },
    ]);
    expect(body.messages[2]!.content).toEqual([
      { type: 'tool_result', tool_use_id: 'call_1', content: '18°C, clear', cache_control: FIVE_MINUTES },
    ]);
    expect(body.messages.at(-1)!.content).toEqual([
      { type: 'text', text: 'And in Tokyo?', cache_control: FIVE_MINUTES },
    ]);
  });

  it('Responses → Messages gets the same breakpoints, prompt_cache_key or not', () => {
    const responses: ResponsesRequest = {
      model: 'claude-sonnet-5-5',
      instructions: 'You are a careful assistant.',
      input: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'user', content: 'Weather?' },
      ],
    } as ResponsesRequest;
    const { body } = messagesRequestFromResponses(responses, { upstreamModel: 'claude-sonnet-5-5' });
    expect(body.system).toEqual([
      { type: 'text', text: 'You are a careful assistant.', cache_control: FIVE_MINUTES },
    ]);
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Hi', cache_control: FIVE_MINUTES }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Hello.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Weather?', cache_control: FIVE_MINUTES }] },
    ]);
  });
});

describe('system and developer messages', () => {
  it('leading ones go to system; later ones stay in place as a <system-reminder> user note', () => {
    const chat: ChatRequest = {
      model: 'claude-sonnet-5-5',
      max_tokens: 500,
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'developer', content: 'Answer in English.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'developer', content: 'The user is now on a phone.' },
        { role: 'user', content: 'Weather?' },
      ],
      prompt_cache_options: { mode: 'explicit' },
    };
    const { body, warnings } = messagesRequestFromChat(chat, { upstreamModel: 'claude-sonnet-5-5' });
    expect(body).toEqual({
      model: 'claude-sonnet-5-5',
      system: [
        { type: 'text', text: 'You are terse.' },
        { type: 'text', text: 'Answer in English.' },
      ],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Hello.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: '<system-reminder>\nThe user is now on a phone.\n</system-reminder>' },
            { type: 'text', text: 'Weather?' },
          ],
        },
      ],
      max_tokens: 500,
    });
    expect(warnings).toEqual([
      expect.stringContaining('developer message inside the conversation was sent in place'),
    ]);
  });

  it('a note between tool calls and their results goes after the results (every tool_use answered first)', () => {
    const chat: ChatRequest = {
      model: 'claude-sonnet-5-5',
      messages: [
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
          ],
        },
        { role: 'system', content: 'Be brief.' },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      ],
      tools: [WEATHER_TOOL],
      prompt_cache_options: { mode: 'explicit' },
    };
    const { body } = messagesRequestFromChat(chat, { upstreamModel: 'claude-sonnet-5-5' });
    expect(body.messages.at(-1)).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'call_1', content: 'sunny' },
        { type: 'text', text: '<system-reminder>\nBe brief.\n</system-reminder>' },
      ],
    });
  });
});

describe('custom tools', () => {
  it('a custom tool takes {input: string}; a custom call in history becomes tool_use with that input', () => {
    const chat: ChatRequest = {
      model: 'claude-sonnet-5-5',
      max_tokens: 500,
      messages: [
        { role: 'user', content: 'Fix the bug.' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_p',
              type: 'custom',
              custom: { name: 'apply_patch', input: '*** Begin Patch\n*** End Patch' },
            },
          ] as never,
        },
        { role: 'tool', tool_call_id: 'call_p', content: 'Done.' },
      ],
      tools: [
        {
          type: 'custom',
          custom: {
            name: 'apply_patch',
            description: 'Apply a patch.',
            format: { type: 'grammar', grammar: { syntax: 'lark', definition: 'start: "x"' } },
          },
        },
      ] as never,
      tool_choice: { type: 'custom', custom: { name: 'apply_patch' } } as never,
      prompt_cache_options: { mode: 'explicit' },
    };
    const translated = messagesRequestFromChat(chat, { upstreamModel: 'claude-sonnet-5-5' });
    expect(translated.body).toEqual({
      model: 'claude-sonnet-5-5',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Fix the bug.' }] },
        {
          role: 'assistant',
          content: [
            {
              type: 'tool_use',
              id: 'call_p',
              name: 'apply_patch',
              input: { input: '*** Begin Patch\n*** End Patch' },
            },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_p', content: 'Done.' }] },
      ],
      max_tokens: 500,
      tools: [
        {
          name: 'apply_patch',
          description: 'Apply a patch.\n\nThe input must match this lark grammar:\nstart: "x"',
          input_schema: {
            type: 'object',
            properties: {
              input: { type: 'string', description: 'The whole input of this tool, as free text.' },
            },
            required: ['input'],
            additionalProperties: false,
          },
        },
      ],
      tool_choice: { type: 'tool', name: 'apply_patch' },
    });
    expect(translated.customTools).toEqual(['apply_patch']);
    expect(translated.warnings).toEqual([]);
  });
});

describe('structured outputs', () => {
  const SCHEMA = {
    type: 'object',
    properties: { city: { type: 'string' }, celsius: { type: 'number' } },
    required: ['city', 'celsius'],
    additionalProperties: false,
  };
  const jsonSchema = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
    model: 'x',
    max_tokens: 2000,
    messages: [{ role: 'user', content: 'Weather in Paris as JSON.' }],
    response_format: { type: 'json_schema', json_schema: { name: 'weather', schema: SCHEMA, strict: true } },
    prompt_cache_options: { mode: 'explicit' },
    ...extra,
  });

  it.each(['claude-sonnet-5-5', 'claude-sonnet-4-5-20250929', 'claude-fable-5-2'])(
    '%s: json_schema → output_config.format, with thinking kept',
    (model) => {
      const translated = messagesRequestFromChat(jsonSchema({ reasoning_effort: 'high' }), {
        upstreamModel: model,
      });
      expect(translated.body).toEqual({
        model,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather in Paris as JSON.' }] }],
        max_tokens: 2000,
        output_config: { format: { type: 'json_schema', schema: SCHEMA } },
      });
      expect(translated.thinking).toEqual({ effort: 'high' });
      expect(translated.jsonTool).toBeUndefined();
      expect(translated.warnings).toEqual([]);
    },
  );

  it('glm-5.3 (no JSON outputs): the forced-tool fallback; thinking gives way to it, with a warning', () => {
    const translated = messagesRequestFromChat(jsonSchema({ reasoning_effort: 'high' }), {
      upstreamModel: 'glm-5.3',
    });
    expect(translated.body).toEqual({
      model: 'glm-5.3',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather in Paris as JSON.' }] }],
      max_tokens: 2000,
      tools: [
        {
          name: 'weather',
          description: 'Give your final answer by calling this tool: its input is the answer.',
          input_schema: SCHEMA,
        },
      ],
      tool_choice: { type: 'tool', name: 'weather', disable_parallel_tool_use: true },
    });
    expect(translated.jsonTool).toBe('weather');
    expect(translated.thinking).toBeUndefined();
    expect(translated.warnings).toEqual([expect.stringContaining('reasoning_effort dropped')]);
  });

  it('json_object: a system instruction (output_config.format needs a closed schema), with a warning', () => {
    const translated = messagesRequestFromChat(jsonSchema({ response_format: { type: 'json_object' } }), {
      upstreamModel: 'claude-sonnet-5-5',
    });
    expect(translated.body.system).toEqual([
      {
        type: 'text',
        text: 'Answer with a single valid JSON object and nothing else: no text before or after it, no Markdown code fence.',
      },
    ]);
    expect(translated.body.output_config).toBeUndefined();
    expect(translated.warnings).toEqual([expect.stringContaining('response_format json_object')]);
  });

  it('strict function tools keep strict: true where the model takes it, else a warning', () => {
    const chat = jsonSchema({
      response_format: undefined,
      tools: [{ ...WEATHER_TOOL, function: { ...WEATHER_TOOL.function, strict: true } }],
    });
    const native = messagesRequestFromChat(chat, { upstreamModel: 'claude-opus-5-5' });
    expect(native.body.tools).toEqual([{ ...ANTHROPIC_TOOL, strict: true }]);
    expect(native.warnings).toEqual([]);
    const glm = messagesRequestFromChat(chat, { upstreamModel: 'glm-5.3' });
    expect(glm.body.tools).toEqual([ANTHROPIC_TOOL]);
    expect(glm.warnings).toEqual([expect.stringContaining('strict dropped from tool get_weather')]);
  });

  it('Responses text.format json_schema reaches Claude as output_config.format', () => {
    const responses = {
      model: 'claude-opus-5-5',
      input: 'Weather in Paris as JSON.',
      text: { format: { type: 'json_schema', name: 'weather', schema: SCHEMA, strict: true } },
      reasoning: { effort: 'medium' },
    } as ResponsesRequest;
    const translated = messagesRequestFromResponses(responses, { upstreamModel: 'claude-opus-5-5' });
    expect(translated.body.output_config).toEqual({ format: { type: 'json_schema', schema: SCHEMA } });
    expect(translated.body.tools).toBeUndefined();
    expect(translated.thinking).toEqual({ effort: 'medium' });
    // The fallback's note names what a Responses client sent.
    const glm = messagesRequestFromResponses(
      { ...responses, model: 'glm-5.3' },
      { upstreamModel: 'glm-5.3' },
    );
    expect(glm.body.tool_choice).toEqual({ type: 'tool', name: 'weather', disable_parallel_tool_use: true });
    expect(glm.warnings).toEqual([
      'reasoning.effort dropped: this model answers text.format json_schema through a forced tool, which Messages cannot force while thinking',
    ]);
  });
});

describe('what cannot be carried', () => {
  it('logprobs: true is dropped with a warning saying the answer has none', () => {
    const { warnings } = messagesRequestFromChat(
      { model: 'x', messages: [{ role: 'user', content: 'Hi' }], logprobs: true, top_logprobs: 3 },
      { upstreamModel: 'claude-sonnet-5-5' },
    );
    expect(warnings).toEqual([
      expect.stringContaining('logprobs dropped: Messages returns no token log probabilities'),
      expect.stringContaining('top_logprobs dropped'),
    ]);
  });

  it.each([
    [
      'an input_audio part',
      { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
      'messages[1].content[1]',
      /input_audio/,
    ],
    [
      'a file_id',
      { type: 'file', file: { file_id: 'file-abc123' } },
      'messages[1].content[1]',
      /file_id file-abc123/,
    ],
  ])('%s is a 400 naming the part', (_name, part, param, message) => {
    const chat: ChatRequest = {
      model: 'x',
      messages: [
        { role: 'system', content: 'Listen.' },
        { role: 'user', content: [{ type: 'text', text: 'What is this?' }, part] as never },
      ],
    };
    const attempt = () => messagesRequestFromChat(chat, { upstreamModel: 'claude-sonnet-5-5' });
    expect(attempt).toThrow(UnsupportedRequestError);
    expect(attempt).toThrow(
      expect.objectContaining({ param, status: 400, message: expect.stringMatching(message) }),
    );
  });
});
