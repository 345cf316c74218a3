/**
 * The recorded bill equals what the client was told (issue 14). Every upstream stream fixture goes
 * through the recording path (the upstream dialect's StreamTap → TokenUsage, what ekai bills) and
 * through each translator that reads that dialect (what the client is told); the client's usage is
 * read back into TokenUsage here, independently of the gateway's converters, with the documented
 * conventions: OpenAI `prompt_tokens` / Responses `input_tokens` INCLUDE cached tokens, Anthropic
 * `input_tokens` EXCLUDES cache reads and writes. The two must agree token kind by token kind.
 *
 * The OpenAI dialects have no field for cache writes (they are part of `prompt_tokens`), so a Chat or
 * Responses client sees them as uncached input: for those clients the recorded cache writes are
 * folded into the input before comparing. A Messages client sees every kind. No client dialect can
 * express the 1-hour share of cache writes; the hand-written expectations check it on the recording.
 *
 * Responses upstream streams are forwarded natively (no translator reads them), so they are not here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MessagesStreamReader } from '../../src/formats/anthropic-messages/stream-reader.js';
import type { MessagesUsage } from '../../src/formats/anthropic-messages/wire.js';
import { ChatStreamReader } from '../../src/formats/openai-chat/stream-reader.js';
import type { ChatUsage } from '../../src/formats/openai-chat/wire.js';
import type { ResponsesUsage } from '../../src/formats/openai-responses/wire.js';
import type { SseEvent } from '../../src/formats/sse.js';
import type { StreamTap } from '../../src/formats/stream-tap.js';
import { TranslatedStream } from '../../src/formats/stream-translation.js';
import type { ResponseContext, StreamTranslator } from '../../src/formats/translation.js';
import { type TokenUsage, ZERO_USAGE } from '../../src/formats/usage.js';
import { sseEventsOf } from '../support/sse-events.js';

type Upstream = 'chat' | 'messages';
type Client = 'chat' | 'messages' | 'responses';
/** What a client dialect can say about usage: Chat and Responses have no cache-write field. */
type Seen = Pick<TokenUsage, 'inputTokens' | 'cacheReadTokens' | 'outputTokens'> & {
  cacheWriteTokens?: number;
};

const FIXTURE_DIRS = ['../fixtures/fake-provider/', '../fixtures/usage-streams/'].map(
  (dir) => new URL(dir, import.meta.url),
);

const CONTEXT: ResponseContext = { model: 'client-model', toolNames: new Map(), includeUsage: true };

const TAPS: Record<Upstream, () => StreamTap> = {
  chat: () => new ChatStreamReader(),
  messages: () => new MessagesStreamReader(),
};

/** Every translator that reads each upstream dialect, and the client dialect it writes. */
const TRANSLATORS: Record<Upstream, { name: string; client: Client; create: () => StreamTranslator }[]> = {
  messages: [
    {
      name: 'ChatStreamFromMessages',
      client: 'chat',
      create: () => new TranslatedStream('messages', 'chat', CONTEXT),
    },
    {
      name: 'ResponsesStreamFromMessages',
      client: 'responses',
      create: () => new TranslatedStream('messages', 'responses', CONTEXT),
    },
  ],
  chat: [
    {
      name: 'MessagesStreamFromChat',
      client: 'messages',
      create: () => new TranslatedStream('chat', 'messages', CONTEXT),
    },
    {
      name: 'ResponsesStreamFromChat',
      client: 'responses',
      create: () => new TranslatedStream('chat', 'responses', CONTEXT),
    },
  ],
};

interface Expected {
  recorded: TokenUsage;
  /** What the client reads, in its own dialect's fields. */
  chat?: { prompt_tokens: number; completion_tokens: number; cached_tokens: number };
  messages?: {
    input_tokens: number;
    cache_read_input_tokens: number;
    cache_creation_input_tokens: number;
    output_tokens: number;
  };
  responses: { input_tokens: number; output_tokens: number; cached_tokens: number };
}

const usage = (input: number, output: number, cacheRead: number, cacheWrite = 0, cacheWrite1h = 0) => ({
  inputTokens: input,
  outputTokens: output,
  cacheReadTokens: cacheRead,
  cacheWriteTokens: cacheWrite,
  cacheWrite1hTokens: cacheWrite1h,
});

/** The hand-written fixtures (test/fixtures/usage-streams/) and the numbers worked out by hand. */
const EXPECTED: Record<string, Expected> = {
  'messages-zeroing-delta.stream.txt': {
    recorded: usage(25, 9, 1200),
    chat: { prompt_tokens: 1225, completion_tokens: 9, cached_tokens: 1200 },
    responses: { input_tokens: 1225, output_tokens: 9, cached_tokens: 1200 },
  },
  'messages-no-cache.stream.txt': {
    recorded: usage(40, 12, 0),
    chat: { prompt_tokens: 40, completion_tokens: 12, cached_tokens: 0 },
    responses: { input_tokens: 40, output_tokens: 12, cached_tokens: 0 },
  },
  'messages-cache.stream.txt': {
    recorded: usage(25, 9, 1200, 300),
    chat: { prompt_tokens: 1525, completion_tokens: 9, cached_tokens: 1200 },
    responses: { input_tokens: 1525, output_tokens: 9, cached_tokens: 1200 },
  },
  'messages-usage-last-frame.stream.txt': {
    recorded: usage(25, 9, 1200, 300),
    chat: { prompt_tokens: 1525, completion_tokens: 9, cached_tokens: 1200 },
    responses: { input_tokens: 1525, output_tokens: 9, cached_tokens: 1200 },
  },
  'messages-usage-split.stream.txt': {
    recorded: usage(25, 9, 1200, 300),
    chat: { prompt_tokens: 1525, completion_tokens: 9, cached_tokens: 1200 },
    responses: { input_tokens: 1525, output_tokens: 9, cached_tokens: 1200 },
  },
  'messages-cache-1h.stream.txt': {
    recorded: usage(10, 30, 500, 2000, 1500),
    chat: { prompt_tokens: 2510, completion_tokens: 30, cached_tokens: 500 },
    responses: { input_tokens: 2510, output_tokens: 30, cached_tokens: 500 },
  },
  'chat-usage-last-frame.stream.txt': {
    recorded: usage(25, 9, 1200),
    messages: {
      input_tokens: 25,
      cache_read_input_tokens: 1200,
      cache_creation_input_tokens: 0,
      output_tokens: 9,
    },
    responses: { input_tokens: 1225, output_tokens: 9, cached_tokens: 1200 },
  },
  'chat-usage-several-frames.stream.txt': {
    recorded: usage(25, 9, 1200),
    messages: {
      input_tokens: 25,
      cache_read_input_tokens: 1200,
      cache_creation_input_tokens: 0,
      output_tokens: 9,
    },
    responses: { input_tokens: 1225, output_tokens: 9, cached_tokens: 1200 },
  },
};

interface Fixture {
  name: string;
  upstream: Upstream;
  events: SseEvent[];
}

const FIXTURES: Fixture[] = FIXTURE_DIRS.flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.stream.txt') && !name.startsWith('responses-'))
    .map((name) => ({
      name,
      upstream: name.startsWith('messages-') ? ('messages' as const) : ('chat' as const),
      events: sseEventsOf(readFileSync(new URL(name, dir), 'utf8')),
    })),
);

/** What ekai records: the upstream dialect's tap, fed every event (no usage at all bills as zero). */
function recordedUsage({ upstream, events }: Fixture): TokenUsage {
  const tap = TAPS[upstream]();
  for (const event of events) tap.onEvent(event);
  expect(tap.complete).toBe(true);
  return tap.usage ?? { ...ZERO_USAGE };
}

/** What the client receives: the translator fed every event, then closed as the relay closes it. */
function translated(create: () => StreamTranslator, events: SseEvent[]): Frame[] {
  const translator = create();
  let out = '';
  for (const event of events) out += translator.push(event);
  out += translator.finish();
  return sseEventsOf(out)
    .filter((event) => event.data !== '[DONE]')
    .map((event) => JSON.parse(event.data) as Frame);
}

/** A frame the client receives: the fields that carry usage, in any of the three dialects. */
interface Frame {
  type?: string;
  usage?: ChatUsage | Partial<MessagesUsage> | null;
  message?: { usage?: Partial<MessagesUsage> };
  response?: { usage?: ResponsesUsage };
}

/** Chat client: the usage chunk (the last chunk carrying usage); prompt_tokens includes cached tokens. */
function chatClientUsage(frames: Frame[]): ChatUsage {
  const withUsage = frames.filter((frame) => frame.usage);
  expect(withUsage, 'exactly one usage chunk').toHaveLength(1);
  return withUsage[0]!.usage as ChatUsage;
}

/** Messages client: message_start's usage, each field replaced by message_delta's when present (as the SDK reads it). */
function messagesClientUsage(frames: Frame[]): Partial<MessagesUsage> {
  const start = frames.find((frame) => frame.type === 'message_start')?.message?.usage ?? {};
  const deltas = frames.filter((frame) => frame.type === 'message_delta');
  expect(deltas, 'exactly one message_delta').toHaveLength(1);
  return { ...start, ...(deltas[0]!.usage as Partial<MessagesUsage>) };
}

/** Responses client: the usage of response.completed (or response.incomplete). */
function responsesClientUsage(frames: Frame[]): ResponsesUsage {
  const done = frames.filter(
    (frame) => frame.type === 'response.completed' || frame.type === 'response.incomplete',
  );
  expect(done, 'exactly one final event').toHaveLength(1);
  return done[0]!.response!.usage!;
}

/** The client's usage, in its dialect's fields, back to TokenUsage (the kinds that dialect can say). */
function seenByClient(client: Client, frames: Frame[]): Seen {
  if (client === 'chat') {
    const chat = chatClientUsage(frames);
    const cached = chat.prompt_tokens_details?.cached_tokens ?? 0;
    return {
      inputTokens: chat.prompt_tokens - cached,
      cacheReadTokens: cached,
      outputTokens: chat.completion_tokens,
    };
  }
  if (client === 'responses') {
    const responses = responsesClientUsage(frames);
    const cached = responses.input_tokens_details?.cached_tokens ?? 0;
    return {
      inputTokens: responses.input_tokens - cached,
      cacheReadTokens: cached,
      outputTokens: responses.output_tokens,
    };
  }
  const messages = messagesClientUsage(frames);
  return {
    inputTokens: messages.input_tokens ?? 0,
    cacheReadTokens: messages.cache_read_input_tokens ?? 0,
    cacheWriteTokens: messages.cache_creation_input_tokens ?? 0,
    outputTokens: messages.output_tokens ?? 0,
  };
}

/** The recorded usage as the client's dialect can express it: Chat and Responses count writes as input. */
function recordedAsSeenBy(client: Client, recorded: TokenUsage): Seen {
  if (client === 'messages') {
    const { inputTokens, cacheReadTokens, cacheWriteTokens, outputTokens } = recorded;
    return { inputTokens, cacheReadTokens, cacheWriteTokens, outputTokens };
  }
  return {
    inputTokens: recorded.inputTokens + recorded.cacheWriteTokens,
    cacheReadTokens: recorded.cacheReadTokens,
    outputTokens: recorded.outputTokens,
  };
}

describe('the recorded usage equals the usage reported to the client', () => {
  it('reads every stream fixture of both dialects, and every hand-written one', () => {
    const names = FIXTURES.map((fixture) => fixture.name);
    for (const name of Object.keys(EXPECTED)) expect(names).toContain(name);
    expect(FIXTURES.filter((fixture) => fixture.upstream === 'messages').length).toBeGreaterThan(6);
    expect(FIXTURES.filter((fixture) => fixture.upstream === 'chat').length).toBeGreaterThan(4);
  });

  for (const fixture of FIXTURES) {
    for (const { name, client, create } of TRANSLATORS[fixture.upstream]) {
      it(`${fixture.name} → ${name}: recorded = told, token kind by token kind`, () => {
        const recorded = recordedUsage(fixture);
        const told = seenByClient(client, translated(create, fixture.events));
        expect(told).toEqual(recordedAsSeenBy(client, recorded));
      });
    }
  }
});

describe('hand-written fixtures: the numbers worked out by hand', () => {
  for (const fixture of FIXTURES.filter((candidate) => candidate.name in EXPECTED)) {
    const expected = EXPECTED[fixture.name]!;
    it(`${fixture.name}: recorded`, () => {
      expect(recordedUsage(fixture)).toEqual(expected.recorded);
    });
    for (const { name, client, create } of TRANSLATORS[fixture.upstream]) {
      it(`${fixture.name} → ${name}: told`, () => {
        const frames = translated(create, fixture.events);
        if (client === 'chat') {
          const chat = chatClientUsage(frames);
          expect({
            prompt_tokens: chat.prompt_tokens,
            completion_tokens: chat.completion_tokens,
            cached_tokens: chat.prompt_tokens_details?.cached_tokens,
          }).toEqual(expected.chat);
        } else if (client === 'responses') {
          const responses = responsesClientUsage(frames);
          expect({
            input_tokens: responses.input_tokens,
            output_tokens: responses.output_tokens,
            cached_tokens: responses.input_tokens_details?.cached_tokens,
          }).toEqual(expected.responses);
        } else {
          const messages = messagesClientUsage(frames);
          expect({
            input_tokens: messages.input_tokens,
            cache_read_input_tokens: messages.cache_read_input_tokens,
            cache_creation_input_tokens: messages.cache_creation_input_tokens,
            output_tokens: messages.output_tokens,
          }).toEqual(expected.messages);
        }
      });
    }
  }
});
