/**
 * Images and documents inside tool results (a browser tool's screenshot, Codex's `view_image`),
 * through the real SDKs and the gateway against the strict fake, in every translated direction:
 * each reaches the model where the target takes it, with the best fidelity it allows. Expected
 * values are written by hand from the documented shapes:
 * - Messages `tool_result.content`: text, image and document blocks
 *   https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use#handling-tool-use-and-tool-result-content-blocks
 * - Responses `function_call_output.output`: a string or an array of `input_text`, `input_image`,
 *   `input_file` parts https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 * - Chat `tool` message: text parts only; images only in user messages (OpenAI's 400 "Image URLs are
 *   only allowed for messages with role 'user'…", https://github.com/OpenHands/OpenHands/issues/7700)
 *   https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 * - Codex 0.169's `view_image` answers with `function_call_output` whose output is
 *   `[{type: "input_image", image_url: "data:…", detail: "high" | "original"}]`
 *   (codex-rs/core/src/tools/handlers/view_image.rs, github.com/openai/codex; the 0.169 binary's
 *   strings: "view_image.detail only supports `high` or `original`")
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { ResponseInputItem } from 'openai/resources/responses/responses';
import { describe, expect, it } from 'vitest';
import { FAKE_KEYS, type FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

/** A 1×1 PNG and a minimal PDF, base64. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const PDF = 'JVBERi0xLjQKJSVFT0YK';
const PNG_URL = `data:image/png;base64,${PNG}`;
const PDF_URL = `data:application/pdf;base64,${PDF}`;

const MEDIA_MOVED =
  'images and documents in tool results sent in a user message right after the tool messages, each opened by a note naming its call: a Chat tool message holds only text';

const anthropic = (provider?: string) =>
  new Anthropic({
    baseURL: gateway.url,
    apiKey: 'client',
    maxRetries: 0,
    ...(provider && { defaultHeaders: { 'x-ekai-provider': provider } }),
  });
const openai = () => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });

type Json = Record<string, unknown>;
const upstream = () => fake.lastRequest()!.body as Json & { messages: Json[]; input: Json[] };

const SCREENSHOT_TOOL = {
  name: 'screenshot',
  description: 'Screenshot of a page',
  input_schema: { type: 'object' as const, properties: { url: { type: 'string' } } },
};

/** Claude Code's history after a browser tool returned a screenshot and a PDF beside its text. */
const CLAUDE_CODE_HISTORY: Anthropic.MessageParam[] = [
  { role: 'user', content: 'Open example.com' },
  {
    role: 'assistant',
    content: [
      { type: 'tool_use', id: 'toolu_01', name: 'screenshot', input: { url: 'https://example.com' } },
    ],
  },
  {
    role: 'user',
    content: [
      {
        type: 'tool_result',
        tool_use_id: 'toolu_01',
        content: [
          { type: 'text', text: 'Loaded example.com' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
          { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: PDF } },
        ],
      },
      { type: 'text', text: 'What do you see?' },
    ],
  },
];

describe('Messages client (Claude Code): images and documents in a tool_result', () => {
  it('→ Chat (gpt-5 on OpenAI): a follow-up user message right after the tool message, opened by a note naming the call', async () => {
    const { response } = await anthropic('openai')
      .messages.create({
        model: 'gpt-5',
        max_tokens: 500,
        tools: [SCREENSHOT_TOOL],
        messages: CLAUDE_CODE_HISTORY,
      })
      .withResponse();
    expect(response.status).toBe(200);
    expect(fake.lastRequest()!.path).toMatch(/\/v1\/chat\/completions$/);
    expect(upstream().messages.slice(-2)).toEqual([
      {
        role: 'tool',
        tool_call_id: 'toolu_01',
        content: 'Loaded example.com\n\n[2 attachment(s) of this result follow in the next user message]',
      },
      {
        role: 'user',
        content: [
          { type: 'text', text: '[attachment(s) of the result of tool call toolu_01]' },
          { type: 'image_url', image_url: { url: PNG_URL } },
          // https://platform.openai.com/docs/guides/pdf-files: a file part, base64 as a data URL
          { type: 'file', file: { filename: 'document.pdf', file_data: PDF_URL } },
          { type: 'text', text: 'What do you see?' },
        ],
      },
    ]);
    expect(response.headers.get('x-ekai-warnings')).toContain(MEDIA_MOVED);
  });

  it('→ Responses (gpt-6.2-sol): inside the function_call_output, as input_text / input_image / input_file parts in order', async () => {
    const { response } = await anthropic()
      .messages.create({
        model: 'gpt-6.2-sol',
        max_tokens: 500,
        tools: [SCREENSHOT_TOOL],
        messages: CLAUDE_CODE_HISTORY,
      })
      .withResponse();
    expect(response.status).toBe(200);
    expect(fake.lastRequest()!.path).toMatch(/\/v1\/responses$/);
    const input = upstream().input;
    expect(input.slice(-2)).toEqual([
      {
        type: 'function_call_output',
        call_id: 'toolu_01',
        output: [
          { type: 'input_text', text: 'Loaded example.com' },
          { type: 'input_image', image_url: PNG_URL },
          { type: 'input_file', file_data: PDF_URL, filename: 'document.pdf' },
        ],
      },
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'What do you see?' }] },
    ]);
    expect(response.headers.get('x-ekai-warnings') ?? '').not.toContain(
      'tool results sent in a user message',
    );
  });

  it('→ Responses: a failed result with only an image says so in its first part', async () => {
    const history = structuredClone(CLAUDE_CODE_HISTORY);
    history[2]!.content = [
      {
        type: 'tool_result',
        tool_use_id: 'toolu_01',
        is_error: true,
        content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } }],
      },
    ];
    await anthropic().messages.create({
      model: 'gpt-6.2-sol',
      max_tokens: 500,
      tools: [SCREENSHOT_TOOL],
      messages: history,
    });
    expect(upstream().input.at(-1)).toEqual({
      type: 'function_call_output',
      call_id: 'toolu_01',
      output: [
        { type: 'input_text', text: 'Error' },
        { type: 'input_image', image_url: PNG_URL },
      ],
    });
  });
});

const VIEW_IMAGE_TOOL = {
  type: 'function' as const,
  name: 'view_image',
  description: 'View a local image',
  parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
  strict: false,
};
const ASK: ResponseInputItem = { type: 'message', role: 'user', content: 'What is in logo.png?' };
const VIEW_CALL: ResponseInputItem = {
  type: 'function_call',
  call_id: 'call_V13w',
  name: 'view_image',
  arguments: '{"path":"logo.png"}',
};
/** Codex 0.169's view_image output: the image alone, inside the output. */
const VIEW_OUTPUT = {
  type: 'function_call_output',
  call_id: 'call_V13w',
  output: [{ type: 'input_image', image_url: PNG_URL, detail: 'high' }],
} as ResponseInputItem;

describe('Responses client (Codex view_image): an input_image inside the function_call_output', () => {
  it('→ Messages (claude-opus-5-5): an image block inside the tool_result, no user message moved after it', async () => {
    const { response } = await openai()
      .responses.create({
        model: 'claude-opus-5-5',
        tools: [VIEW_IMAGE_TOOL],
        input: [ASK, VIEW_CALL, VIEW_OUTPUT],
      })
      .withResponse();
    expect(response.status).toBe(200);
    expect(fake.lastRequest()!.path).toMatch(/\/v1\/messages$/);
    const messages = upstream().messages;
    expect(messages).toHaveLength(3);
    expect(messages[2]).toMatchObject({ role: 'user' });
    const blocks = (messages[2]!.content as Json[]).map(({ cache_control: _, ...block }) => block);
    expect(blocks).toEqual([
      {
        type: 'tool_result',
        tool_use_id: 'call_V13w',
        content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } }],
      },
    ]);
    expect(response.headers.get('x-ekai-warnings') ?? '').not.toContain(
      'tool results sent in a user message',
    );
  });

  it('→ Messages: text, image and PDF of one output stay in order inside the tool_result', async () => {
    const output = {
      type: 'function_call_output',
      call_id: 'call_V13w',
      output: [
        { type: 'input_text', text: 'logo.png, 1x1' },
        { type: 'input_image', image_url: PNG_URL, detail: 'original' },
        { type: 'input_file', file_data: PDF_URL, filename: 'spec.pdf' },
      ],
    } as ResponseInputItem;
    await openai().responses.create({
      model: 'claude-opus-5-5',
      tools: [VIEW_IMAGE_TOOL],
      input: [ASK, VIEW_CALL, output],
    });
    const result = (upstream().messages[2]!.content as Json[])[0]!;
    expect(result.content).toEqual([
      { type: 'text', text: 'logo.png, 1x1' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
      {
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: PDF },
        title: 'spec.pdf',
      },
    ]);
  });

  it('→ Messages: an earlier Codex (image in a user message after the output) still reaches Claude as an image', async () => {
    const older = [
      ASK,
      VIEW_CALL,
      { type: 'function_call_output', call_id: 'call_V13w', output: 'attached local image path' },
      {
        type: 'message',
        role: 'user',
        content: [{ type: 'input_image', image_url: PNG_URL, detail: 'auto' }],
      },
    ] as ResponseInputItem[];
    await openai().responses.create({ model: 'claude-opus-5-5', tools: [VIEW_IMAGE_TOOL], input: older });
    const blocks = (upstream().messages[2]!.content as Json[]).map(({ cache_control: _, ...block }) => block);
    expect(blocks).toEqual([
      { type: 'tool_result', tool_use_id: 'call_V13w', content: 'attached local image path' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
    ]);
  });

  it('→ Chat (grok-4 on xAI): a follow-up user message naming the call', async () => {
    const { response } = await openai()
      .responses.create({ model: 'grok-4', tools: [VIEW_IMAGE_TOOL], input: [ASK, VIEW_CALL, VIEW_OUTPUT] })
      .withResponse();
    expect(response.status).toBe(200);
    expect(fake.lastRequest()!.path).toMatch(/\/v1\/chat\/completions$/);
    expect(upstream().messages.slice(-2)).toEqual([
      {
        role: 'tool',
        tool_call_id: 'call_V13w',
        content: '[1 attachment(s) of this result follow in the next user message]',
      },
      {
        role: 'user',
        content: [
          { type: 'text', text: '[attachment(s) of the result of tool call call_V13w]' },
          { type: 'image_url', image_url: { url: PNG_URL, detail: 'high' } },
        ],
      },
    ]);
    expect(response.headers.get('x-ekai-warnings')).toContain(MEDIA_MOVED);
  });
});

/** What some Chat clients send: the screenshot inside the tool message (OpenAI itself refuses it). */
const CHAT_HISTORY = [
  { role: 'user', content: 'Open example.com' },
  {
    role: 'assistant',
    content: null,
    tool_calls: [
      {
        id: 'call_shot',
        type: 'function',
        function: { name: 'screenshot', arguments: '{"url":"https://example.com"}' },
      },
    ],
  },
  {
    role: 'tool',
    tool_call_id: 'call_shot',
    content: [
      { type: 'text', text: 'Loaded example.com' },
      { type: 'image_url', image_url: { url: PNG_URL } },
    ],
  },
] as unknown as OpenAI.ChatCompletionMessageParam[];
const CHAT_TOOLS: OpenAI.ChatCompletionTool[] = [
  {
    type: 'function',
    function: { name: 'screenshot', parameters: { type: 'object', properties: { url: { type: 'string' } } } },
  },
];

describe('Chat client: an image_url part inside a tool message', () => {
  it('→ Messages (claude-opus-5-5): an image block inside the tool_result', async () => {
    const { response } = await openai()
      .chat.completions.create({ model: 'claude-opus-5-5', messages: CHAT_HISTORY, tools: CHAT_TOOLS })
      .withResponse();
    expect(response.status).toBe(200);
    const last = upstream().messages.at(-1)!;
    const blocks = (last.content as Json[]).map(({ cache_control: _, ...block }) => block);
    expect(blocks).toEqual([
      {
        type: 'tool_result',
        tool_use_id: 'call_shot',
        content: [
          { type: 'text', text: 'Loaded example.com' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
        ],
      },
    ]);
  });

  it('→ Responses (gpt-6.2-sol): function_call_output parts', async () => {
    const { response } = await openai()
      .chat.completions.create({ model: 'gpt-6.2-sol', messages: CHAT_HISTORY, tools: CHAT_TOOLS })
      .withResponse();
    expect(response.status).toBe(200);
    expect(fake.lastRequest()!.path).toMatch(/\/v1\/responses$/);
    expect(upstream().input.at(-1)).toEqual({
      type: 'function_call_output',
      call_id: 'call_shot',
      output: [
        { type: 'input_text', text: 'Loaded example.com' },
        { type: 'input_image', image_url: PNG_URL },
      ],
    });
  });
});

describe('the strict fake refuses what OpenAI refuses', () => {
  it("OpenAI's Chat API: an image in a tool message is its 400; the same image in a user message after it passes", async () => {
    const fixed = [
      ...CHAT_HISTORY.slice(0, 2),
      { role: 'tool', tool_call_id: 'call_shot', content: 'Loaded example.com' },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: PNG_URL } }] },
    ] as OpenAI.ChatCompletionMessageParam[];
    const direct = new OpenAI({
      baseURL: `${fake.baseUrl('openai')}/v1`,
      apiKey: FAKE_KEYS.openai,
      maxRetries: 0,
    });
    const refused = await direct.chat.completions
      .create({ model: 'gpt-4o', messages: CHAT_HISTORY, tools: CHAT_TOOLS })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    // The real body, quoted in https://github.com/OpenHands/OpenHands/issues/7700
    expect((refused as InstanceType<typeof OpenAI.BadRequestError>).error).toEqual({
      message:
        "Invalid 'messages[2]'. Image URLs are only allowed for messages with role 'user', but this message with role 'tool' contains an image URL.",
      type: 'invalid_request_error',
      param: 'messages[2]',
      code: null,
    });
    const passed = await direct.chat.completions.create({
      model: 'gpt-4o',
      messages: fixed,
      tools: CHAT_TOOLS,
    });
    expect(passed.choices[0]!.finish_reason).toBe('stop');
  });
});
