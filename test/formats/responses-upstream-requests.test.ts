/**
 * Chat and Messages requests → OpenAI Responses requests (issue 17: current GPT models take tools
 * with reasoning only through /v1/responses). Every expected body is written by hand from:
 *   - Responses create: https://platform.openai.com/docs/api-reference/responses/create
 *     (`instructions`, `input` message / function_call / function_call_output / custom_tool_call
 *     items, flat function and custom tools, `tool_choice`, `max_output_tokens`, `reasoning`,
 *     `text.format`, `store`, `include: ["reasoning.encrypted_content"]`)
 *   - strict functions: https://platform.openai.com/docs/guides/function-calling#strict-mode ("If you
 *     omit strict … Responses requests will normalize your schema into strict mode … Chat Completions
 *     requests remain non-strict by default. To opt out … explicitly set strict: false")
 *   - Chat create (the client side): https://platform.openai.com/docs/api-reference/chat/create
 *   - Messages (the client side): https://docs.anthropic.com/en/api/messages
 */
import { describe, expect, it } from 'vitest';
import type { MessagesRequest } from '../../src/formats/anthropic-messages/wire.js';
import type { ChatRequest } from '../../src/formats/openai-chat/wire.js';
import {
  responsesRequestFromChat,
  responsesRequestFromMessages,
} from '../../src/formats/openai-responses/index.js';
import { type TranslationContext, UnsupportedRequestError } from '../../src/formats/translation.js';

const GPT: TranslationContext = { upstreamModel: 'gpt-6.2-sol', maxOutput: 128000 };

const WEATHER_SCHEMA = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
};

function chat(fields: Partial<ChatRequest>): ChatRequest {
  return { model: 'gpt-6.2-sol', messages: [{ role: 'user', content: 'Hi' }], ...fields };
}

function refusal(run: () => unknown): UnsupportedRequestError {
  try {
    run();
  } catch (error) {
    if (error instanceof UnsupportedRequestError) return error;
    throw error;
  }
  throw new Error('no UnsupportedRequestError was thrown');
}

describe('a Chat request → a Responses request', () => {
  it('tools, a tool round trip and response_format: the whole body', () => {
    const request = chat({
      messages: [
        { role: 'system', content: 'You are a weather assistant.' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in JSON.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather in Paris?' },
            { type: 'image_url', image_url: { url: 'https://example.com/sky.png', detail: 'low' } },
          ],
        },
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
        { role: 'tool', tool_call_id: 'call_1', content: '{"temp":18}' },
        { role: 'assistant', content: 'It is 18°C.' },
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'And tomorrow?' },
      ],
      tools: [
        {
          type: 'function',
          function: { name: 'get_weather', description: 'Current weather', parameters: WEATHER_SCHEMA },
        },
        { type: 'function', function: { name: 'get_time', parameters: WEATHER_SCHEMA, strict: true } },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'weather', schema: WEATHER_SCHEMA, strict: true },
      },
      reasoning_effort: 'high',
      max_completion_tokens: 4096,
      user: 'user-42',
      metadata: { app: 'demo' },
      prompt_cache_key: 'weather-bot',
      store: true,
      stream: true,
      stream_options: { include_usage: true },
      stop: ['END'],
      seed: 7,
    });

    const translation = responsesRequestFromChat(request, GPT);

    expect(translation.body).toEqual({
      model: 'gpt-6.2-sol',
      // The system and developer messages that lead; the later one stays where it stands.
      instructions: 'You are a weather assistant.\n\nAnswer in JSON.',
      input: [
        {
          type: 'message',
          role: 'user',
          content: [
            { type: 'input_text', text: 'Weather in Paris?' },
            { type: 'input_image', image_url: 'https://example.com/sky.png', detail: 'low' },
          ],
        },
        { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call_output', call_id: 'call_1', output: '{"temp":18}' },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'It is 18°C.' }] },
        { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'Be brief.' }] },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'And tomorrow?' }] },
      ],
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          description: 'Current weather',
          parameters: WEATHER_SCHEMA,
          // Non-strict, as the Chat client meant it: Responses would make it strict otherwise.
          strict: false,
        },
        { type: 'function', name: 'get_time', parameters: WEATHER_SCHEMA, strict: true },
      ],
      tool_choice: { type: 'function', name: 'get_weather' },
      parallel_tool_calls: false,
      max_output_tokens: 4096,
      reasoning: { effort: 'high', summary: 'auto' },
      text: { format: { type: 'json_schema', name: 'weather', schema: WEATHER_SCHEMA, strict: true } },
      user: 'user-42',
      metadata: { app: 'demo' },
      prompt_cache_key: 'weather-bot',
      store: false,
      include: ['reasoning.encrypted_content'],
      // No stream_options: include_usage is not a Responses option (usage always comes).
      stream: true,
    });
    expect(translation.warnings).toEqual([
      'store ignored: ekai asks the provider to store nothing',
      'stop not sent: Responses has no stop sequences',
      'seed not sent: Responses has no equivalent',
    ]);
    // reasoning_effort is written into the body here, not left to the provider's profile.
    expect(translation.thinking).toBeUndefined();
    expect(translation.toolNames.size).toBe(0);
  });

  it('custom tools: the tool, a forced choice, a call and its output keep their custom form', () => {
    const translation = responsesRequestFromChat(
      chat({
        messages: [
          { role: 'user', content: 'Fix the typo.' },
          {
            role: 'assistant',
            content: 'Patching.',
            tool_calls: [
              {
                id: 'call_p',
                type: 'custom',
                custom: { name: 'apply_patch', input: '*** Begin Patch' },
              } as never,
            ],
          },
          { role: 'tool', tool_call_id: 'call_p', content: [{ type: 'text', text: 'Done' }] },
        ],
        tools: [
          {
            type: 'custom',
            custom: {
              name: 'apply_patch',
              description: 'Apply a patch',
              format: { type: 'grammar', grammar: { syntax: 'lark', definition: 'start: "x"' } },
            },
          } as never,
        ],
        tool_choice: { type: 'custom', custom: { name: 'apply_patch' } } as never,
      }),
      GPT,
    );

    expect(translation.body.input).toEqual([
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Fix the typo.' }] },
      { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Patching.' }] },
      { type: 'custom_tool_call', call_id: 'call_p', name: 'apply_patch', input: '*** Begin Patch' },
      { type: 'custom_tool_call_output', call_id: 'call_p', output: 'Done' },
    ]);
    expect(translation.body.tools).toEqual([
      {
        type: 'custom',
        name: 'apply_patch',
        description: 'Apply a patch',
        format: { type: 'grammar', syntax: 'lark', definition: 'start: "x"' },
      },
    ]);
    expect(translation.body.tool_choice).toEqual({ type: 'custom', name: 'apply_patch' });
    expect(translation.warnings).toEqual([]);
  });

  it('allowed_tools: its mode and its tools, flattened; a function without parameters takes none', () => {
    const translation = responsesRequestFromChat(
      chat({
        tools: [{ type: 'function', function: { name: 'ping' } }],
        tool_choice: {
          type: 'allowed_tools',
          allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'ping' } }] },
        },
      }),
      GPT,
    );
    expect(translation.body.tools).toEqual([
      { type: 'function', name: 'ping', parameters: { type: 'object', properties: {} }, strict: false },
    ]);
    expect(translation.body.tool_choice).toEqual({
      type: 'allowed_tools',
      mode: 'required',
      tools: [{ type: 'function', name: 'ping' }],
    });
  });

  it('files and json_object: input_file with the inline data, text.format json_object', () => {
    const translation = responsesRequestFromChat(
      chat({
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'file',
                file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' },
              },
              { type: 'text', text: 'Summarise as JSON.' },
            ],
          },
        ],
        response_format: { type: 'json_object' },
        verbosity: 'low',
      }),
      GPT,
    );
    expect(translation.body.input).toEqual([
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_file', file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' },
          { type: 'input_text', text: 'Summarise as JSON.' },
        ],
      },
    ]);
    expect(translation.body.text).toEqual({ format: { type: 'json_object' }, verbosity: 'low' });
  });

  it('max_tokens: clamped to the model, raised to the 16 Responses requires, each with a note', () => {
    const clamped = responsesRequestFromChat(chat({ max_tokens: 200000 }), GPT);
    expect(clamped.body.max_output_tokens).toBe(128000);
    expect(clamped.warnings).toEqual(["max_tokens 200000 clamped to the model's maximum output of 128000"]);
    expect(clamped.parameters?.max_output_tokens).toEqual({ at: 1, name: 'max_tokens' });

    const raised = responsesRequestFromChat(chat({ max_completion_tokens: 1 }), GPT);
    expect(raised.body.max_output_tokens).toBe(16);
    expect(raised.warnings).toEqual(['max_completion_tokens 1 raised to 16, the least Responses accepts']);
  });

  it('effort none turns reasoning off: no summary, no encrypted reasoning', () => {
    const body = responsesRequestFromChat(chat({ reasoning_effort: 'none' }), GPT).body;
    expect(body.reasoning).toEqual({ effort: 'none' });
    expect(body.include).toBeUndefined();
    expect(body.store).toBe(false);
  });

  it('what Responses does not carry back is noted: logprobs, reasoning_content, a message name', () => {
    const translation = responsesRequestFromChat(
      chat({
        messages: [
          { role: 'user', content: 'Hi', name: 'ann' },
          { role: 'assistant', content: 'Hello', reasoning_content: 'Greet back.' },
          { role: 'user', content: 'Bye' },
        ],
        logprobs: true,
        top_logprobs: 3,
        frequency_penalty: 0.5,
      }),
      GPT,
    );
    expect(translation.warnings).toEqual([
      'message name dropped: Responses has no equivalent',
      'assistant reasoning_content dropped: Responses takes back only its own reasoning items',
      'logprobs not sent: log probabilities are not carried back from Responses',
      'top_logprobs not sent: log probabilities are not carried back from Responses',
      'frequency_penalty not sent: Responses has no equivalent',
    ]);
  });

  it('what cannot be served is a 400 naming the part: n > 1, audio, audio modalities, audio input', () => {
    expect(refusal(() => responsesRequestFromChat(chat({ n: 2 }), GPT)).param).toBe('n');
    expect(
      refusal(() => responsesRequestFromChat(chat({ audio: { voice: 'alloy', format: 'mp3' } }), GPT)).param,
    ).toBe('audio');
    expect(refusal(() => responsesRequestFromChat(chat({ modalities: ['text', 'audio'] }), GPT)).param).toBe(
      'modalities',
    );
    const audioInput = chat({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is said here?' },
            { type: 'input_audio', input_audio: { data: 'UklGR', format: 'wav' } },
          ],
        },
      ],
    });
    expect(refusal(() => responsesRequestFromChat(audioInput, GPT)).param).toBe('messages.0.content.1');
    // n: 1 and text-only modalities ask for nothing Responses lacks.
    expect(responsesRequestFromChat(chat({ n: 1, modalities: ['text'] }), GPT).warnings).toEqual([]);
  });
});

describe('a Messages request → a Responses request (through Chat)', () => {
  /** A Claude Code 2.x turn, as TRANSLATION.md records it: system blocks, tools, thinking, effort. */
  const claudeCodeTurn = {
    model: 'claude-opus-5-5',
    max_tokens: 32000,
    stream: true,
    system: [
      {
        type: 'text',
        text: "You are Claude Code, Anthropic's official CLI for Claude.",
        cache_control: { type: 'ephemeral' },
      },
      {
        type: 'text',
        text: 'You are an interactive CLI tool that helps users with software engineering tasks.',
      },
    ],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'list the files here' }] },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'I should run ls.', signature: '' },
          { type: 'text', text: 'Let me look.' },
          { type: 'tool_use', id: 'toolu_01A', name: 'Bash', input: { command: 'ls' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_01A', content: 'README.md\nsrc' },
          { type: 'text', text: 'now count them' },
        ],
      },
      {
        role: 'system',
        content: "<system-reminder>The task tools haven't been used recently.</system-reminder>",
      },
    ],
    tools: [
      {
        name: 'Bash',
        description: 'Executes a given bash command',
        input_schema: {
          type: 'object',
          properties: { command: { type: 'string' } },
          required: ['command'],
          additionalProperties: false,
        },
      },
    ],
    tool_choice: { type: 'auto' },
    metadata: { user_id: 'user_4f3c_session_1b2c' },
    thinking: { type: 'adaptive' },
    output_config: { effort: 'high' },
  } as unknown as MessagesRequest;

  it('a Claude Code turn: the whole body, the thinking intent of its effort, the notes', () => {
    const translation = responsesRequestFromMessages(claudeCodeTurn, GPT);

    expect(translation.body).toEqual({
      model: 'gpt-6.2-sol',
      instructions:
        "You are Claude Code, Anthropic's official CLI for Claude.\n\nYou are an interactive CLI tool that helps users with software engineering tasks.",
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'list the files here' }] },
        // The unsigned thinking block cannot go to OpenAI; the text and the call do.
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Let me look.' }] },
        { type: 'function_call', call_id: 'toolu_01A', name: 'Bash', arguments: '{"command":"ls"}' },
        { type: 'function_call_output', call_id: 'toolu_01A', output: 'README.md\nsrc' },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'now count them' }] },
        {
          type: 'message',
          role: 'developer',
          content: [
            {
              type: 'input_text',
              text: "<system-reminder>The task tools haven't been used recently.</system-reminder>",
            },
          ],
        },
      ],
      tools: [
        {
          type: 'function',
          name: 'Bash',
          description: 'Executes a given bash command',
          parameters: {
            type: 'object',
            properties: { command: { type: 'string' } },
            required: ['command'],
            additionalProperties: false,
          },
          strict: false,
        },
      ],
      tool_choice: 'auto',
      max_output_tokens: 32000,
      user: 'user_4f3c_session_1b2c',
      store: false,
      stream: true,
    });
    // The effort is the client's `output_config.effort`, for the provider's profile to render.
    expect(translation.thinking).toEqual({ effort: 'high' });
    // The Chat step's notes speak of the provider's format, Responses.
    expect(translation.warnings).toContain(
      'thinking blocks in the history dropped: a Responses provider cannot take them back',
    );
    expect(translation.warnings.filter((warning) => /\bChat\b/.test(warning))).toEqual([]);
    // Notes on max_output_tokens name it as the client did.
    expect(translation.parameters?.max_output_tokens).toMatchObject({ name: 'max_tokens' });
  });

  it('stop_sequences: noted under the client name, not sent (Responses has no stop sequences)', () => {
    const translation = responsesRequestFromMessages(
      {
        model: 'claude-opus-5-5',
        max_tokens: 1,
        messages: [{ role: 'user', content: 'Count to ten' }],
        stop_sequences: ['5'],
      },
      GPT,
    );
    expect(translation.body).toEqual({
      model: 'gpt-6.2-sol',
      input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Count to ten' }] }],
      max_output_tokens: 16,
      store: false,
    });
    expect(translation.warnings).toEqual([
      'max_tokens 1 raised to 16, the least Responses accepts',
      'stop_sequences not sent: Responses has no stop sequences',
    ]);
  });
});
