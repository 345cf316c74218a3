import { SseLimitError } from '../formats/sse.js';

const TERMINATORS = ['\n\n', '\r\r', '\r\n\r\n'].map((text) => Buffer.from(text));
/** The longest terminator, less one: how far back a terminator can start before a new chunk. */
const TAIL = 3;

/**
 * Splits a spliced SSE stream into whole events: `push` returns the bytes up to and including the
 * last frame terminator seen (a blank line), and holds the rest back. The client then never gets
 * half an event, so an error frame sent after an upstream cut starts on a frame boundary (half a
 * frame glued to it made the OpenAI SDK throw a SyntaxError and the Anthropic SDK end quietly).
 *
 * Cheap on the hot path: each chunk is searched backwards from its end, once per terminator (a
 * chunk normally ends on a frame, so the search stops at once and the chunk goes out as is). The
 * held bytes are a list of chunks, joined once; more than `maxFrameBytes` of them is an error.
 */
export class SseFrameSplitter {
  private held: Buffer[] = [];
  private heldBytes = 0;
  /** The last few held bytes, where a terminator finished by the next chunk may begin. */
  private tail: number[] = [];

  constructor(private readonly maxFrameBytes = Number.POSITIVE_INFINITY) {}

  push(chunk: Buffer): Buffer {
    const end = this.frameEnd(chunk);
    if (end === -1) {
      this.hold(chunk);
      return EMPTY;
    }
    const whole = end === chunk.length ? chunk : chunk.subarray(0, end);
    const out = this.heldBytes === 0 ? whole : Buffer.concat([...this.held, whole]);
    this.held = [];
    this.heldBytes = 0;
    this.tail = [];
    if (end < chunk.length) this.hold(chunk.subarray(end));
    return out;
  }

  /** What was held back (the bytes after the last frame terminator), and forget it. */
  rest(): Buffer {
    const rest = Buffer.concat(this.held);
    this.held = [];
    this.heldBytes = 0;
    this.tail = [];
    return rest;
  }

  private hold(bytes: Buffer): void {
    this.held.push(bytes);
    this.heldBytes += bytes.length;
    this.tail =
      bytes.length >= TAIL ? [...bytes.subarray(bytes.length - TAIL)] : [...this.tail, ...bytes].slice(-TAIL);
    if (this.heldBytes > this.maxFrameBytes) throw new SseLimitError(this.maxFrameBytes);
  }

  /** Where the last terminator in `chunk` ends, counting one begun in the held bytes; -1 if none. */
  private frameEnd(chunk: Buffer): number {
    let end = -1;
    for (const terminator of TERMINATORS) {
      const at = chunk.lastIndexOf(terminator);
      if (at !== -1) end = Math.max(end, at + terminator.length);
      if (end === chunk.length) return end; // the usual case: the chunk ends on a frame
    }
    if (end !== -1 || this.heldBytes === 0) return end;
    // A terminator split across the chunk boundary ends within the first bytes of this chunk.
    const seam = [...this.tail, ...chunk.subarray(0, TAIL)];
    for (const terminator of TERMINATORS) {
      for (let at = seam.length - terminator.length; at >= 0; at--) {
        if (terminator.every((byte, index) => seam[at + index] === byte)) {
          end = Math.max(end, at + terminator.length - this.tail.length);
          break;
        }
      }
    }
    return end > 0 ? end : -1;
  }
}

const EMPTY = Buffer.alloc(0);
