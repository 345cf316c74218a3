import { describe, expect, it } from 'vitest';
import { formatSse, SseByteParser, type SseEvent, SseParser } from '../../src/formats/sse.js';

function parseAll(pieces: readonly string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = new SseParser((event) => events.push(event));
  for (const piece of pieces) parser.push(piece);
  parser.end();
  return events;
}

const STREAM = [
  ': OPENROUTER PROCESSING',
  '',
  'event: message_start',
  'data: {"type":"message_start","message":{"usage":{"input_tokens":12}}}',
  '',
  'event: content_block_delta',
  'data: {"type":"content_block_delta","delta":{"text":"héllo wörld ✓"}}',
  '',
  'data: first line',
  'data:second line',
  'id: 7',
  '',
  'event: ping',
  '',
  '',
].join('\n');

const EXPECTED: SseEvent[] = [
  {
    event: 'message_start',
    data: '{"type":"message_start","message":{"usage":{"input_tokens":12}}}',
    id: undefined,
  },
  {
    event: 'content_block_delta',
    data: '{"type":"content_block_delta","delta":{"text":"héllo wörld ✓"}}',
    id: undefined,
  },
  { event: undefined, data: 'first line\nsecond line', id: '7' },
];

describe('SseParser', () => {
  it('parses events, comments, multi-line data and ids; an event with no data is not dispatched', () => {
    expect(parseAll([STREAM])).toEqual(EXPECTED);
  });

  it('gives the same events when the text is split at every position', () => {
    for (let cut = 1; cut < STREAM.length; cut++) {
      expect(parseAll([STREAM.slice(0, cut), STREAM.slice(cut)])).toEqual(EXPECTED);
    }
  });

  it('accepts \\r\\n and \\r line endings, also split between \\r and \\n', () => {
    const crlf = STREAM.replaceAll('\n', '\r\n');
    expect(parseAll([crlf])).toEqual(EXPECTED);
    expect(parseAll([STREAM.replaceAll('\n', '\r')])).toEqual(EXPECTED);
    const split = crlf.indexOf('\r\n') + 1;
    expect(parseAll([crlf.slice(0, split), crlf.slice(split)])).toEqual(EXPECTED);
  });

  it('drops an unterminated last event at the end', () => {
    expect(parseAll(['data: complete\n\ndata: never finished'])).toEqual([
      { event: undefined, data: 'complete', id: undefined },
    ]);
  });
});

describe('SseByteParser', () => {
  it('decodes UTF-8 characters split across chunks, one byte at a time', () => {
    const bytes = new TextEncoder().encode(STREAM);
    const events: SseEvent[] = [];
    const parser = new SseByteParser((event) => events.push(event));
    for (const byte of bytes) parser.write(Uint8Array.of(byte));
    parser.end();
    expect(events).toEqual(EXPECTED);
  });
});

describe('formatSse', () => {
  it('writes event and data lines and round-trips through the parser', () => {
    expect(formatSse('{"a":1}', 'error')).toBe('event: error\ndata: {"a":1}\n\n');
    expect(parseAll([formatSse('two\nlines')])).toEqual([
      { event: undefined, data: 'two\nlines', id: undefined },
    ]);
  });
});
