import { isBlockText } from '../part-writer.js';
import type { SseEvent } from '../sse.js';
import type { PartSink, StreamPart } from '../stream-parts.js';
import { errorMessageOf, parseJson, type StreamTap } from '../stream-tap.js';
import { isRecord, type TokenUsage } from '../usage.js';
import { finishReasonFromChat } from './map-finish-reason.js';
import { deltaReasoningText } from './reasoning-text.js';
import { ToolCallSequencer } from './tool-call-sequencer.js';
import { chatUrlCitationsOf } from './url-citations.js';
import { chatUsageToTokens, mergeChatUsage } from './usage.js';
import type { ChatChunk, ChatUsage } from './wire.js';

type ChatDelta = NonNullable<ChatChunk['choices']>[number]['delta'];
type OpenKind = 'text' | 'reasoning' | 'tool' | undefined;
type FinishPart = Extract<StreamPart, { type: 'finish' }>;

// Without a sink only frames that may carry usage or an error are parsed: most chunks are small deltas.
const MAY_CARRY_USAGE = /"usage"\s*:\s*\{/;
const MAY_CARRY_ERROR = /"error"\s*:/;

/**
 * Reads a Chat Completions stream (TRANSLATION.md, "Streams"). Always the stream's tap: usage
 * (merged by `mergeChatUsage`: it comes in a chunk of its own after the finish chunk with
 * `stream_options.include_usage`, on the finish chunk with some providers, on many chunks with a
 * few), an error chunk, the `[DONE]` end. Given a sink it also reads the answer into parts: the first
 * choice's reasoning (`reasoning_content`, OpenRouter's `reasoning` or `reasoning_details`), content and refusal as text,
 * tool-call fragments sequenced into one call at a time (`ToolCallSequencer`), the finish reason;
 * the answer is complete at the first usage after the finish reason, or at `[DONE]`. `url_citation`
 * annotations (`delta.annotations`, OpenRouter's web search) are citations of the text so far; they
 * may come in an annotation-only chunk after the finish reason, so the `finish` part waits for the
 * usage or the end, and the client's text block is still open for them. Frames that
 * are not JSON objects are skipped (bug 10). Each frame is parsed once, for both.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 */
export class ChatStreamReader implements StreamTap {
  error: string | undefined;
  complete = false;
  private rawUsage: ChatUsage | undefined;
  private readonly calls: ToolCallSequencer;
  private callCount = 0;
  private started = false;
  /** Set once the upstream sent a finish_reason: later deltas are ignored, usage is awaited. */
  private finishReason: string | undefined;
  /** The answer is complete or failed: no more parts. */
  private ended = false;
  /** What the writers have open, as the parts sent so far tell: blank text only continues it. */
  private open: OpenKind;
  /** The answer's whole text so far (content and refusal as sent): what citation offsets count in. */
  private answerText = '';
  /** Citations already sent (`url start end`): a provider may repeat an annotation in a later chunk. */
  private readonly cited = new Set<string>();
  /** The finish, held until the usage or the end so that late annotations still precede it. */
  private pendingFinish: FinishPart | undefined;

  constructor(private readonly sink?: PartSink) {
    this.calls = new ToolCallSequencer({
      open: (id, name) => {
        this.open = 'tool';
        this.emit({ type: 'tool-call-start', index: this.callCount, id, name });
      },
      append: (json) => this.emit({ type: 'tool-input', index: this.callCount, json }),
      close: () => {
        this.open = undefined;
        this.emit({ type: 'tool-call-end', index: this.callCount++ });
      },
      closeQuietly: () => {
        this.callCount++;
      },
    });
  }

  get usage(): TokenUsage | undefined {
    return chatUsageToTokens(this.rawUsage);
  }

  onEvent(event: SseEvent): void {
    const data = event.data;
    if (data.trim() === '[DONE]') {
      this.complete = true;
      this.finish();
      return;
    }
    if (!this.sink && !MAY_CARRY_USAGE.test(data) && !MAY_CARRY_ERROR.test(data)) return;
    const chunk = parseJson(data);
    if (!isRecord(chunk)) return;
    if (chunk.error !== undefined && chunk.error !== null) {
      this.error = errorMessageOf(chunk);
      this.fail(chunk.error);
    } else if (this.sink && !this.ended) this.onChunk(chunk as unknown as ChatChunk);
    if (isRecord(chunk.usage)) this.onUsage(chunk.usage);
  }

  /** The upstream ended: whatever is waiting opens, and the answer completes (once). */
  finish(): void {
    if (this.ended || !this.sink) return;
    if (this.finishReason === undefined) this.calls.settle();
    this.end();
  }

  private emit(part: StreamPart): void {
    this.sink?.(part);
  }

  private onChunk(chunk: ChatChunk): void {
    if (!this.started) {
      this.started = true;
      this.emit({ type: 'start', id: chunk.id });
    }
    // One answer: the first choice (index 0 or none given); `choices` may be [] or null.
    const choice = Array.isArray(chunk.choices)
      ? chunk.choices.find((candidate) => isRecord(candidate) && !candidate.index)
      : undefined;
    if (choice && this.finishReason === undefined) {
      this.onDelta(choice.delta);
      this.onFinishReason(choice.finish_reason);
    } else if (choice && this.pendingFinish) this.onAnnotations(annotationsOf(choice.delta));
  }

  private onDelta(delta: ChatDelta | undefined): void {
    if (!isRecord(delta)) return;
    // xAI and DeepSeek stream reasoning as reasoning_content, OpenRouter as reasoning (and reasoning_details).
    this.onContent('reasoning', deltaReasoningText(delta));
    // A refusal is what the model said instead of an answer: the client shows it as text.
    this.onContent('text', delta.content);
    this.onContent('text', delta.refusal);
    for (const fragment of Array.isArray(delta.tool_calls) ? delta.tool_calls : []) {
      if (isRecord(fragment)) this.calls.push(fragment);
    }
    this.onAnnotations(annotationsOf(delta));
  }

  /** Annotations cite the text sent so far; the writer attaches them to its open text block. */
  private onAnnotations(annotations: unknown): void {
    for (const citation of chatUrlCitationsOf(annotations, this.answerText)) {
      const key = `${citation.url} ${citation.start} ${citation.end}`;
      if (this.cited.has(key)) continue;
      this.cited.add(key);
      this.emit(citation);
    }
  }

  /**
   * Empty deltas never open a block, and blank ones only continue one (no whitespace-only blocks,
   * bug 9); content after tool calls closes them first.
   */
  private onContent(kind: 'text' | 'reasoning', text: unknown): void {
    if (kind === 'text' && typeof text === 'string') this.answerText += text;
    if (typeof text !== 'string' || !isBlockText(text, kind, this.open)) return;
    this.calls.flush();
    this.open = kind;
    this.emit({ type: kind, text });
  }

  private onFinishReason(reason: unknown): void {
    if (typeof reason !== 'string' || reason === '') return;
    this.finishReason = reason;
    // Waiting calls open; the open one closes with the finish, which tells writers how it ended.
    this.calls.settle();
    // Late annotations cite text: only an answer ending in text waits for them (a cut stream then
    // ends without the finish, the text block open, as any stream cut mid-text does).
    const endsInText = this.open === 'text';
    this.open = undefined;
    this.pendingFinish = { type: 'finish', reason: finishReasonFromChat(reason), raw: reason };
    if (!endsInText) this.emitFinish();
  }

  private emitFinish(): void {
    if (this.pendingFinish) this.emit(this.pendingFinish);
    this.pendingFinish = undefined;
  }

  private onUsage(usage: Record<string, unknown>): void {
    this.rawUsage = mergeChatUsage(this.rawUsage, usage);
    if (this.ended || !this.sink) return;
    this.emitFinish();
    this.emit({ type: 'usage', usage: chatUsageToTokens(this.rawUsage) as TokenUsage });
    if (this.finishReason !== undefined) this.end();
  }

  private end(): void {
    this.emitFinish();
    this.ended = true;
    this.emit({ type: 'end' });
  }

  private fail(error: unknown): void {
    if (this.ended) return;
    this.emitFinish();
    this.ended = true;
    const fields = isRecord(error) ? error : {};
    const rateLimited = fields.type === 'rate_limit_error' || fields.type === 'rate_limit_exceeded';
    this.emit({
      type: 'error',
      kind: rateLimited ? 'rate_limit' : 'api_error',
      message: this.error ?? 'upstream sent an error event',
      code: typeof fields.code === 'string' ? fields.code : undefined,
    });
  }
}

/** `delta.annotations`: OpenRouter's and OpenAI's, not in the wire types (most providers send none). */
function annotationsOf(delta: ChatDelta | undefined): unknown {
  return isRecord(delta) ? (delta as Record<string, unknown>).annotations : undefined;
}

/** The chunk ekai asked for with include_usage (no choices, only usage), to drop when the client did not. */
export function isUsageOnlyChunk(frame: string): boolean {
  return MAY_CARRY_USAGE.test(frame) && /"choices"\s*:\s*\[\s*\]/.test(frame);
}
