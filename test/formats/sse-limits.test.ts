import { describe, expect, it } from 'vitest';
import { SseByteParser, type SseEvent, SseLimitError, SseParser } from '../../src/formats/sse.js';
import { SseFrameSplitter } from '../../src/proxy/sse-frames.js';

/**
 * Issue 15, H4: an unfinished line was re-concatenated and re-scanned on every push, so a line
 * sent in small pieces cost quadratic time. These pushes are cheap only if the work is linear: a
 * 1 MB line in 1-character pieces is a million pushes (seconds of the old code's work per
 * thousand; well under a second now).
 */
describe('SseParser: linear in its input, bounded lines', () => {
  it('a 1 MB line pushed one character at a time', () => {
    const events: SseEvent[] = [];
    const parser = new SseParser((event) => events.push(event));
    parser.push('data: ');
    for (let i = 0; i < 1_000_000; i++) parser.push('x');
    parser.push('\r');
    parser.push('\n\n');
    expect(events).toHaveLength(1);
    expect(events[0]?.data.length).toBe(1_000_000);
  }, 10_000);

  it('a 1 MB line in 1-byte writes through the byte parser', () => {
    let data = '';
    const parser = new SseByteParser((event) => {
      data = event.data;
    });
    const bytes = Buffer.from(`data: ${'é'.repeat(500_000)}\n\n`);
    for (let i = 0; i < bytes.length; i++) parser.write(bytes.subarray(i, i + 1));
    expect(data).toBe('é'.repeat(500_000));
  }, 10_000);

  it('a line or an event longer than the limit throws SseLimitError; at the limit it is fine', () => {
    const events: SseEvent[] = [];
    const at = new SseParser((event) => events.push(event), { maxLineLength: 100 });
    at.push(`${'x'.repeat(60)}`);
    at.push(`${'x'.repeat(40)}\n`); // a 100-character line: not data, ignored
    at.push(`data: ${'y'.repeat(94)}\n\n`);
    expect(events.map((event) => event.data.length)).toEqual([94]);

    const unfinished = new SseParser(() => {}, { maxLineLength: 100 });
    unfinished.push('x'.repeat(100));
    expect(() => unfinished.push('x')).toThrow(SseLimitError);

    const whole = new SseParser(() => {}, { maxLineLength: 100 });
    expect(() => whole.push(`data: ${'x'.repeat(200)}\n`)).toThrow(/longer than 100 bytes/);

    // Many short data lines in one event add up.
    const event = new SseParser(() => {}, { maxLineLength: 100 });
    expect(() => {
      for (let i = 0; i < 20; i++) event.push(`data: ${'z'.repeat(9)}\n`);
    }).toThrow(SseLimitError);
  });

  it('line breaks split across pushes (\\r | \\n) are one break', () => {
    const events: SseEvent[] = [];
    const parser = new SseParser((event) => events.push(event));
    for (const piece of ['data: a\r', '\ndata: b\r', '\n\r', '\n', 'data: c\r\r']) parser.push(piece);
    expect(events.map((event) => event.data)).toEqual(['a\nb', 'c']);
  });
});

describe('SseFrameSplitter: whole events only', () => {
  const text = (buffer: Buffer) => buffer.toString('utf8');

  it('returns the bytes up to the last blank line and holds the rest', () => {
    const splitter = new SseFrameSplitter();
    expect(text(splitter.push(Buffer.from('data: 1\n\ndata: 2\n\ndata: 3')))).toBe('data: 1\n\ndata: 2\n\n');
    expect(text(splitter.push(Buffer.from('33')))).toBe('');
    expect(text(splitter.push(Buffer.from('\n\ndata: 4\n')))).toBe('data: 333\n\n');
    expect(text(splitter.rest())).toBe('data: 4\n');
  });

  it.each([
    ['\n | \n', ['data: a\n', '\n']],
    ['\r\n\r | \n', ['data: a\r\n\r', '\n']],
    ['\r | \n\r\n', ['data: a\r', '\n\r\n']],
    ['\r | \r', ['data: a\r', '\r']],
    ['one byte at a time', [...'data: a\r\n\r\n']],
  ])('a terminator split across chunks (%s)', (_name, pieces) => {
    const splitter = new SseFrameSplitter();
    const out = pieces.map((piece) => text(splitter.push(Buffer.from(piece)))).join('');
    expect(out).toBe(pieces.join(''));
    expect(splitter.rest().length).toBe(0);
  });

  it('a 1 MB frame in 1-byte chunks is linear; more than the limit held throws', () => {
    const splitter = new SseFrameSplitter();
    const frame = Buffer.from(`data: ${'x'.repeat(1_000_000)}\n\n`);
    let out = 0;
    for (let i = 0; i < frame.length; i++) out += splitter.push(frame.subarray(i, i + 1)).length;
    expect(out).toBe(frame.length);

    const limited = new SseFrameSplitter(1000);
    limited.push(Buffer.alloc(1000, 'a'));
    expect(() => limited.push(Buffer.from('a'))).toThrow(SseLimitError);
  }, 10_000);
});
