import { calledToolName } from '../openai-chat/tool-names.js';
import type { FinishReason, StreamPart, StreamWriter } from '../stream-parts.js';
import type { ResponseContext } from '../translation.js';
import type { TokenUsage } from '../usage.js';
import { ContentBlockWriter } from './content-block-writer.js';
import { messagesErrorBody } from './errors.js';
import { messageIdFromChat, toolUseId } from './ids.js';
import { stopReasonOf } from './map-stop-reason.js';
import { formatMessagesEvent } from './stream-events.js';
import { messagesUsageOf } from './usage.js';

/**
 * Writes a Messages stream from parts (TRANSLATION.md, "Streams", → Messages client): one
 * `message_start` with zeroed usage; reasoning, text and tool calls as content blocks, one open at a
 * time, a blank text opening none (bug 9); at the finish the open block closes; at the end
 * `message_delta` with the stop reason and the full usage, then `message_stop`. An upstream error is
 * an `event: error` frame, and nothing after it.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export class MessagesStreamWriter implements StreamWriter {
  private readonly blocks = new ContentBlockWriter();
  private readonly usedIds = new Set<string>();
  private started = false;
  private ended = false;
  private calledTools = false;
  /** The part index of the open tool_use block: input of any other call has nowhere to go. */
  private openCall: number | undefined;
  private reason: FinishReason | undefined;
  private rawReason: string | undefined;
  private usage: TokenUsage | undefined;

  constructor(private readonly context: ResponseContext) {}

  write(part: StreamPart): string {
    if (this.ended) return '';
    switch (part.type) {
      case 'start':
        return this.start(part.id);
      case 'text':
        return this.content('text', part.text);
      case 'reasoning':
        return this.content('thinking', part.text);
      case 'tool-call-start':
        this.calledTools = true;
        this.openCall = part.index;
        return this.blocks.startToolUse(
          toolUseId(part.id, this.usedIds),
          calledToolName(part.name, this.context.toolNames),
        );
      case 'tool-input':
        return part.index === this.openCall ? this.blocks.toolInput(part.json) : '';
      case 'tool-call-end':
        return this.closeBlock();
      case 'finish':
        this.reason = part.reason;
        this.rawReason = part.raw;
        return this.closeBlock();
      case 'usage':
        this.usage = part.usage;
        return '';
      case 'end':
        return this.end();
      case 'error':
        this.ended = true;
        return formatMessagesEvent({ type: 'error', error: messagesErrorBody(part).error });
      default:
        return ''; // opaque reasoning of another format
    }
  }

  /** Exactly one message_start (bug 4), with zeroed usage: the real counts come in message_delta. */
  private start(upstreamId: unknown): string {
    if (this.started) return '';
    this.started = true;
    return formatMessagesEvent({
      type: 'message_start',
      message: {
        id: messageIdFromChat(upstreamId),
        type: 'message',
        role: 'assistant',
        model: this.context.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: messagesUsageOf(undefined),
      },
    });
  }

  /** Empty text never opens a block, and blank text only continues one (no whitespace-only blocks, bug 9). */
  private content(kind: 'text' | 'thinking', text: string): string {
    if (text === '' || (this.blocks.openKind !== kind && text.trim() === '')) return '';
    this.openCall = undefined;
    return kind === 'text' ? this.blocks.text(text) : this.blocks.thinking(text);
  }

  private closeBlock(): string {
    this.openCall = undefined;
    return this.blocks.close();
  }

  private end(): string {
    const out = this.start(undefined) + this.closeBlock();
    this.ended = true;
    return (
      out +
      formatMessagesEvent({
        type: 'message_delta',
        delta: {
          stop_reason: stopReasonOf(this.reason, this.rawReason, this.calledTools),
          stop_sequence: null,
        },
        usage: messagesUsageOf(this.usage),
      }) +
      formatMessagesEvent({ type: 'message_stop' })
    );
  }
}
