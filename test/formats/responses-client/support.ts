/** Helpers for the Responses-client translation tests: fixtures, feeding streams, the real openai SDK as client. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { Response, ResponseStreamEvent } from 'openai/resources/responses/responses';
import { SseByteParser, SseParser } from '../../../src/formats/sse.js';
import { TranslatedStream } from '../../../src/formats/stream-translation.js';
import type { ResponseContext, StreamTranslator } from '../../../src/formats/translation.js';

export const FIXTURES = join(import.meta.dirname, '../../fixtures');
export const OWN = 'translation/responses-client';

/** The clock the expected fixtures were written with: `created_at` is 1750000000 everywhere. */
export const FIXED_NOW = new Date(1_750_000_000_000);

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

export type Upstream = 'chat' | 'messages';

export function responseContext(overrides: Partial<ResponseContext> = {}): ResponseContext {
  return { model: 'grok-4', toolNames: new Map(), ...overrides };
}

export function translatorFor(upstream: Upstream, context: ResponseContext): StreamTranslator {
  return upstream === 'chat'
    ? new TranslatedStream('chat', 'responses', context)
    : new TranslatedStream('messages', 'responses', context);
}

/**
 * Generated ids (`msg_`, `rs_`, `fc_`, `ctc_`, `call_`, `resp_` + 24 hex digits) become
 * `<generated_msg_N>` by first appearance, so outputs compare exactly.
 */
export function normalizeGeneratedIds(text: string): string {
  const seen = new Map<string, string>();
  return text.replace(/\b(msg|rs|fc|ctc|call|resp)_[0-9a-f]{24}\b/g, (id, prefix: string) => {
    let placeholder = seen.get(id);
    if (placeholder === undefined) {
      placeholder = `<generated_${prefix}_${seen.size + 1}>`;
      seen.set(id, placeholder);
    }
    return placeholder;
  });
}

/** Upstream SSE text, pushed in the given pieces through the SSE parser, translated; then finish(). */
export function translateStream(
  upstream: Upstream,
  pieces: readonly string[],
  context: ResponseContext,
): string {
  const translator = translatorFor(upstream, context);
  let out = '';
  const parser = new SseParser((event) => {
    out += translator.push(event);
  });
  for (const piece of pieces) parser.push(piece);
  parser.end();
  return normalizeGeneratedIds(out + translator.finish());
}

/** The same, fed one byte at a time: frames, JSON and UTF-8 characters split everywhere. */
export function translateBytewise(upstream: Upstream, text: string, context: ResponseContext): string {
  const translator = translatorFor(upstream, context);
  let out = '';
  const parser = new SseByteParser((event) => {
    out += translator.push(event);
  });
  for (const byte of new TextEncoder().encode(text)) parser.write(Uint8Array.of(byte));
  parser.end();
  return normalizeGeneratedIds(out + translator.finish());
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

/** What the SDK's stream helper (`responses.stream(…).finalResponse()`) assembles from a Responses stream. */
export function sdkFinalResponse(sse: string): Promise<Response> {
  return sdkAnsweringWith(sse).responses.stream({ model: 'gpt-5', input: 'Hi' }).finalResponse();
}

/** The events the SDK yields for `responses.create({stream: true})`, read one by one as an application would. */
export async function sdkEvents(sse: string): Promise<ResponseStreamEvent[]> {
  const stream = await sdkAnsweringWith(sse).responses.create({ model: 'gpt-5', input: 'Hi', stream: true });
  const events: ResponseStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** What the SDK makes of a non-streaming Responses body (`output_text` is the SDK's own addition). */
export function sdkResponse(body: object): Promise<Response> {
  return sdkAnsweringWith(JSON.stringify(body), 'application/json').responses.create({
    model: 'gpt-5',
    input: 'Hi',
  });
}

export type ToolCallSummary =
  | { type: 'function_call'; call_id: string; name: string; arguments: string }
  | { type: 'custom_tool_call'; call_id: string; name: string; input: string };

/** The calls of a response as a client runs them: function and custom tool calls. */
export function toolCallsOf(response: Response): ToolCallSummary[] {
  return response.output.flatMap((item): ToolCallSummary[] => {
    if (item.type === 'function_call')
      return [{ type: item.type, call_id: item.call_id, name: item.name, arguments: item.arguments }];
    if (item.type === 'custom_tool_call')
      return [{ type: item.type, call_id: item.call_id, name: item.name, input: item.input }];
    return [];
  });
}
