import { type BlockFormat, BlockPartWriter } from '../part-writer.js';
import type { StreamPart } from '../stream-parts.js';
import type { ResponseContext } from '../translation.js';
import { ContentBlockWriter } from './content-block-writer.js';
import { messagesErrorBody } from './errors.js';
import { messageIdFromChat, toolUseId } from './ids.js';
import { stopReasonOf } from './map-stop-reason.js';
import { formatMessagesEvent } from './stream-events.js';
import { messagesUsageOf } from './usage.js';

import { serverToolUsage } from './web-search-blocks.js';

const MESSAGES_BLOCKS: BlockFormat = { kinds: { text: 'text', reasoning: 'thinking' }, callId: toolUseId };

/**
 * Writes a Messages stream from parts (TRANSLATION.md, "Streams", → Messages client): one
 * `message_start` with zeroed usage; reasoning, text and tool calls as content blocks, one open at a
 * time, a blank text opening none (bug 9); a provider's searches as Anthropic's web search blocks
 * and citations (counted in `usage.server_tool_use.web_search_requests`); at the finish the open
 * block closes; at the end `message_delta` with the stop reason and the full usage, then
 * `message_stop`. An upstream error is an `event: error` frame, and nothing after it.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export class MessagesStreamWriter extends BlockPartWriter {
  private started = false;
  private done = false;
  private searches = 0;

  constructor(
    private readonly context: ResponseContext,
    private readonly messagesBlocks = new ContentBlockWriter(),
  ) {
    super(messagesBlocks, MESSAGES_BLOCKS, context.toolNames);
  }

  override write(part: StreamPart): string {
    if (this.done) return '';
    switch (part.type) {
      case 'server-tool-call':
        this.searches += 1;
        this.openCall = undefined;
        return this.messagesBlocks.serverToolUse(part);
      case 'server-tool-result':
        this.openCall = undefined;
        return this.messagesBlocks.serverToolResult(part);
      case 'citation':
        return this.messagesBlocks.citation(part);
      default:
        return super.write(part);
    }
  }

  protected get ended(): boolean {
    return this.done;
  }

  /** Exactly one message_start (bug 4), with zeroed usage: the real counts come in message_delta. */
  protected onStart(upstreamId: unknown): string {
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

  protected onFinish(): string {
    return this.closeBlock();
  }

  protected onEnd(): string {
    const out = this.onStart(undefined) + this.closeBlock();
    this.done = true;
    const stopReason = stopReasonOf(this.reason, this.rawReason, this.calledTools);
    return (
      out +
      formatMessagesEvent({
        type: 'message_delta',
        delta: { stop_reason: stopReason, stop_sequence: null },
        usage: { ...messagesUsageOf(this.usage), ...serverToolUsage(this.searches) },
      }) +
      formatMessagesEvent({ type: 'message_stop' })
    );
  }

  protected onError(error: Extract<StreamPart, { type: 'error' }>): string {
    this.done = true;
    return formatMessagesEvent({ type: 'error', error: messagesErrorBody(error).error });
  }

  private closeBlock(): string {
    this.openCall = undefined;
    return this.blocks.close();
  }
}
