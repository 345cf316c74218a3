/**
 * A whole (non-stream) Responses answer → a Chat completion and a Messages response (issue 17:
 * Chat and Messages clients on GPT models served through /v1/responses). Expected values are written
 * by hand from:
 *   - the Response object: https://platform.openai.com/docs/api-reference/responses/object (output
 *     items `reasoning` with `summary`, `message` with `output_text` / `refusal`, `function_call` with
 *     `call_id`; `status`, `incomplete_details.reason`; `usage` with `input_tokens_details.cached_tokens`
 *     included in `input_tokens` and `output_tokens_details.reasoning_tokens` in `output_tokens`)
 *   - the Chat completion: https://platform.openai.com/docs/api-reference/chat/object (`finish_reason`
 *     stop / length / tool_calls / content_filter; `prompt_tokens` includes the cached tokens)
 *   - the Messages response: https://docs.anthropic.com/en/api/messages (`input_tokens` excludes cache
 *     reads, which are `cache_read_input_tokens`; stop reasons: https://docs.anthropic.com/en/api/handling-stop-reasons)
 *   - thinking made from another provider's reasoning carries an empty signature (docs/translation.md,
 *     "Thinking").
 */
import { describe, expect, it } from 'vitest';
import { messagesResponseFromResponses } from '../../src/formats/anthropic-messages/index.js';
import { chatResponseFromResponses } from '../../src/formats/openai-chat/index.js';
import type { ResponsesResponse } from '../../src/formats/openai-responses/wire.js';
import type { ResponseContext } from '../../src/formats/translation.js';

const CONTEXT: ResponseContext = { model: 'gpt-6.2-sol', toolNames: new Map() };

/** The documented shape of a completed answer that reasoned, said something and called a function. */
const ANSWER = {
  id: 'resp_67ccd3a9da748190baa7f1570fe91ac6',
  object: 'response',
  created_at: 1741476777,
  status: 'completed',
  background: false,
  completed_at: 1741476780,
  error: null,
  incomplete_details: null,
  model: 'gpt-6.2-sol-2026-11-17',
  output: [
    {
      id: 'rs_67ccd3acc8d48190a77525dc6de64b4104becb25c45c1d41',
      type: 'reasoning',
      summary: [
        { type: 'summary_text', text: 'The user wants the weather in Paris.' },
        { type: 'summary_text', text: 'I will call get_weather.' },
      ],
      encrypted_content: 'gAAAAABoISQ24OyVRYbkYfukE2',
    },
    {
      id: 'msg_67ccd3acc8d48190a77525dc6de64b4104becb25c45c1d41',
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'Let me check the weather.', annotations: [], logprobs: [] }],
    },
    {
      id: 'fc_67ccd3acc8d48190a77525dc6de64b4104becb25c45c1d41',
      type: 'function_call',
      status: 'completed',
      call_id: 'call_12345xyz',
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
    },
  ],
  usage: {
    input_tokens: 1200,
    input_tokens_details: { cached_tokens: 1000 },
    output_tokens: 300,
    output_tokens_details: { reasoning_tokens: 200 },
    total_tokens: 1500,
  },
} as unknown as ResponsesResponse;

function answer(fields: Partial<ResponsesResponse>): ResponsesResponse {
  return { ...ANSWER, ...fields };
}

function message(text: string): unknown {
  return {
    id: 'msg_1',
    type: 'message',
    status: 'completed',
    role: 'assistant',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
}

describe('a Responses answer → a Chat completion', () => {
  it('reasoning, text and a function call: the whole completion', () => {
    expect(chatResponseFromResponses(ANSWER, CONTEXT)).toEqual({
      id: 'chatcmpl-resp_67ccd3a9da748190baa7f1570fe91ac6',
      object: 'chat.completion',
      created: 1741476777,
      model: 'gpt-6.2-sol',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Let me check the weather.',
            refusal: null,
            reasoning_content: 'The user wants the weather in Paris.\n\nI will call get_weather.',
            tool_calls: [
              {
                id: 'call_12345xyz',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
              },
            ],
          },
          logprobs: null,
          finish_reason: 'tool_calls',
        },
      ],
      usage: {
        prompt_tokens: 1200,
        completion_tokens: 300,
        total_tokens: 1500,
        prompt_tokens_details: { cached_tokens: 1000 },
        completion_tokens_details: { reasoning_tokens: 200 },
      },
    });
  });

  it('finish_reason from the status: stop, length, content_filter', () => {
    const finish = (fields: Partial<ResponsesResponse>) =>
      chatResponseFromResponses(answer(fields), CONTEXT).choices[0]?.finish_reason;
    expect(finish({ output: [message('Sunny.')] as ResponsesResponse['output'] })).toBe('stop');
    expect(
      finish({
        status: 'incomplete',
        incomplete_details: { reason: 'max_output_tokens' },
        output: [message('Sun')] as ResponsesResponse['output'],
      }),
    ).toBe('length');
    expect(
      finish({ status: 'incomplete', incomplete_details: { reason: 'content_filter' }, output: [] }),
    ).toBe('content_filter');
  });

  it('a refusal goes to `refusal`, with no content', () => {
    const refused = answer({
      output: [
        {
          id: 'msg_1',
          type: 'message',
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'refusal', refusal: "I can't help with that." }],
        },
      ] as unknown as ResponsesResponse['output'],
    });
    const choice = chatResponseFromResponses(refused, CONTEXT).choices[0];
    expect(choice?.message).toEqual({ role: 'assistant', content: null, refusal: "I can't help with that." });
    expect(choice?.finish_reason).toBe('stop');
  });

  it('shortened tool names are given back; a custom tool call stays custom', () => {
    const called = answer({
      output: [
        {
          id: 'fc_1',
          type: 'function_call',
          status: 'completed',
          call_id: 'call_a',
          name: 'mcp__server__short_1234abcd',
          arguments: '{}',
        },
        {
          id: 'ctc_1',
          type: 'custom_tool_call',
          status: 'completed',
          call_id: 'call_b',
          name: 'apply_patch',
          input: '*** Begin Patch',
        },
      ] as ResponsesResponse['output'],
    });
    const context = {
      ...CONTEXT,
      toolNames: new Map([['mcp__server__short_1234abcd', 'mcp__server__a_very_long_tool_name']]),
    };
    expect(chatResponseFromResponses(called, context).choices[0]?.message.tool_calls).toEqual([
      {
        id: 'call_a',
        type: 'function',
        function: { name: 'mcp__server__a_very_long_tool_name', arguments: '{}' },
      },
      { id: 'call_b', type: 'custom', custom: { name: 'apply_patch', input: '*** Begin Patch' } },
    ]);
  });

  it('no usage reported: all zeros, no reasoning details', () => {
    expect(chatResponseFromResponses(answer({ usage: null }), CONTEXT).usage).toEqual({
      prompt_tokens: 0,
      completion_tokens: 0,
      total_tokens: 0,
      prompt_tokens_details: { cached_tokens: 0 },
    });
  });
});

describe('a Responses answer → a Messages response', () => {
  it('reasoning, text and a function call: the whole response', () => {
    expect(messagesResponseFromResponses(ANSWER, CONTEXT)).toEqual({
      id: 'msg_resp_67ccd3a9da748190baa7f1570fe91ac6',
      type: 'message',
      role: 'assistant',
      model: 'gpt-6.2-sol',
      content: [
        // Only Anthropic signs thinking: the empty signature marks this block as unsigned.
        {
          type: 'thinking',
          thinking: 'The user wants the weather in Paris.\n\nI will call get_weather.',
          signature: '',
        },
        { type: 'text', text: 'Let me check the weather.' },
        { type: 'tool_use', id: 'call_12345xyz', name: 'get_weather', input: { city: 'Paris' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 200,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 1000,
        output_tokens: 300,
      },
    });
  });

  it('stop_reason from the status: end_turn, max_tokens, refusal, an unknown reason as given', () => {
    const stop = (fields: Partial<ResponsesResponse>) =>
      messagesResponseFromResponses(answer(fields), CONTEXT).stop_reason;
    expect(stop({ output: [message('Sunny.')] as ResponsesResponse['output'] })).toBe('end_turn');
    expect(
      stop({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, output: [] }),
    ).toBe('max_tokens');
    expect(stop({ status: 'incomplete', incomplete_details: { reason: 'content_filter' }, output: [] })).toBe(
      'refusal',
    );
    expect(
      stop({
        status: 'incomplete',
        incomplete_details: { reason: 'interrupted' } as unknown as ResponsesResponse['incomplete_details'],
        output: [],
      }),
    ).toBe('interrupted');
  });

  it('shortened tool names are given back in tool_use blocks, looked up once', () => {
    const called = answer({
      output: [
        {
          id: 'fc_1',
          type: 'function_call',
          status: 'completed',
          call_id: 'call_a',
          name: 'mcp__server__short_1234abcd',
          arguments: '{"q":1}',
        },
      ] as ResponsesResponse['output'],
    });
    const context = {
      ...CONTEXT,
      toolNames: new Map([['mcp__server__short_1234abcd', 'mcp__server__a_very_long_tool_name']]),
    };
    expect(messagesResponseFromResponses(called, context).content).toEqual([
      { type: 'tool_use', id: 'call_a', name: 'mcp__server__a_very_long_tool_name', input: { q: 1 } },
    ]);
    // A client name that is also some upstream name is still the client's (no second lookup).
    context.toolNames.set('mcp__server__a_very_long_tool_name', 'another_tool');
    expect(messagesResponseFromResponses(called, context).content[0]).toMatchObject({
      name: 'mcp__server__a_very_long_tool_name',
    });
  });
});
