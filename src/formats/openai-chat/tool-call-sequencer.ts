import { parseJson } from '../stream-tap.js';
import type { ChatToolCallDelta } from './wire.js';

/** Where the sequenced calls go: a Messages `tool_use` block, a Responses function call item. */
export interface ToolCallSink<Status> {
  /** Open the call's block or item, under the upstream's id and name (the sink maps them for its client). */
  open(upstreamId: string | undefined, upstreamName: string | undefined): string;
  /** A non-empty fragment of the open call's arguments. */
  append(text: string): string;
  /** Close the open block or item. */
  close(status?: Status): string;
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
 * Chat tool-call fragments → one open block (or item) at a time in a translated stream. Calls are
 * keyed by `index`, never by id (TRANSLATION.md bug 3). A call's block opens once it has a name,
 * with every fragment received so far, the first included (bug 2). Fragments of another call that
 * arrive while the open call's arguments are still incomplete JSON are buffered, and that call's
 * block opens as soon as the open call's arguments parse, or when the stream moves on or ends
 * (`flush`).
 */
export class ToolCallSequencer<Status = never> {
  private readonly calls = new Map<number, ToolCall>();
  private readonly waiting: ToolCall[] = [];
  private open: ToolCall | undefined;
  private lastIndex: number | undefined;
  /** Whether any call was opened. */
  calledTools = false;

  constructor(private readonly sink: ToolCallSink<Status>) {}

  push(fragment: ChatToolCallDelta): string {
    const call = this.callOf(fragment);
    // A closed call's block is stopped, so a late fragment has nowhere to go. Calls close once their
    // JSON is complete and another call begins, or when text, reasoning or the end follows them.
    if (call.state === 'closed') return '';
    const text = typeof fragment.function?.arguments === 'string' ? fragment.function.arguments : '';
    call.arguments += text;
    if (call === this.open) return text === '' ? '' : this.sink.append(text);
    if (text !== '') call.buffered.push(text);
    return this.openReadyCalls();
  }

  /** Writes every waiting call and closes the open one: before other content, and at the end. */
  flush(lastStatus?: Status): string {
    let out = '';
    while (this.waiting.length > 0) out += this.openNext();
    return out + this.closeOpen(lastStatus);
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

  private openReadyCalls(): string {
    let out = '';
    while (
      this.waiting[0]?.name !== undefined &&
      (this.open === undefined || parseJson(this.open.arguments) !== undefined)
    ) {
      out += this.openNext();
    }
    return out;
  }

  private openNext(): string {
    const call = this.waiting.shift();
    if (call === undefined) return '';
    let out = this.closeOpen() + this.sink.open(call.id, call.name);
    for (const text of call.buffered) out += this.sink.append(text);
    call.buffered = [];
    call.state = 'open';
    this.open = call;
    this.calledTools = true;
    return out;
  }

  private closeOpen(status?: Status): string {
    if (this.open === undefined) return '';
    this.open.state = 'closed';
    this.open = undefined;
    return this.sink.close(status);
  }
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
