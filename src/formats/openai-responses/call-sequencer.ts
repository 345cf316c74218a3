import { clientToolName } from '../openai-chat/tool-names.js';
import type { ChatToolCallDelta } from '../openai-chat/wire.js';
import { parseJson } from '../stream-tap.js';
import type { ToolNameMap } from '../translation.js';
import type { ResponsesEventWriter } from './event-writer.js';
import { callIdFrom } from './ids.js';
import type { ItemStatus } from './wire.js';

interface Call {
  id: string | undefined;
  name: string | undefined;
  /** All argument text received so far, to tell when the call's JSON is complete. */
  arguments: string;
  /** Argument fragments received before the call's item could open. */
  buffered: string[];
  state: 'waiting' | 'open' | 'closed';
}

/** A call without a name gets this, and the client reports the tool unknown. */
export const UNNAMED_TOOL = 'unknown_tool';

/**
 * Chat tool-call fragments → Responses function call items. Calls are keyed by `index`, never by
 * id (TRANSLATION.md bug 3). A call's item opens once it has a name, with every fragment received so
 * far, the first included (bug 2). One item is open at a time, as OpenAI streams them: fragments of
 * another call that arrive while the open call's arguments are still incomplete JSON are buffered,
 * and that call's item opens as soon as the open call's arguments parse, or when the stream moves
 * on or ends (`flush`).
 */
export class CallSequencer {
  private readonly calls = new Map<number, Call>();
  private readonly waiting: Call[] = [];
  private open: Call | undefined;
  private lastIndex: number | undefined;
  private readonly usedIds = new Set<string>();

  constructor(
    private readonly writer: ResponsesEventWriter,
    private readonly toolNames: ToolNameMap,
  ) {}

  push(fragment: ChatToolCallDelta): string {
    const call = this.callOf(fragment);
    // A closed call's item is done, so a late fragment has nowhere to go.
    if (call.state === 'closed') return '';
    const text = typeof fragment.function?.arguments === 'string' ? fragment.function.arguments : '';
    call.arguments += text;
    if (call === this.open) return this.writer.callArguments(text);
    if (text !== '') call.buffered.push(text);
    return this.openReadyCalls();
  }

  /**
   * Writes every waiting call and closes the open one: before other output, and at the end (where
   * the last call is `incomplete` when the response is).
   */
  flush(lastStatus: ItemStatus = 'completed'): string {
    let out = '';
    while (this.waiting.length > 0) out += this.openNext();
    return out + this.closeOpen(lastStatus);
  }

  private callOf(fragment: ChatToolCallDelta): Call {
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
    const name = call.name === undefined ? UNNAMED_TOOL : clientToolName(call.name, this.toolNames);
    let out = this.closeOpen() + this.writer.startCall(callIdFrom(call.id, this.usedIds), name);
    for (const text of call.buffered) out += this.writer.callArguments(text);
    call.buffered = [];
    call.state = 'open';
    this.open = call;
    return out;
  }

  private closeOpen(status: ItemStatus = 'completed'): string {
    if (this.open === undefined) return '';
    this.open.state = 'closed';
    this.open = undefined;
    return this.writer.close(status);
  }
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
