import { mergeMessagesUsage } from '../anthropic-messages/usage.js';
import type { ContentBlock, MessagesStreamEvent, MessagesUsage } from '../anthropic-messages/wire.js';
import { formatSse, type SseEvent } from '../sse.js';
import { parseJson } from '../stream-tap.js';
import type { ResponseContext, StreamTranslator } from '../translation.js';
import { isRecord } from '../usage.js';
import { CHAT_DONE, ChatChunkWriter } from './chunk-writer.js';
import { chatErrorFromMessages } from './error-from-messages.js';
import { chatCompletionId, finishReasonOf } from './response-from-messages.js';
import { chatUsageFromMessages } from './usage-from-messages.js';

/** Marks the block of the forced JSON tool (ResponseContext.jsonTool): its input is streamed as content. */
const JSON_ANSWER = 'json-answer';

type Event<Type extends MessagesStreamEvent['type']> = Extract<MessagesStreamEvent, { type: Type }>;

/** A `tool_use` block being streamed: a Chat tool call, or the forced JSON tool whose input is the text. */
interface ToolBlock {
  /** The Chat tool call number (counts tool calls from 0, not block indexes: bug 3), or the JSON answer. */
  call: number | typeof JSON_ANSWER;
  /** `input` from content_block_start: Anthropic sends `{}` and streams the JSON, a few send it whole here. */
  startInput: unknown;
  streamed: boolean;
}

/**
 * A Messages SSE stream → a Chat SSE stream (TRANSLATION.md, "Streams"): a role chunk at
 * `message_start`, text and thinking deltas as `content` and `reasoning_content`, each `tool_use`
 * block as tool call k, a finish chunk at `message_delta`, the usage chunk (if the client asked)
 * and `[DONE]` at `message_stop`. Frames that do not parse are skipped.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export class ChatStreamFromMessages implements StreamTranslator {
  private readonly chunks: ChatChunkWriter;
  private readonly toolBlocks = new Map<number, ToolBlock>();
  private started = false;
  private finished = false;
  private ended = false;
  private toolCalls = 0;
  private answeredByJsonTool = false;
  private stopReason: string | null = null;
  /** Merged by the tap's merger, so that the client is told what ekai records. */
  private usage: Partial<MessagesUsage> | undefined;

  constructor(private readonly context: ResponseContext) {
    this.chunks = new ChatChunkWriter(context.model, context.includeUsage === true);
  }

  push(event: SseEvent): string {
    if (this.ended) return '';
    const payload = parseEvent(event);
    switch (payload?.type) {
      case 'message_start':
        return this.onMessageStart(payload);
      case 'content_block_start':
        return this.onBlockStart(payload);
      case 'content_block_delta':
        return this.onBlockDelta(payload);
      case 'content_block_stop':
        return this.onBlockStop(payload);
      case 'message_delta':
        return this.onMessageDelta(payload);
      case 'message_stop':
        return this.close();
      case 'error':
        return this.onError(payload);
      default:
        return ''; // ping, unknown event types, unparseable frames
    }
  }

  finish(): string {
    return this.ended ? '' : this.close();
  }

  private onMessageStart({ message }: Event<'message_start'>): string {
    if (this.started) return ''; // a second message_start would restart the client's message (bug 4)
    if (typeof message?.id === 'string') this.chunks.id = chatCompletionId(message.id);
    this.usage = mergeMessagesUsage(this.usage, message?.usage);
    return this.start();
  }

  private onBlockStart({ index, content_block: block }: Event<'content_block_start'>): string {
    if (block?.type === 'tool_use') return this.openToolBlock(index, block);
    if (block?.type === 'text') return this.content(block.text);
    if (block?.type === 'thinking') return this.reasoning(block.thinking);
    return ''; // redacted thinking, server tool blocks: nothing a Chat client can use
  }

  private onBlockDelta({ index, delta }: Event<'content_block_delta'>): string {
    switch (delta?.type) {
      case 'text_delta':
        return this.content(delta.text);
      case 'thinking_delta':
        return this.reasoning(delta.thinking);
      case 'input_json_delta':
        return this.toolInput(index, delta.partial_json);
      default:
        return ''; // signature_delta (Chat has no place for it), citations_delta
    }
  }

  private onBlockStop({ index }: Event<'content_block_stop'>): string {
    const block = this.toolBlocks.get(index);
    this.toolBlocks.delete(index);
    if (!block || block.streamed || !isRecord(block.startInput) || Object.keys(block.startInput).length === 0)
      return '';
    return this.toolInput(index, JSON.stringify(block.startInput), block);
  }

  private onMessageDelta({ delta, usage }: Event<'message_delta'>): string {
    this.usage = mergeMessagesUsage(this.usage, usage);
    this.stopReason = delta?.stop_reason ?? this.stopReason;
    return this.stopReason === null ? '' : this.finishChunk();
  }

  private onError({ error }: Event<'error'>): string {
    this.ended = true; // the client's stream ends here: nothing may follow [DONE]
    return `${formatSse(JSON.stringify(chatErrorFromMessages(error)))}${CHAT_DONE}`;
  }

  private openToolBlock(index: number, block: Extract<ContentBlock, { type: 'tool_use' }>): string {
    const startInput = block.input;
    if (this.context.jsonTool !== undefined && block.name === this.context.jsonTool) {
      this.answeredByJsonTool = true;
      this.toolBlocks.set(index, { call: JSON_ANSWER, startInput, streamed: false });
      return this.start();
    }
    const call = this.toolCalls++;
    this.toolBlocks.set(index, { call, startInput, streamed: false });
    const name = this.context.toolNames.get(block.name) ?? block.name;
    return `${this.start()}${this.chunks.delta({
      tool_calls: [{ index: call, id: block.id, type: 'function', function: { name, arguments: '' } }],
    })}`;
  }

  private toolInput(index: number, json: string, block = this.toolBlocks.get(index)): string {
    if (!block || typeof json !== 'string' || json === '') return '';
    block.streamed = true;
    if (block.call === JSON_ANSWER) return this.content(json);
    return this.chunks.delta({ tool_calls: [{ index: block.call, function: { arguments: json } }] });
  }

  private content(text: string | undefined): string {
    if (typeof text !== 'string' || text === '') return '';
    return `${this.start()}${this.chunks.delta({ content: text })}`;
  }

  private reasoning(text: string | undefined): string {
    if (typeof text !== 'string' || text === '') return '';
    return `${this.start()}${this.chunks.delta({ reasoning_content: text })}`;
  }

  /** The role chunk, once: clients (and the openai SDK's accumulator) take the role from it. */
  private start(): string {
    if (this.started) return '';
    this.started = true;
    return this.chunks.delta({ role: 'assistant', content: '' });
  }

  private finishChunk(): string {
    if (this.finished) return '';
    this.finished = true;
    const reason = finishReasonOf(this.stopReason, this.toolCalls, this.answeredByJsonTool);
    return `${this.start()}${this.chunks.delta({}, reason)}`;
  }

  /** Finish chunk (if message_delta did not send it), usage chunk if asked for, then [DONE]. */
  private close(): string {
    this.ended = true;
    const usage = this.context.includeUsage ? this.chunks.usage(chatUsageFromMessages(this.usage)) : '';
    return `${this.finishChunk()}${usage}${CHAT_DONE}`;
  }
}

function parseEvent(event: SseEvent): MessagesStreamEvent | undefined {
  const payload = parseJson(event.data);
  if (!isRecord(payload)) return undefined;
  const type = typeof payload.type === 'string' ? payload.type : event.event;
  return { ...payload, type } as MessagesStreamEvent;
}
