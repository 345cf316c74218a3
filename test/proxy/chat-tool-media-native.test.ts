/**
 * A Chat client's images and documents in `tool` messages, sent to OpenAI's Chat API in its own
 * format (the native path, no converter): OpenAI refuses media outside user messages (400 "Image
 * URLs are only allowed for messages with role 'user', but this message with role 'tool' contains
 * an image URL", https://github.com/OpenHands/OpenHands/issues/7700; the strict fake's rule
 * `openai-chat-images-in-user-messages-only`), so ekai moves them to a user message right after the
 * tool messages, as its converters do, and says so. Through the real `openai` SDK; the Chat shapes:
 * https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages (a `tool`
 * message holds text parts only; a user message takes `image_url` and `file` parts).
 */
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

/**
 * The request bodies the client sent, byte for byte: indented, so that a body ekai re-serialised
 * cannot pass for the client's own.
 */
const sentBodies: string[] = [];
const client = () =>
  new OpenAI({
    baseURL: `${gateway.url}/v1`,
    apiKey: 'client',
    maxRetries: 0,
    fetch: async (url, init) => {
      if (typeof init?.body !== 'string') return fetch(url, init);
      const body = JSON.stringify(JSON.parse(init.body), null, 2);
      sentBodies.push(body);
      return fetch(url, { ...init, body });
    },
  });

const PNG_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const MEDIA_MOVED =
  'images and documents in tool results sent in a user message right after the tool messages, each opened by a note naming its call: a Chat tool message holds only text';

const screenshotTurn = (results: ChatCompletionMessageParam[]): ChatCompletionMessageParam[] => [
  { role: 'user', content: 'Screenshot both pages' },
  {
    role: 'assistant',
    content: null,
    tool_calls: [
      { id: 'call_1', type: 'function', function: { name: 'screenshot', arguments: '{"page":1}' } },
      { id: 'call_2', type: 'function', function: { name: 'screenshot', arguments: '{"page":2}' } },
    ],
  },
  ...results,
];

describe('OpenAI Chat, native: media in tool messages moved to a user message', () => {
  it('an image in one of two tool results: 200, the image after both tool messages, with a note', async () => {
    const messages = screenshotTurn([
      // The SDK's types hold tool messages to text parts, as OpenAI does; clients send images anyway.
      {
        role: 'tool',
        tool_call_id: 'call_1',
        content: [
          { type: 'text', text: 'Page 1 captured' },
          { type: 'image_url', image_url: { url: PNG_URL } },
        ],
      } as unknown as ChatCompletionMessageParam,
      { role: 'tool', tool_call_id: 'call_2', content: 'Page 2 failed to load' },
      { role: 'user', content: 'What do you see?' },
    ]);
    const { data, response } = await client()
      .chat.completions.create({ model: 'gpt-4o', messages })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(response.headers.get('x-ekai-warnings')).toBe(MEDIA_MOVED);

    const upstream = fake.lastRequest()!;
    expect(upstream.status).toBe(200);
    expect((upstream.body as { messages: unknown }).messages).toEqual([
      { role: 'user', content: 'Screenshot both pages' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'screenshot', arguments: '{"page":1}' } },
          { id: 'call_2', type: 'function', function: { name: 'screenshot', arguments: '{"page":2}' } },
        ],
      },
      {
        role: 'tool',
        tool_call_id: 'call_1',
        content: [
          { type: 'text', text: 'Page 1 captured' },
          { type: 'text', text: '[1 attachment(s) of this result follow in the next user message]' },
        ],
      },
      { role: 'tool', tool_call_id: 'call_2', content: 'Page 2 failed to load' },
      {
        role: 'user',
        content: [
          { type: 'text', text: '[attachment(s) of the result of tool call call_1]' },
          { type: 'image_url', image_url: { url: PNG_URL } },
        ],
      },
      { role: 'user', content: 'What do you see?' },
    ]);
  });

  it('tool results without media: the client’s bytes go upstream unchanged, with no note', async () => {
    sentBodies.length = 0;
    const messages = screenshotTurn([
      { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: 'Page 1 captured' }] },
      { role: 'tool', tool_call_id: 'call_2', content: 'Page 2 captured' },
    ]);
    const { response } = await client().chat.completions.create({ model: 'gpt-4o', messages }).withResponse();
    expect(response.headers.get('x-ekai-warnings')).toBeNull();
    expect(fake.lastRequest()!.rawBody).toBe(sentBodies[0]);
  });
});
