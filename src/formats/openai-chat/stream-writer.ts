import { PartWriter } from '../part-writer.js';
import { formatSse } from '../sse.js';
import type { StreamPart } from '../stream-parts.js';
import type { ResponseContext } from '../translation.js';
import { CHAT_DONE, ChatChunkWriter } from './chunk-writer.js';
import { chatErrorBody } from './errors.js';
import { chatFinishReason } from './map-finish-reason.js';
import { chatCompletionId } from './response-from-messages.js';
import { clientToolName } from './tool-names.js';
import { chatUsageOf } from './usage.js';

/**
 * Writes a Chat Completions stream from parts (TRANSLATION.md, "Streams", → Chat client): a role
 * chunk at the start, text and reasoning as `content` and `reasoning_content` deltas, each tool call
 * as tool call k (counted from 0 in order of appearance, not by the upstream's indexes: bug 3), a
 * finish chunk at the finish, then at the end the usage chunk (if the client asked) and `[DONE]`.
 * An upstream error is an error chunk and `[DONE]`, and nothing after it.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 */
export class ChatStreamWriter extends PartWriter {
  private readonly chunks: ChatChunkWriter;
  /** Part index of each open tool call → its Chat tool call number. */
  private readonly calls = new Map<number, number>();
  private toolCalls = 0;
  private started = false;
  private finished = false;
  private done = false;

  constructor(private readonly context: ResponseContext) {
    super();
    this.chunks = new ChatChunkWriter(context.model, context.includeUsage === true);
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
    this.calls.set(index, call);
    // A call without a name keeps none: the client reports it unknown.
    const name =
      typeof upstreamName === 'string' ? clientToolName(upstreamName, this.context.toolNames) : upstreamName;
    const start = { index: call, id: upstreamId as string, type: 'function' as const };
    const fn = { name: name as string, arguments: '' };
    return `${this.begin()}${this.chunks.delta({ tool_calls: [{ ...start, function: fn }] })}`;
  }

  protected onCallInput(index: number, json: string): string {
    const call = this.calls.get(index);
    if (call === undefined || json === '') return '';
    return this.chunks.delta({ tool_calls: [{ index: call, function: { arguments: json } }] });
  }

  protected onCallEnd(index: number): string {
    this.calls.delete(index);
    return '';
  }

  protected onFinish(): string {
    if (this.finished) return '';
    this.finished = true;
    return `${this.begin()}${this.chunks.delta({}, chatFinishReason(this.reason))}`;
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

  /** The role chunk, once: clients (and the openai SDK's accumulator) take the role from it. */
  private begin(): string {
    if (this.started) return '';
    this.started = true;
    return this.chunks.delta({ role: 'assistant', content: '' });
  }
}
