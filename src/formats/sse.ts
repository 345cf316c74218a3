/**
 * Server-sent events, per the WHATWG spec's parsing rules: lines end in \n, \r\n or \r; `field:
 * value` with one optional space after the colon; `data` lines of one event are joined with \n; a
 * blank line dispatches; lines starting with `:` are comments. Works on text pushed in arbitrary
 * pieces, so a frame (or a line, or a UTF-8 character) split across network reads is fine.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export interface SseEvent {
  /** The `event:` field; undefined means the default type ("message"). */
  event: string | undefined;
  data: string;
  id: string | undefined;
}

export class SseParser {
  private buffer = '';
  private event: string | undefined;
  private data: string[] = [];
  private id: string | undefined;
  /** A \r ended the last chunk: a \n starting the next one belongs to the same line break. */
  private pendingCarriageReturn = false;

  constructor(private readonly onEvent: (event: SseEvent) => void) {}

  push(text: string): void {
    let input = text;
    if (this.pendingCarriageReturn && input.startsWith('\n')) input = input.slice(1);
    this.pendingCarriageReturn = false;
    const buffer = this.buffer + input;
    // Nearly every stream uses \n alone: find lines with indexOf; only text with a \r takes the slow path.
    if (buffer.includes('\r')) {
      this.pushWithCarriageReturns(buffer);
      return;
    }
    let start = 0;
    for (let end = buffer.indexOf('\n'); end !== -1; end = buffer.indexOf('\n', start)) {
      this.line(buffer.slice(start, end));
      start = end + 1;
    }
    this.buffer = start === 0 ? buffer : buffer.slice(start);
  }

  private pushWithCarriageReturns(buffer: string): void {
    let start = 0;
    for (let index = 0; index < buffer.length; index++) {
      const char = buffer.charCodeAt(index);
      if (char !== 10 && char !== 13) continue;
      this.line(buffer.slice(start, index));
      if (char === 13) {
        if (index + 1 === buffer.length) this.pendingCarriageReturn = true;
        else if (buffer.charCodeAt(index + 1) === 10) index++;
      }
      start = index + 1;
    }
    this.buffer = buffer.slice(start);
  }

  /** The stream ended: a last event without its blank line is discarded, as the spec says. */
  end(): void {
    this.buffer = '';
    this.reset();
  }

  private line(line: string): void {
    if (line === '') {
      // An event without data lines is not dispatched (spec: "if the data buffer is empty, return").
      if (this.data.length > 0) this.onEvent({ event: this.event, data: this.data.join('\n'), id: this.id });
      this.reset();
      return;
    }
    if (line.charCodeAt(0) === 58) return; // ':' comment (keep-alives such as ": OPENROUTER PROCESSING")
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id') this.id = value;
  }

  private reset(): void {
    this.event = undefined;
    this.data = [];
    this.id = undefined;
  }
}

/** An SSE parser fed with bytes: UTF-8 characters split across chunks are decoded correctly. */
export class SseByteParser {
  private readonly decoder = new TextDecoder();
  private readonly parser: SseParser;

  constructor(onEvent: (event: SseEvent) => void) {
    this.parser = new SseParser(onEvent);
  }

  write(chunk: Uint8Array): void {
    this.parser.push(this.decoder.decode(chunk, { stream: true }));
  }

  end(): void {
    this.parser.push(this.decoder.decode());
    this.parser.end();
  }
}

/** One SSE frame. Multi-line data becomes several `data:` lines. */
export function formatSse(data: string, event?: string): string {
  const head = event === undefined ? '' : `event: ${event}\n`;
  // JSON.stringify output never holds a raw line break: the common case needs no split.
  if (!data.includes('\n') && !data.includes('\r')) return `${head}data: ${data}\n\n`;
  const lines = data.split(/\r\n|\r|\n/).map((line) => `data: ${line}\n`);
  return `${head}${lines.join('')}\n`;
}
