import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';
import { type HostileUpstream, SSE_HEADERS, startHostileUpstream } from './hostile-upstream.js';

/**
 * Issue 15, W1: an upstream stream cut in the middle of a frame. The client must never receive
 * half an event glued to ekai's error frame: the OpenAI SDK then threw a SyntaxError and the
 * Anthropic SDK ended quietly, a truncated answer looking complete.
 */

const chatChunk = (content: string) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-cut',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o',
    choices: [{ index: 0, delta: { role: 'assistant', content }, finish_reason: null }],
  })}\n\n`;
const CHAT_FRAMES = chatChunk('Hel') + chatChunk('lo');
const CHAT_HALF = 'data: {"id":"chatcmpl-cut","object":"chat.compl';

const MESSAGES_FRAMES =
  `event: message_start\ndata: ${JSON.stringify({
    type: 'message_start',
    message: {
      id: 'msg_cut',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-20250514',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 5, output_tokens: 1 },
    },
  })}\n\n` +
  `event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n` +
  `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}\n\n`;
const MESSAGES_HALF = 'event: content_block_delta\ndata: {"type":"content_block_del';

type Cut = 'reset' | 'end';
const CUTS: Cut[] = ['reset', 'end'];

let fake: FakeProvider;
let upstream: HostileUpstream;
let gateway: TestGateway;
let openai: OpenAI;
let anthropic: Anthropic;

/** Two (or three) whole frames, half of the next, then the connection reset or the body ended. */
function cutAfterHalfAFrame(cut: Cut) {
  upstream.handler = (request, response) => {
    const chat = request.url?.includes('/chat/completions');
    response.writeHead(200, SSE_HEADERS);
    response.write(chat ? CHAT_FRAMES : MESSAGES_FRAMES);
    response.write(chat ? CHAT_HALF : MESSAGES_HALF);
    // Let the bytes reach the gateway before the cut.
    setTimeout(() => (cut === 'reset' ? response.socket?.destroy() : response.end()), 30);
  };
}

beforeAll(async () => {
  fake = await startFakeProvider();
  upstream = await startHostileUpstream();
  gateway = await startGateway(fake, {
    config: {
      routing: { fallback: false, cooldownAfter: 1000, cooldownSeconds: 1 },
      providers: {
        openai: { apiKey: 'sk-cut-openai-0000', baseUrl: `${upstream.url}/openai` },
        anthropic: { apiKey: 'sk-ant-cut-0000', baseUrl: `${upstream.url}/anthropic` },
      },
    },
  });
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'client', maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
  await fake.close();
});

async function caught(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return undefined;
}

async function rawStream(path: string, body: object): Promise<string> {
  const response = await fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ ...body, stream: true }),
  });
  return response.text();
}

describe.each(CUTS)('an upstream stream cut mid-frame (%s)', (cut) => {
  it('same dialect, OpenAI SDK: an APIError, not a SyntaxError; recorded as an error', async () => {
    cutAfterHalfAFrame(cut);
    const recorded = gateway.nextEvents();
    const seen: string[] = [];
    const error = await caught(async () => {
      const stream = await openai.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      });
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
    });
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(seen.join('')).toBe('Hello');
    const [event] = await recorded;
    expect(event?.outcome).toBe('error');
  });

  it('same dialect, raw bytes: the whole frames, then the error frame, nothing of the half frame', async () => {
    cutAfterHalfAFrame(cut);
    // include_usage: the spliced path without the usage-chunk filter.
    const text = await rawStream('/v1/chat/completions', {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
      stream_options: { include_usage: true },
    });
    expect(text.startsWith(CHAT_FRAMES)).toBe(true);
    expect(text.slice(CHAT_FRAMES.length)).toMatch(/^data: \{"error":/);
    expect(text).not.toContain('chat.compl"');
    expect(text.endsWith('\n\n')).toBe(true);
  });

  it('same dialect, Anthropic SDK: the stream raises an error', async () => {
    cutAfterHalfAFrame(cut);
    const recorded = gateway.nextEvents();
    let text = '';
    const error = await caught(async () => {
      const stream = await anthropic.messages.create({
        model: 'claude-sonnet-4',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      });
      for await (const event of stream) {
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta')
          text += event.delta.text;
      }
    });
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(text).toBe('Hello');
    const [event] = await recorded;
    expect(event?.outcome).toBe('error');
    const raw = await (async () => {
      cutAfterHalfAFrame(cut);
      return rawStream('/v1/messages', {
        model: 'claude-sonnet-4',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'hi' }],
      });
    })();
    expect(raw.startsWith(MESSAGES_FRAMES)).toBe(true);
    expect(raw.slice(MESSAGES_FRAMES.length)).toMatch(/^event: error\n/);
  });

  it('translated, Messages client on a Chat upstream: ends with an error event', async () => {
    cutAfterHalfAFrame(cut);
    const recorded = gateway.nextEvents();
    const error = await caught(async () => {
      const stream = await anthropic.messages.create({
        model: 'gpt-4o',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      });
      for await (const _event of stream);
    });
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((await recorded)[0]?.outcome).toBe('error');
  });

  it('translated, Chat client on a Messages upstream: ends with an error event', async () => {
    cutAfterHalfAFrame(cut);
    const recorded = gateway.nextEvents();
    const error = await caught(async () => {
      const stream = await openai.chat.completions.create({
        model: 'claude-sonnet-4',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      });
      for await (const _chunk of stream);
    });
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((await recorded)[0]?.outcome).toBe('error');
  });
});
