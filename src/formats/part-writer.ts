import type { ErrorDetails } from './errors.js';
import type { FinishReason, StreamPart, StreamWriter } from './stream-parts.js';
import type { TokenUsage } from './usage.js';

type ErrorPart = Extract<StreamPart, { type: 'error' }>;

/**
 * What every stream writer shares: parts dispatched to one handler each, the finish reason and the
 * usage kept for the end, nothing written once the stream ended. A writer implements the handlers
 * in its own wire format.
 */
export abstract class PartWriter implements StreamWriter {
  /** Why the model stopped (`rawReason`: the upstream's own value), once the finish arrived. */
  protected reason: FinishReason | undefined;
  protected rawReason: string | undefined;
  /** The usage so far, as the reader merged it. */
  protected usage: TokenUsage | undefined;

  protected abstract get ended(): boolean;
  protected abstract onStart(upstreamId: unknown): string;
  protected abstract onText(text: string): string;
  protected abstract onReasoning(text: string): string;
  protected abstract onCallStart(index: number, upstreamId: unknown, upstreamName: unknown): string;
  protected abstract onCallInput(index: number, json: string): string;
  protected abstract onCallEnd(index: number): string;
  protected abstract onFinish(): string;
  protected abstract onEnd(): string;
  protected abstract onError(error: ErrorPart): string;
  fail?(error: ErrorDetails): string;

  write(part: StreamPart): string {
    if (this.ended) return '';
    switch (part.type) {
      case 'start':
        return this.onStart(part.id);
      case 'text':
        return this.onText(part.text);
      case 'reasoning':
        return this.onReasoning(part.text);
      case 'tool-call-start':
        return this.onCallStart(part.index, part.id, part.name);
      case 'tool-input':
        return this.onCallInput(part.index, part.json);
      case 'tool-call-end':
        return this.onCallEnd(part.index);
      case 'finish':
        this.reason = part.reason;
        this.rawReason = part.raw;
        return this.onFinish();
      case 'usage':
        this.usage = part.usage;
        return '';
      case 'end':
        return this.onEnd();
      case 'error':
        return this.onError(part);
      default:
        return ''; // opaque reasoning: only its own format's writer could write it back
    }
  }
}

/**
 * Whether text opens or continues a block (item) of `kind`: empty text never does, and blank text
 * only continues one already open (no whitespace-only blocks, TRANSLATION.md bug 9).
 */
export function isBlockText(text: string, kind: string, openKind: string | undefined): boolean {
  return text !== '' && (openKind === kind || text.trim() !== '');
}
