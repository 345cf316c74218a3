/** Helpers for the Messages-client translation tests: fixtures, feeding streams, the real SDK as client. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { SseByteParser, SseParser } from '../../../src/formats/sse.js';
import { TranslatedStream } from '../../../src/formats/stream-translation.js';
import type { ResponseContext } from '../../../src/formats/translation.js';

export const FIXTURES = join(import.meta.dirname, '../../fixtures');
export const OWN_FIXTURES = join(FIXTURES, 'translation/messages-client');

/** Set to rewrite the expected files from the current output (then review the diff). */
export const UPDATE = process.env.UPDATE_TRANSLATION_FIXTURES === '1';

export function readFixture(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

export function readJsonFixture<T>(path: string): T {
  return JSON.parse(readFixture(path)) as T;
}

/** The expected text, or — when updating — the actual text written as the new expectation. */
export function expectedText(path: string, actual: string): string {
  if (UPDATE) writeFileSync(join(FIXTURES, path), actual);
  return readFixture(path);
}

export function responseContext(toolNames: Record<string, string> = {}): ResponseContext {
  return { model: 'claude-sonnet-4-5', toolNames: new Map(Object.entries(toolNames)) };
}

/** Generated ids (`toolu_` + 24 hex digits) become `<toolu_N>` by first appearance, so outputs compare exactly. */
export function normalizeGeneratedIds(text: string): string {
  const seen = new Map<string, string>();
  return text.replace(/\b(toolu|msg)_[0-9a-f]{24}\b/g, (id, prefix: string) => {
    let placeholder = seen.get(id);
    if (placeholder === undefined) {
      placeholder = `<generated_${prefix}_${seen.size + 1}>`;
      seen.set(id, placeholder);
    }
    return placeholder;
  });
}

/** Upstream SSE text, pushed in the given pieces through the SSE parser, translated; then finish(). */
export function translateStream(pieces: readonly string[], context = responseContext()): string {
  const translator = new TranslatedStream('chat', 'messages', context);
  let out = '';
  const parser = new SseParser((event) => {
    out += translator.push(event);
  });
  for (const piece of pieces) parser.push(piece);
  parser.end();
  return normalizeGeneratedIds(out + translator.finish());
}

/** The same, fed one byte at a time: frames, JSON and UTF-8 characters split everywhere. */
export function translateBytewise(text: string, context = responseContext()): string {
  const translator = new TranslatedStream('chat', 'messages', context);
  let out = '';
  const parser = new SseByteParser((event) => {
    out += translator.push(event);
  });
  for (const byte of new TextEncoder().encode(text)) parser.write(Uint8Array.of(byte));
  parser.end();
  return normalizeGeneratedIds(out + translator.finish());
}

// The SDK's request model only has to be one it does not warn about; the answer is the stream given.

/** What `@anthropic-ai/sdk` makes of a Messages stream: the accumulated message (or its error). */
export function sdkFinalMessage(sse: string): Promise<Anthropic.Message> {
  const client = new Anthropic({
    apiKey: 'test-key',
    maxRetries: 0,
    fetch: async () => new Response(sse, { headers: { 'content-type': 'text/event-stream' } }),
  });
  return client.messages
    .stream({ model: 'claude-opus-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }] })
    .finalMessage();
}

/** The SDK's raw event stream (every event, in order), for checks on the event sequence itself. */
export async function sdkEvents(sse: string): Promise<Anthropic.MessageStreamEvent[]> {
  const client = new Anthropic({
    apiKey: 'test-key',
    maxRetries: 0,
    fetch: async () => new Response(sse, { headers: { 'content-type': 'text/event-stream' } }),
  });
  const stream = await client.messages.create({
    model: 'claude-opus-4-5',
    max_tokens: 1024,
    messages: [{ role: 'user', content: 'Hi' }],
    stream: true,
  });
  const events: Anthropic.MessageStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** What `@anthropic-ai/sdk` makes of a non-streaming Messages response body. */
export function sdkMessage(body: object): Promise<Anthropic.Message> {
  const client = new Anthropic({
    apiKey: 'test-key',
    maxRetries: 0,
    fetch: async () => Response.json(body),
  });
  return client.messages.create({
    model: 'claude-opus-4-5',
    max_tokens: 1024,
    messages: [{ role: 'user', content: 'Hi' }],
  });
}
