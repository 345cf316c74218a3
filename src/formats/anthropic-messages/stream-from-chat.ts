import { ToolCallSequencer } from '../openai-chat/tool-call-sequencer.js';
import { calledToolName } from '../openai-chat/tool-names.js';
import { mergeChatUsage } from '../openai-chat/usage.js';
import type { ChatChunk, ChatUsage } from '../openai-chat/wire.js';
import type { SseEvent } from '../sse.js';
import { errorMessageOf, parseJson } from '../stream-tap.js';
import type { ResponseContext, StreamTranslator } from '../translation.js';
import { isRecord } from '../usage.js';
import { ContentBlockWriter } from './content-block-writer.js';
import { messageIdFromChat, toolUseId } from './ids.js';
import { mapStopReason } from './map-stop-reason.js';
import { formatMessagesEvent } from './stream-events.js';
import { messagesUsageFromChat } from './usage-from-chat.js';

type ChatDelta = NonNullable<ChatChunk['choices']>[number]['delta'];

/**
 * Chat Completions SSE → Messages SSE (TRANSLATION.md, "Streams", Chat upstream → Messages client):
 * one `message_start` with zeroed usage; reasoning, text and tool calls as content blocks, one open
 * at a time; at `finish_reason` the open block is closed and `message_delta` is held until the usage
 * arrives (a `choices: []` or `choices: null` chunk, or the finish chunk itself) or the stream ends,
 * then `message_delta` with the stop reason and the full usage, and `message_stop`.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 */
export class MessagesStreamFromChat implements StreamTranslator {
  private readonly blocks = new ContentBlockWriter();
  private readonly toolCalls: ToolCallSequencer;
  private readonly usedIds = new Set<string>();
  private started = false;
  /** Set once the upstream sent a finish_reason: later deltas are ignored, usage is awaited. */
  private finishReason: string | undefined;
  /** Merged by the tap's merger, so that the client is told what ekai records. */
  private usage: ChatUsage | undefined;
  private ended = false;

  constructor(private readonly context: ResponseContext) {
    this.toolCalls = new ToolCallSequencer({
      open: (id, name) =>
        this.blocks.startToolUse(toolUseId(id, this.usedIds), calledToolName(name, context.toolNames)),
      append: (text) => this.blocks.toolInput(text),
      close: () => this.blocks.close(),
    });
  }

  push(event: SseEvent): string {
    if (this.ended) return '';
    if (event.data.trim() === '[DONE]') return this.finish();
    const chunk = parseJson(event.data);
    // A frame that is not a JSON object is skipped, never a crash (bug 10).
    if (!isRecord(chunk)) return '';
    if (chunk.error !== undefined && chunk.error !== null) return this.endWithError(errorMessageOf(chunk));
    return this.onChunk(chunk as unknown as ChatChunk);
  }

  finish(): string {
    if (this.ended) return '';
    return this.start(undefined) + this.closeBlocks() + this.end();
  }

  private onChunk(chunk: ChatChunk): string {
    let out = this.start(chunk.id);
    // Messages has one answer: the first choice (index 0 or none given); `choices` may be [] or null.
    const choice = Array.isArray(chunk.choices)
      ? chunk.choices.find((candidate) => isRecord(candidate) && !candidate.index)
      : undefined;
    if (choice && this.finishReason === undefined) {
      out += this.onDelta(choice.delta) + this.onFinishReason(choice.finish_reason);
    }
    if (isRecord(chunk.usage)) out += this.onUsage(chunk.usage);
    return out;
  }

  /** Exactly one message_start (bug 4), with zeroed usage: the real counts come in message_delta. */
  private start(chatId: unknown): string {
    if (this.started) return '';
    this.started = true;
    return formatMessagesEvent({
      type: 'message_start',
      message: {
        id: messageIdFromChat(chatId),
        type: 'message',
        role: 'assistant',
        model: this.context.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: messagesUsageFromChat(undefined),
      },
    });
  }

  private onDelta(delta: ChatDelta | undefined): string {
    if (!isRecord(delta)) return '';
    // xAI and DeepSeek stream reasoning as reasoning_content, OpenRouter as reasoning.
    const reasoning = delta.reasoning_content || delta.reasoning;
    let out = this.onReasoning(reasoning) + this.onText(delta.content) + this.onText(delta.refusal);
    for (const fragment of Array.isArray(delta.tool_calls) ? delta.tool_calls : []) {
      if (isRecord(fragment)) out += this.toolCalls.push(fragment);
    }
    return out;
  }

  private onReasoning(text: unknown): string {
    if (!this.isContent(text, 'thinking')) return '';
    return this.toolCalls.flush() + this.blocks.thinking(text);
  }

  private onText(text: unknown): string {
    if (!this.isContent(text, 'text')) return '';
    return this.toolCalls.flush() + this.blocks.text(text);
  }

  /** Empty deltas never open a block, and blank ones only continue one (no whitespace-only blocks, bug 9). */
  private isContent(text: unknown, kind: 'text' | 'thinking'): text is string {
    if (typeof text !== 'string' || text === '') return false;
    return this.blocks.openKind === kind || text.trim() !== '';
  }

  private onFinishReason(reason: unknown): string {
    if (typeof reason !== 'string' || reason === '') return '';
    this.finishReason = reason;
    return this.closeBlocks();
  }

  private onUsage(usage: ChatUsage): string {
    this.usage = mergeChatUsage(this.usage, usage);
    return this.finishReason === undefined ? '' : this.end();
  }

  private closeBlocks(): string {
    return this.toolCalls.flush() + this.blocks.close();
  }

  private end(): string {
    this.ended = true;
    const stopReason = mapStopReason(this.finishReason, this.toolCalls.calledTools);
    return (
      formatMessagesEvent({
        type: 'message_delta',
        delta: { stop_reason: stopReason, stop_sequence: null },
        usage: messagesUsageFromChat(this.usage),
      }) + formatMessagesEvent({ type: 'message_stop' })
    );
  }

  /** An upstream error mid-stream: an `event: error` frame, and nothing after it. */
  private endWithError(message: string): string {
    this.ended = true;
    return formatMessagesEvent({ type: 'error', error: { type: 'api_error', message } });
  }
}
