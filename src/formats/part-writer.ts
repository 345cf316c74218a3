import type { ErrorDetails } from './errors.js';
import { calledToolName } from './openai-chat/tool-names.js';
import type { FinishReason, StreamPart, StreamWriter } from './stream-parts.js';
import type { ToolNameMap } from './translation.js';
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

/** Writes the blocks (Messages) or items (Responses) of a stream whose format has one open at a time. */
export interface BlockSink {
  /** The kind of the open block, in the format's own names. */
  readonly openKind: string | undefined;
  text(text: string): string;
  reasoning(text: string): string;
  startCall(callId: string, name: string): string;
  callInput(json: string): string;
  /** Closes the open block; `status` where the format records how an item ended. */
  close(status?: 'completed' | 'incomplete'): string;
}

/** What a block writer is told about its format. */
export interface BlockFormat {
  /** The format's names for a text and a reasoning block (as `openKind` reports them). */
  kinds: { text: string; reasoning: string };
  /** The client's id for a tool call, from the upstream's (unique within the answer). */
  callId(upstreamId: unknown, used: Set<string>): string;
}

/**
 * A writer whose format has one block (Messages) or item (Responses) open at a time: text and
 * reasoning continue the open block of their kind or close it and open one (blank text opens none),
 * and a tool call's input goes to its block only while that block is the open one.
 */
export abstract class BlockPartWriter extends PartWriter {
  /** The part index of the call whose block is open: input of any other call has nowhere to go. */
  protected openCall: number | undefined;
  protected calledTools = false;
  private readonly usedIds = new Set<string>();

  constructor(
    protected readonly blocks: BlockSink,
    private readonly format: BlockFormat,
    private readonly toolNames: ToolNameMap,
  ) {
    super();
  }

  protected onText(text: string): string {
    return this.content('text', text);
  }

  protected onReasoning(text: string): string {
    return this.content('reasoning', text);
  }

  protected onCallStart(index: number, upstreamId: unknown, upstreamName: unknown): string {
    this.openCall = index;
    this.calledTools = true;
    const name = calledToolName(upstreamName, this.toolNames);
    return this.blocks.startCall(this.format.callId(upstreamId, this.usedIds), name);
  }

  protected onCallInput(index: number, json: string): string {
    return index === this.openCall ? this.blocks.callInput(json) : '';
  }

  protected onCallEnd(index: number): string {
    if (index !== this.openCall) return '';
    this.openCall = undefined;
    return this.blocks.close();
  }

  private content(kind: 'text' | 'reasoning', text: string): string {
    if (!isBlockText(text, this.format.kinds[kind], this.blocks.openKind)) return '';
    this.openCall = undefined; // the text closes any open call block
    return kind === 'text' ? this.blocks.text(text) : this.blocks.reasoning(text);
  }
}

/**
 * Whether text opens or continues a block (item) of `kind`: empty text never does, and blank text
 * only continues one already open (no whitespace-only blocks, TRANSLATION.md bug 9).
 */
export function isBlockText(text: string, kind: string, openKind: string | undefined): boolean {
  return text !== '' && (openKind === kind || text.trim() !== '');
}
