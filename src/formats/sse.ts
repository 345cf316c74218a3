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

/**
 * A line, or the data of one event, longer than the parser's limit: an upstream that never ends a
 * line would otherwise grow memory without bound.
 */
export class SseLimitError extends Error {
  override readonly name = 'SseLimitError';
  constructor(readonly limit: number) {
    super(`the stream holds an SSE line or event longer than ${limit} bytes`);
  }
}

export interface SseParserOptions {
  /** Longest line, and longest data of one event, in characters (about bytes); beyond it `push` throws SseLimitError. */
  maxLineLength?: number;
}

/**
 * Linear in its input however the text is split: only the new text is searched for line ends, and
 * the start of an unfinished line is kept as a list of pieces, joined once when its end arrives
 * (re-scanning or re-concatenating the whole unfinished line on every push was quadratic).
 */
export class SseParser {
  private pending: string[] = [];
  private pendingLength = 0;
  private event: string | undefined;
  private data: string[] = [];
  private dataLength = 0;
  private id: string | undefined;
  /** A \r ended the last chunk: a \n starting the next one belongs to the same line break. */
  private pendingCarriageReturn = false;
  private readonly maxLineLength: number;

  constructor(
    private readonly onEvent: (event: SseEvent) => void,
    options: SseParserOptions = {},
  ) {
    this.maxLineLength = options.maxLineLength ?? Number.POSITIVE_INFINITY;
  }

  push(text: string): void {
    let start = 0;
    if (this.pendingCarriageReturn && text.charCodeAt(0) === 10) start = 1;
    this.pendingCarriageReturn = false;
    // Nearly every stream uses \n alone: a \r is looked for only when this text holds one.
    let cr = text.indexOf('\r', start);
    let lf = text.indexOf('\n', start);
    while (cr !== -1 || lf !== -1) {
      const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
      this.line(this.completed(text.slice(start, end)));
      start = end + 1;
      if (end === cr) {
        if (start === text.length) this.pendingCarriageReturn = true;
        else if (text.charCodeAt(start) === 10) start++;
      }
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
    }
    if (start < text.length) this.keep(start === 0 ? text : text.slice(start));
  }

  /** The stream ended: a last event without its blank line is discarded, as the spec says. */
  end(): void {
    this.pending = [];
    this.pendingLength = 0;
    this.reset();
  }

  /** A line whose end just arrived: with the start it had in earlier pushes, if any. */
  private completed(tail: string): string {
    if (this.pendingLength === 0) return tail;
    this.pending.push(tail);
    const line = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    return line;
  }

  private keep(piece: string): void {
    this.pending.push(piece);
    this.pendingLength += piece.length;
    if (this.pendingLength > this.maxLineLength) throw new SseLimitError(this.maxLineLength);
  }

  private line(line: string): void {
    if (line === '') {
      // An event without data lines is not dispatched (spec: "if the data buffer is empty, return").
      if (this.data.length > 0) this.onEvent({ event: this.event, data: this.data.join('\n'), id: this.id });
      this.reset();
      return;
    }
    if (line.length > this.maxLineLength) throw new SseLimitError(this.maxLineLength);
    if (line.charCodeAt(0) === 58) return; // ':' comment (keep-alives such as ": OPENROUTER PROCESSING")
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') {
      this.data.push(value);
      this.dataLength += value.length;
      if (this.dataLength > this.maxLineLength) throw new SseLimitError(this.maxLineLength);
    } else if (field === 'event') this.event = value;
    else if (field === 'id') this.id = value;
  }

  private reset(): void {
    this.event = undefined;
    this.data = [];
    this.dataLength = 0;
    this.id = undefined;
  }
}

/** An SSE parser fed with bytes: UTF-8 characters split across chunks are decoded correctly. */
export class SseByteParser {
  private readonly decoder = new TextDecoder();
  private readonly parser: SseParser;

  constructor(onEvent: (event: SseEvent) => void, options: SseParserOptions = {}) {
    this.parser = new SseParser(onEvent, options);
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
