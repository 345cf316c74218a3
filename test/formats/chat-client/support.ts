import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import { SseByteParser, SseParser } from '../../../src/formats/sse.js';
import { TranslatedStream } from '../../../src/formats/stream-translation.js';
import type { ResponseContext } from '../../../src/formats/translation.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const CHAT_CLIENT_FIXTURES = `${FIXTURES}translation/chat-client/`;

/** The clock the expected fixtures were written with: `created` is 1750000000 in every chunk. */
export const FIXED_NOW = new Date(1_750_000_000_000);

export function readFixture(path: string): string {
  return readFileSync(`${FIXTURES}${path}`, 'utf8');
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFixture(path)) as T;
}

export function responseContext(overrides: Partial<ResponseContext> = {}): ResponseContext {
  return { model: 'gpt-4o', toolNames: new Map(), includeUsage: true, ...overrides };
}

/** An upstream Messages stream, pushed whole through the SSE parser and the translator. */
export function translateStream(upstream: string, context: ResponseContext): string {
  const translator = new TranslatedStream('messages', 'chat', context);
  let output = '';
  const parser = new SseParser((event) => {
    output += translator.push(event);
  });
  parser.push(upstream);
  parser.end();
  return output + translator.finish();
}

/** The same, with the upstream bytes split into two reads at `at` (inside a frame, a line, a character). */
export function translateSplitStream(upstream: Uint8Array, at: number, context: ResponseContext): string {
  const translator = new TranslatedStream('messages', 'chat', context);
  let output = '';
  const parser = new SseByteParser((event) => {
    output += translator.push(event);
  });
  parser.write(upstream.subarray(0, at));
  parser.write(upstream.subarray(at));
  parser.end();
  return output + translator.finish();
}

/** An openai SDK client whose every request is answered with `body` (an SSE stream by default): no network. */
export function sdkAnsweringWith(body: string, contentType = 'text/event-stream'): OpenAI {
  return new OpenAI({
    apiKey: 'test',
    baseURL: 'http://ekai.invalid/v1',
    maxRetries: 0,
    fetch: async () => new Response(body, { headers: { 'content-type': contentType } }),
  });
}

/** What the openai SDK's stream helper assembles from a Chat SSE stream. */
export async function sdkFinalCompletion(body: string): Promise<ChatCompletion> {
  const stream = sdkAnsweringWith(body).chat.completions.stream({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'Hi' }],
    stream_options: { include_usage: true },
  });
  return stream.finalChatCompletion();
}

/** The chunks the openai SDK yields for `stream: true`, read one by one as an application would. */
export async function sdkChunks(body: string): Promise<ChatCompletionChunk[]> {
  const stream = await sdkAnsweringWith(body).chat.completions.create({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'Hi' }],
    stream: true,
  });
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** Messages SSE frames from event payloads, each with its `event:` line as Anthropic sends them. */
export function messagesSse(...payloads: Array<{ type: string; [key: string]: unknown }>): string {
  return payloads.map((payload) => `event: ${payload.type}\ndata: ${JSON.stringify(payload)}\n\n`).join('');
}

/** The JSON chunks of a Chat SSE stream ([DONE] left out). */
export function chatChunksOf(stream: string): Array<Record<string, unknown>> {
  return stream
    .split('\n\n')
    .filter((frame) => frame.startsWith('data: {'))
    .map((frame) => JSON.parse(frame.slice('data: '.length)) as Record<string, unknown>);
}
