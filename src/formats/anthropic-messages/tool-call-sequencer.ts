import type { ChatToolCallDelta } from '../openai-chat/wire.js';
import { parseJson } from '../stream-tap.js';
import type { ToolNameMap } from '../translation.js';
import type { ContentBlockWriter } from './content-block-writer.js';
import { toolUseId, toolUseName } from './ids.js';

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
 * Chat tool-call fragments → `tool_use` blocks. Calls are keyed by `index`, never by id (bug 3). A
 * call's block opens once it has a name, with every fragment received so far, the first included
 * (bug 2). One block is open at a time: fragments of another call that arrive while the open call's
 * arguments are still incomplete JSON are buffered, and that call's block opens as soon as the open
 * call's arguments parse, or when the stream moves on or ends (`flush`).
 */
export class ToolCallSequencer {
  private readonly calls = new Map<number, ToolCall>();
  private readonly waiting: ToolCall[] = [];
  private open: ToolCall | undefined;
  private lastIndex: number | undefined;
  private readonly usedIds = new Set<string>();
  /** Whether a tool_use block was written. */
  calledTools = false;

  constructor(
    private readonly writer: ContentBlockWriter,
    private readonly toolNames: ToolNameMap,
  ) {}

  push(fragment: ChatToolCallDelta): string {
    const call = this.callOf(fragment);
    // A closed call's block is stopped, so a late fragment has nowhere to go. Calls close once their JSON
    // is complete and another call begins, or when text, reasoning or the end follows them.
    if (call.state === 'closed') return '';
    const text = typeof fragment.function?.arguments === 'string' ? fragment.function.arguments : '';
    call.arguments += text;
    if (call === this.open) return text === '' ? '' : this.writer.toolInput(text);
    if (text !== '') call.buffered.push(text);
    return this.openReadyCalls();
  }

  /** Writes every waiting call and closes the open one: before other content, and at the end. */
  flush(): string {
    let out = '';
    while (this.waiting.length > 0) out += this.openNext();
    return out + this.closeOpen();
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
      (this.open === undefined || isCompleteJson(this.open.arguments))
    ) {
      out += this.openNext();
    }
    return out;
  }

  private openNext(): string {
    const call = this.waiting.shift();
    if (call === undefined) return '';
    let out = this.closeOpen();
    out += this.writer.startToolUse(toolUseId(call.id, this.usedIds), toolUseName(call.name, this.toolNames));
    for (const text of call.buffered) out += this.writer.toolInput(text);
    call.buffered = [];
    call.state = 'open';
    this.open = call;
    this.calledTools = true;
    return out;
  }

  private closeOpen(): string {
    if (this.open === undefined) return '';
    this.open.state = 'closed';
    this.open = undefined;
    return this.writer.close();
  }
}

function isCompleteJson(text: string): boolean {
  return parseJson(text) !== undefined;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
