import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MessagesStreamReader } from '../../src/formats/anthropic-messages/stream-reader.js';
import { ChatStreamReader } from '../../src/formats/openai-chat/stream-reader.js';
import { type SseEvent, SseParser } from '../../src/formats/sse.js';
import type { StreamTap } from '../../src/formats/stream-tap.js';
import { TranslatedStream } from '../../src/formats/stream-translation.js';
import type { StreamTranslator } from '../../src/formats/translation.js';

const EVENT_NAMES = [
  'message_start',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'message_delta',
  'message_stop',
  'ping',
  'error',
  undefined,
];

/** Plausible-looking and broken payloads: chunks and events with fields of the wrong types. */
const payload = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 80 }),
  fc.constant('[DONE]'),
  fc
    .record(
      {
        type: fc.constantFrom(...EVENT_NAMES.filter(Boolean)),
        index: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.jsonValue()),
        delta: fc.jsonValue({ maxDepth: 3 }),
        content_block: fc.jsonValue({ maxDepth: 3 }),
        message: fc.jsonValue({ maxDepth: 3 }),
        usage: fc.jsonValue({ maxDepth: 2 }),
        choices: fc.oneof(
          fc.constant(null),
          fc.array(
            fc.record({
              index: fc.integer({ min: 0, max: 2 }),
              delta: fc.record(
                {
                  content: fc.oneof(fc.string(), fc.constant(null)),
                  reasoning_content: fc.string(),
                  tool_calls: fc.array(
                    fc.record(
                      {
                        index: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.jsonValue()),
                        id: fc.string(),
                        function: fc.record(
                          { name: fc.string(), arguments: fc.string() },
                          { requiredKeys: [] },
                        ),
                      },
                      { requiredKeys: [] },
                    ),
                    { maxLength: 3 },
                  ),
                },
                { requiredKeys: [] },
              ),
              finish_reason: fc.oneof(
                fc.constantFrom('stop', 'length', 'tool_calls', 'weird'),
                fc.constant(null),
              ),
            }),
            { maxLength: 2 },
          ),
        ),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
);

const events = fc.array(
  fc
    .record({ event: fc.constantFrom(...EVENT_NAMES), data: payload })
    .map((event) => ({ ...event, id: undefined }) as SseEvent),
  { maxLength: 40 },
);

/** The output must itself be a parseable SSE stream whose data frames are JSON or [DONE]. */
function expectWellFormedSse(text: string): void {
  const frames: SseEvent[] = [];
  const parser = new SseParser((event) => frames.push(event));
  parser.push(text);
  parser.end();
  for (const frame of frames) {
    if (frame.data !== '[DONE]') expect(() => JSON.parse(frame.data), frame.data).not.toThrow();
  }
}

const TRANSLATORS: Array<[string, () => StreamTranslator]> = [
  [
    'Chat upstream → Messages client',
    () => new TranslatedStream('chat', 'messages', { model: 'm', toolNames: new Map() }),
  ],
  [
    'Messages upstream → Chat client',
    () => new TranslatedStream('messages', 'chat', { model: 'm', toolNames: new Map(), includeUsage: true }),
  ],
];

describe('stream machinery under garbage', () => {
  it.each(TRANSLATORS)('%s: never throws, always emits well-formed SSE, and closes', (_name, create) => {
    fc.assert(
      fc.property(events, (sequence) => {
        const translator = create();
        let out = '';
        for (const event of sequence) out += translator.push(event);
        out += translator.finish();
        expectWellFormedSse(out);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['Messages tap', () => new MessagesStreamReader()],
    ['Chat tap', () => new ChatStreamReader()],
  ] as Array<[string, () => StreamTap]>)(
    '%s never throws and reports non-negative usage',
    (_name, create) => {
      fc.assert(
        fc.property(events, (sequence) => {
          const tap = create();
          for (const event of sequence) tap.onEvent(event);
          for (const value of Object.values(tap.usage ?? {})) expect(value).toBeGreaterThanOrEqual(0);
        }),
        { numRuns: 500 },
      );
    },
  );

  it('the SSE parser never throws on arbitrary text in arbitrary pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 50 }), { maxLength: 20 }), (pieces) => {
        const parser = new SseParser(() => {});
        for (const piece of pieces) parser.push(piece);
        parser.end();
      }),
      { numRuns: 1000 },
    );
  });
});
