import type { ErrorDetails } from '../errors.js';
import { ToolCallSequencer } from '../openai-chat/tool-call-sequencer.js';
import { calledToolName } from '../openai-chat/tool-names.js';
import { mergeChatUsage } from '../openai-chat/usage.js';
import type { ChatChunk, ChatUsage } from '../openai-chat/wire.js';
import type { SseEvent } from '../sse.js';
import { parseJson } from '../stream-tap.js';
import type { ResponseContext, StreamTranslator } from '../translation.js';
import { isRecord } from '../usage.js';
import { responsesErrorFromChat, responsesErrorFromDetails } from './errors.js';
import { ResponsesEventWriter } from './event-writer.js';
import { callIdFrom } from './ids.js';
import { outcomeFromChat } from './map-status.js';
import { responsesUsageFromChat } from './usage.js';
import type { ItemStatus } from './wire.js';

type ChatDelta = NonNullable<ChatChunk['choices']>[number]['delta'];

/**
 * Chat Completions SSE → Responses SSE (TRANSLATION.md, "Responses" and "Streams"): the first chunk
 * starts the response (`response.created`, `response.in_progress`); reasoning (`reasoning_content`,
 * OpenRouter's `reasoning`) becomes a reasoning item with summary text, content a message item, each
 * tool call index a function call item (one item open at a time, in order). At `finish_reason` the
 * open item closes and `response.completed` waits for the usage (a `choices: []` or `choices: null`
 * chunk, or the finish chunk itself) or the end of the stream. An error chunk ends the stream with
 * `response.failed` and an `error` event.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
export class ResponsesStreamFromChat implements StreamTranslator {
  private readonly writer: ResponsesEventWriter;
  private readonly calls: ToolCallSequencer<ItemStatus>;
  private readonly usedIds = new Set<string>();
  /** Set once the upstream sent a finish_reason: later deltas are ignored, usage is awaited. */
  private finishReason: string | undefined;
  /** Merged by the tap's merger, so that the client is told what ekai records. */
  private usage: ChatUsage | undefined;

  constructor(context: ResponseContext) {
    this.writer = new ResponsesEventWriter(context.model, new Set(context.customTools));
    // One function call item open at a time, as OpenAI streams them.
    this.calls = new ToolCallSequencer<ItemStatus>({
      open: (id, name) =>
        this.writer.startCall(callIdFrom(id, this.usedIds), calledToolName(name, context.toolNames)),
      append: (text) => this.writer.callArguments(text),
      close: (status) => this.writer.close(status),
    });
  }

  push(event: SseEvent): string {
    if (this.writer.isEnded) return '';
    if (event.data.trim() === '[DONE]') return this.finish();
    const chunk = parseJson(event.data);
    // A frame that is not a JSON object is skipped, never a crash (bug 10).
    if (!isRecord(chunk)) return '';
    if (chunk.error !== undefined && chunk.error !== null)
      return this.writer.fail(responsesErrorFromChat(chunk));
    return this.onChunk(chunk as unknown as ChatChunk);
  }

  /** The upstream ended: whatever is open closes and the response completes (with the usage known). */
  finish(): string {
    if (this.writer.isEnded) return '';
    const outcome = outcomeFromChat(this.finishReason);
    return (
      this.calls.flush(outcome.status) + this.writer.complete(outcome, responsesUsageFromChat(this.usage))
    );
  }

  /** Ends the client's stream with an error the gateway reports (e.g. the upstream stopped early). */
  fail(error: ErrorDetails): string {
    return this.writer.fail(responsesErrorFromDetails(error));
  }

  private onChunk(chunk: ChatChunk): string {
    let out = this.writer.start(chunk.id);
    // A response has one answer: the first choice (index 0 or none given); `choices` may be [] or null.
    const choice = Array.isArray(chunk.choices)
      ? chunk.choices.find((candidate) => isRecord(candidate) && !candidate.index)
      : undefined;
    if (choice && this.finishReason === undefined) {
      out += this.onDelta(choice.delta) + this.onFinishReason(choice.finish_reason);
    }
    if (isRecord(chunk.usage)) {
      this.usage = mergeChatUsage(this.usage, chunk.usage);
      if (this.finishReason !== undefined) out += this.finish();
    }
    return out;
  }

  private onDelta(delta: ChatDelta | undefined): string {
    if (!isRecord(delta)) return '';
    // xAI and DeepSeek stream reasoning as reasoning_content, OpenRouter as reasoning.
    const reasoning = delta.reasoning_content || delta.reasoning;
    // A refusal is what the model said instead of an answer: the client shows it as text.
    let out = this.onReasoning(reasoning) + this.onText(delta.content) + this.onText(delta.refusal);
    for (const fragment of Array.isArray(delta.tool_calls) ? delta.tool_calls : []) {
      if (isRecord(fragment)) out += this.calls.push(fragment);
    }
    return out;
  }

  private onReasoning(text: unknown): string {
    if (!this.isContent(text, 'reasoning')) return '';
    return this.calls.flush() + this.writer.reasoning(text);
  }

  private onText(text: unknown): string {
    if (!this.isContent(text, 'message')) return '';
    return this.calls.flush() + this.writer.text(text);
  }

  /** Empty deltas never open an item, and blank ones only continue one (no whitespace-only messages). */
  private isContent(text: unknown, kind: 'message' | 'reasoning'): text is string {
    if (typeof text !== 'string' || text === '') return false;
    return this.writer.openKind === kind || text.trim() !== '';
  }

  private onFinishReason(reason: unknown): string {
    if (typeof reason !== 'string' || reason === '') return '';
    this.finishReason = reason;
    const outcome = outcomeFromChat(reason);
    return this.calls.flush(outcome.status);
  }
}
