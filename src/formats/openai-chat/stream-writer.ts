import { customToolInput } from '../openai-responses/output-items.js';
import { PartWriter } from '../part-writer.js';
import { formatSse } from '../sse.js';
import type { StreamPart } from '../stream-parts.js';
import type { ResponseContext } from '../translation.js';
import { CHAT_DONE, ChatChunkWriter, type ChatDelta } from './chunk-writer.js';
import { chatErrorBody } from './errors.js';
import { chatFinishReason } from './map-finish-reason.js';
import { type ChatAnnotation, chatAnnotation, chatCompletionId } from './response-from-messages.js';
import { clientToolName } from './tool-names.js';
import { chatUsageOf } from './usage.js';

/** A tool call being written: its Chat number, and for a custom tool the arguments JSON so far. */
interface OpenCall {
  call: number;
  customJson?: string;
}

/**
 * Writes a Chat Completions stream from parts (TRANSLATION.md, "Streams", → Chat client): a role
 * chunk at the start, text and reasoning as `content` and `reasoning_content` deltas, each tool call
 * as tool call k (counted from 0 in order of appearance, not by the upstream's indexes: bug 3), a
 * finish chunk at the finish, then at the end the usage chunk (if the client asked) and `[DONE]`.
 * An upstream error is an error chunk and `[DONE]`, and nothing after it.
 *
 * A call of a tool the client declared custom (it went upstream taking `{"input": string}`) is
 * written as a custom tool call: `type: "custom"` and `custom: {name, input: ""}` when it opens, then
 * `custom: {input}` with the whole string when it closes (the string is known only once the
 * arguments JSON is complete, as in the Responses writer). OpenAI documents no streamed form of
 * custom calls in Chat; this one follows the whole call's shape (`message.tool_calls[].custom`) and
 * what OpenAI is reported to send. The `openai` SDK passes such chunks through `create({stream:
 * true})`; its `stream()` helper accumulates only function calls.
 *
 * Citations of pages (a provider's web search) are collected and sent together as
 * `delta.annotations` in one chunk before the finish chunk: OpenAI documents them on the message
 * only, and the openai SDK's `stream()` helper assigns a delta's `annotations` to the message rather
 * than appending, so one chunk with all of them is what accumulates whole. The searches themselves
 * have no place in Chat and are skipped.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 * @see https://github.com/openai/openai-openapi/issues/576
 */
export class ChatStreamWriter extends PartWriter {
  private readonly chunks: ChatChunkWriter;
  /** Part index of each open tool call → its Chat tool call. */
  private readonly calls = new Map<number, OpenCall>();
  private readonly customTools: ReadonlySet<string>;
  private toolCalls = 0;
  private readonly annotations: ChatAnnotation[] = [];
  private started = false;
  private finished = false;
  private done = false;

  constructor(private readonly context: ResponseContext) {
    super();
    this.chunks = new ChatChunkWriter(context.model, context.includeUsage === true);
    this.customTools = new Set(context.customTools);
  }

  override write(part: StreamPart): string {
    if (part.type === 'citation' && !this.done && !this.finished) this.annotations.push(chatAnnotation(part));
    return super.write(part);
  }

  protected get ended(): boolean {
    return this.done;
  }

  protected onStart(upstreamId: unknown): string {
    if (this.started) return '';
    if (typeof upstreamId === 'string') this.chunks.id = chatCompletionId(upstreamId);
    return this.begin();
  }

  protected onText(text: string): string {
    return `${this.begin()}${this.chunks.delta({ content: text })}`;
  }

  protected onReasoning(text: string): string {
    return `${this.begin()}${this.chunks.delta({ reasoning_content: text })}`;
  }

  protected onCallStart(index: number, upstreamId: unknown, upstreamName: unknown): string {
    const call = this.toolCalls++;
    // A call without a name keeps none: the client reports it unknown.
    const name =
      typeof upstreamName === 'string' ? clientToolName(upstreamName, this.context.toolNames) : upstreamName;
    const custom = typeof name === 'string' && this.customTools.has(name);
    this.calls.set(index, custom ? { call, customJson: '' } : { call });
    const start = { index: call, id: upstreamId as string };
    const opened = custom
      ? { ...start, type: 'custom' as const, custom: { name: name as string, input: '' } }
      : { ...start, type: 'function' as const, function: { name: name as string, arguments: '' } };
    return `${this.begin()}${this.chunks.delta({ tool_calls: [opened] })}`;
  }

  protected onCallInput(index: number, json: string): string {
    const open = this.calls.get(index);
    if (open === undefined || json === '') return '';
    if (open.customJson !== undefined) {
      open.customJson += json;
      return '';
    }
    return this.chunks.delta({ tool_calls: [{ index: open.call, function: { arguments: json } }] });
  }

  protected onCallEnd(index: number): string {
    const open = this.calls.get(index);
    this.calls.delete(index);
    return open === undefined ? '' : this.customInput(open);
  }

  /** Calls still open end with the finish: a custom call's input is sent before it. */
  protected onFinish(): string {
    if (this.finished) return '';
    this.finished = true;
    const inputs = [...this.calls.values()].map((open) => this.customInput(open)).join('');
    this.calls.clear();
    // ChatDelta (wire.ts) does not declare `annotations`: the documented field is added here.
    const cited =
      this.annotations.length > 0
        ? this.chunks.delta({ annotations: this.annotations } as ChatDelta & {
            annotations: ChatAnnotation[];
          })
        : '';
    return `${this.begin()}${inputs}${cited}${this.chunks.delta({}, chatFinishReason(this.reason))}`;
  }

  /** Finish chunk (if the finish did not send it), usage chunk if asked for, then [DONE]. */
  protected onEnd(): string {
    this.done = true;
    const usage = this.context.includeUsage ? this.chunks.usage(chatUsageOf(this.usage)) : '';
    return `${this.onFinish()}${usage}${CHAT_DONE}`;
  }

  protected onError(error: Extract<StreamPart, { type: 'error' }>): string {
    this.done = true; // the client's stream ends here: nothing may follow [DONE]
    return `${formatSse(JSON.stringify(chatErrorBody(error)))}${CHAT_DONE}`;
  }

  /** A custom call's whole input (the `input` string inside its arguments JSON), once it is complete. */
  private customInput(open: OpenCall): string {
    if (open.customJson === undefined) return '';
    const input = customToolInput(open.customJson);
    return input === '' ? '' : this.chunks.delta({ tool_calls: [{ index: open.call, custom: { input } }] });
  }

  /** The role chunk, once: clients (and the openai SDK's accumulator) take the role from it. */
  private begin(): string {
    if (this.started) return '';
    this.started = true;
    return this.chunks.delta({ role: 'assistant', content: '' });
  }
}
