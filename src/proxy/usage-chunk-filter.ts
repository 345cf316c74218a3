import { isUsageOnlyChunk } from '../formats/openai-chat/index.js';

const FRAME_END = /\r\n\r\n|\n\n|\r\r/g;

/**
 * Removes the usage-only chunk that ekai itself asked a Chat upstream for (with
 * `stream_options.include_usage`) when the client did not ask for it. Works frame by frame: a
 * frame is written once complete, every other byte unchanged.
 */
export class UsageChunkFilter {
  private readonly decoder = new TextDecoder();
  private pending = '';

  push(chunk: Uint8Array): string {
    this.pending += this.decoder.decode(chunk, { stream: true });
    let out = '';
    let start = 0;
    FRAME_END.lastIndex = 0;
    for (let match = FRAME_END.exec(this.pending); match; match = FRAME_END.exec(this.pending)) {
      const end = match.index + match[0].length;
      const frame = this.pending.slice(start, end);
      if (!isUsageOnlyChunk(frame)) out += frame;
      start = end;
    }
    this.pending = this.pending.slice(start);
    return out;
  }

  /** Whatever is left at the end of the stream (an unterminated last frame) goes out as is. */
  end(): string {
    const rest = this.pending + this.decoder.decode();
    this.pending = '';
    return rest;
  }
}
