import { parseJson } from '../stream-tap.js';
import type { ChatToolCallDelta } from './wire.js';

/** Where the sequenced calls go: the Chat stream reader's tool-call parts. */
export interface ToolCallSink {
  /** The call opens, under the upstream's id and name. */
  open(upstreamId: string | undefined, upstreamName: string | undefined): void;
  /** A non-empty fragment of the open call's arguments. */
  append(text: string): void;
  /** The open call closes. */
  close(): void;
  /** The open call closes with what follows (the finish), without a close of its own. */
  closeQuietly(): void;
}

interface ToolCall {
  id: string | undefined;
  name: string | undefined;
  /** All argument text received so far, to tell when the call's JSON is complete. */
  arguments: string;
  /** Argument fragments received before the call's block could open. */
  buffered: string[];
  state: 'waiting' | 'open' | 'closed';
}

/**
 * Chat tool-call fragments → one open call at a time in a translated stream. Calls are
 * keyed by `index`, never by id (TRANSLATION.md bug 3). A call's block opens once it has a name,
 * with every fragment received so far, the first included (bug 2). Fragments of another call that
 * arrive while the open call's arguments are still incomplete JSON are buffered, and that call's
 * block opens as soon as the open call's arguments parse, or when the stream moves on or ends
 * (`flush`).
 */
export class ToolCallSequencer {
  private readonly calls = new Map<number, ToolCall>();
  private readonly waiting: ToolCall[] = [];
  private open: ToolCall | undefined;
  private lastIndex: number | undefined;

  constructor(private readonly sink: ToolCallSink) {}

  push(fragment: ChatToolCallDelta): void {
    const call = this.callOf(fragment);
    // A closed call's block is stopped, so a late fragment has nowhere to go. Calls close once their
    // JSON is complete and another call begins, or when text, reasoning or the end follows them.
    if (call.state === 'closed') return;
    const text = typeof fragment.function?.arguments === 'string' ? fragment.function.arguments : '';
    call.arguments += text;
    if (call === this.open) {
      if (text !== '') this.sink.append(text);
      return;
    }
    if (text !== '') call.buffered.push(text);
    this.openReadyCalls();
  }

  /** Opens every waiting call and closes the open one: before other content. */
  flush(): void {
    while (this.waiting.length > 0) this.openNext();
    this.closeOpen();
  }

  /** Opens every waiting call; the last one ends with what follows (the finish or the end). */
  settle(): void {
    while (this.waiting.length > 0) this.openNext();
    if (this.open === undefined) return;
    this.open.state = 'closed';
    this.open = undefined;
    this.sink.closeQuietly();
  }

  private callOf(fragment: ChatToolCallDelta): ToolCall {
    const index = this.indexOf(fragment);
    this.lastIndex = index;
    let call = this.calls.get(index);
    if (call === undefined) {
      call = { id: undefined, name: undefined, arguments: '', buffered: [], state: 'waiting' };
      this.calls.set(index, call);
      this.waiting.push(call);
    }
    if (call.id === undefined && isNonEmptyString(fragment.id)) call.id = fragment.id;
    if (call.name === undefined && isNonEmptyString(fragment.function?.name))
      call.name = fragment.function.name;
    return call;
  }

  /** Without an index (some OpenAI-compatible servers), a new id starts a call, anything else continues one. */
  private indexOf(fragment: ChatToolCallDelta): number {
    if (typeof fragment.index === 'number') return fragment.index;
    if (this.lastIndex === undefined) return 0;
    const lastId = this.calls.get(this.lastIndex)?.id;
    const startsCall = isNonEmptyString(fragment.id) && lastId !== undefined && fragment.id !== lastId;
    return startsCall ? Math.max(...this.calls.keys()) + 1 : this.lastIndex;
  }

  private openReadyCalls(): void {
    while (
      this.waiting[0]?.name !== undefined &&
      (this.open === undefined || parseJson(this.open.arguments) !== undefined)
    ) {
      this.openNext();
    }
  }

  private openNext(): void {
    const call = this.waiting.shift();
    if (call === undefined) return;
    this.closeOpen();
    this.sink.open(call.id, call.name);
    for (const text of call.buffered) this.sink.append(text);
    call.buffered = [];
    call.state = 'open';
    this.open = call;
  }

  private closeOpen(): void {
    if (this.open === undefined) return;
    this.open.state = 'closed';
    this.open = undefined;
    this.sink.close();
  }
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
