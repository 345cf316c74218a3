/**
 * Non-streaming Chat and Messages answers → Responses response objects: the whole object compared
 * with translation/responses-client/responses/<name>.json, and parsed by the real openai SDK.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { MessagesResponse } from '../../../src/formats/anthropic-messages/wire.js';
import type { ChatResponse } from '../../../src/formats/openai-chat/wire.js';
import { responsesResponseFromChat } from '../../../src/formats/openai-responses/response-from-chat.js';
import { responsesResponseFromMessages } from '../../../src/formats/openai-responses/response-from-messages.js';
import type { ResponseContext } from '../../../src/formats/translation.js';
import {
  expectedText,
  FIXED_NOW,
  normalizeGeneratedIds,
  OWN,
  readJsonFixture,
  responseContext,
  sdkResponse,
  toolCallsOf,
} from './support.js';

vi.useFakeTimers({ toFake: ['Date'] });
vi.setSystemTime(FIXED_NOW);
afterAll(() => {
  vi.useRealTimers();
});

interface ResponseCase {
  name: string;
  upstream: 'chat' | 'messages';
  /** A fake-provider fixture, or the upstream body itself. */
  input: string | object;
  context?: Partial<ResponseContext>;
  text: string;
  calls?: object[];
  status?: 'completed' | 'incomplete';
}

const PARIS = '{"city":"Paris","unit":"celsius"}';
const call = (call_id: string, name: string, args: string) => ({
  type: 'function_call',
  call_id,
  name,
  arguments: args,
});
const CLAUDE = 'claude-sonnet-4-5';

const CASES: ResponseCase[] = [
  {
    name: 'chat-text',
    upstream: 'chat',
    input: 'chat-text.json',
    text: 'Hello from openai! You said: Say hi',
  },
  {
    name: 'chat-tool-call',
    upstream: 'chat',
    input: 'chat-tool-call.json',
    text: '',
    calls: [call('<call_1>', 'get_weather', PARIS)],
  },
  {
    name: 'chat-thinking-xai',
    upstream: 'chat',
    input: 'chat-thinking.xai.json',
    text: 'Hello from xai! You said: [thinking] Why is the sky blue?',
  },
  {
    name: 'chat-thinking-openrouter',
    upstream: 'chat',
    input: 'chat-thinking.openrouter.json',
    text: 'Hello from openrouter! You said: [thinking] Why is the sky blue?',
  },
  {
    name: 'chat-cache',
    upstream: 'chat',
    input: 'chat-cache.json',
    text: 'Hello from openai! You said: [cache] Summarise the doc',
  },
  {
    name: 'chat-custom-tool-length',
    upstream: 'chat',
    context: { customTools: ['apply_patch'] },
    input: {
      id: 'chatcmpl-ekai3',
      object: 'chat.completion',
      created: 1767225600,
      model: 'openai/gpt-5-codex',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Patching.',
            refusal: null,
            tool_calls: [
              {
                id: 'call_p',
                type: 'function',
                function: {
                  name: 'apply_patch',
                  arguments: '{"input":"*** Begin Patch\\n*** End Patch\\n"}',
                },
              },
              { id: 'call_p', type: 'function', function: { name: 'shell', arguments: '' } },
            ],
          },
          logprobs: null,
          finish_reason: 'length',
        },
      ],
      usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
    },
    text: 'Patching.',
    calls: [
      {
        type: 'custom_tool_call',
        call_id: 'call_p',
        name: 'apply_patch',
        input: '*** Begin Patch\n*** End Patch\n',
      },
      // A repeated id is replaced; missing arguments are `{}`.
      call('<generated_call_4>', 'shell', '{}'),
    ],
    status: 'incomplete',
  },
  {
    name: 'messages-text',
    upstream: 'messages',
    input: 'messages-text.json',
    context: { model: CLAUDE },
    text: 'Hello from anthropic! You said: Say hi',
  },
  {
    name: 'messages-thinking',
    upstream: 'messages',
    input: 'messages-thinking.json',
    context: { model: CLAUDE },
    text: 'Hello from anthropic! You said: [thinking] Why is the sky blue?',
  },
  {
    name: 'messages-tool-use',
    upstream: 'messages',
    input: 'messages-tool-use.json',
    context: { model: CLAUDE },
    text: '',
    calls: [call('<toolu_1>', 'get_weather', PARIS)],
  },
  {
    name: 'messages-blocks',
    upstream: 'messages',
    context: {
      model: CLAUDE,
      customTools: ['apply_patch'],
      toolNames: new Map([['short_name', 'the_client_name']]),
    },
    input: {
      id: 'msg_01Blocks',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [
        { type: 'thinking', thinking: 'Plan the edit.', signature: 'EqQBCkYIBRgC' },
        { type: 'redacted_thinking', data: 'EmwKAhgB' },
        { type: 'text', text: 'Editing ', citations: null },
        { type: 'text', text: 'now.' },
        {
          type: 'tool_use',
          id: 'toolu_01P',
          name: 'apply_patch',
          input: { input: '*** Begin Patch\n*** End Patch\n' },
        },
        { type: 'tool_use', id: 'toolu_02S', name: 'short_name', input: {} },
        { type: 'text', text: '  ' },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 10,
        output_tokens: 30,
        cache_creation_input_tokens: 100,
        cache_read_input_tokens: 1000,
      },
    },
    text: 'Editing now.',
    calls: [
      {
        type: 'custom_tool_call',
        call_id: 'toolu_01P',
        name: 'apply_patch',
        input: '*** Begin Patch\n*** End Patch\n',
      },
      call('toolu_02S', 'the_client_name', '{}'),
    ],
  },
  {
    name: 'messages-json-tool-max-tokens',
    upstream: 'messages',
    context: { model: CLAUDE, jsonTool: 'weather_report' },
    input: {
      id: 'msg_01Json',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [{ type: 'tool_use', id: 'toolu_01J', name: 'weather_report', input: { celsius: 21 } }],
      stop_reason: 'max_tokens',
      stop_sequence: null,
      usage: { input_tokens: 55, output_tokens: 18 },
    },
    text: '{"celsius":21}',
    status: 'incomplete',
  },
];

function translate({ upstream, input, context }: ResponseCase) {
  const body = typeof input === 'string' ? readJsonFixture<object>(`fake-provider/${input}`) : input;
  const full = responseContext(context);
  return upstream === 'chat'
    ? responsesResponseFromChat(body as ChatResponse, full)
    : responsesResponseFromMessages(body as MessagesResponse, full);
}

describe.each(CASES)('response $name', (testCase) => {
  const response = translate(testCase);
  const text = `${normalizeGeneratedIds(JSON.stringify(response, null, 2))}\n`;

  it('gives the expected response object', () => {
    expect(text).toBe(expectedText(`${OWN}/responses/${testCase.name}.json`, text));
  });

  it('is read by the openai SDK: output_text, calls, status and usage', async () => {
    const parsed = await sdkResponse(JSON.parse(text));
    expect(parsed.output_text).toBe(testCase.text);
    expect(toolCallsOf(parsed)).toEqual(testCase.calls ?? []);
    expect(parsed.status).toBe(testCase.status ?? 'completed');
    expect(parsed.usage?.total_tokens).toBe(
      (parsed.usage?.input_tokens ?? 0) + (parsed.usage?.output_tokens ?? 0),
    );
  });
});

describe("usage in OpenAI's convention (cached tokens inside input_tokens)", () => {
  it('Chat: prompt_tokens and cached_tokens carry over, reasoning tokens too', () => {
    expect(translate(CASES.find((each) => each.name === 'chat-cache')!).usage).toEqual({
      input_tokens: 1525,
      input_tokens_details: { cached_tokens: 1200 },
      output_tokens: 9,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 1534,
    });
  });

  it('Messages: input + cache write + cache read is the input, the cache read is cached (bug 6)', () => {
    expect(translate(CASES.find((each) => each.name === 'messages-blocks')!).usage).toEqual({
      input_tokens: 1110,
      input_tokens_details: { cached_tokens: 1000 },
      output_tokens: 30,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 1140,
    });
  });
});
