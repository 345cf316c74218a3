import { mergeMessagesUsage } from '../anthropic-messages/usage.js';
import type { ContentBlock, MessagesStreamEvent, MessagesUsage } from '../anthropic-messages/wire.js';
import type { ErrorDetails } from '../errors.js';
import { clientToolName, UNNAMED_TOOL } from '../openai-chat/tool-names.js';
import type { SseEvent } from '../sse.js';
import { parseJson } from '../stream-tap.js';
import type { ResponseContext, StreamTranslator } from '../translation.js';
import { isRecord } from '../usage.js';
import { responsesErrorFromDetails, responsesErrorFromMessages } from './errors.js';
import { ResponsesEventWriter } from './event-writer.js';
import { callIdFrom } from './ids.js';
import { outcomeFromMessages } from './map-status.js';
import { responsesUsageFromMessages } from './usage.js';

type Event<Type extends MessagesStreamEvent['type']> = Extract<MessagesStreamEvent, { type: Type }>;

/** A `tool_use` block being streamed: a function call item, or the forced JSON tool whose input is the text. */
interface ToolBlock {
  jsonAnswer: boolean;
  /** `input` from content_block_start: Anthropic sends `{}` and streams the JSON, a few send it whole here. */
  startInput: unknown;
  streamed: boolean;
}

/**
 * A Messages SSE stream → a Responses SSE stream (TRANSLATION.md, "Responses" and "Streams"):
 * `message_start` starts the response; thinking blocks become a reasoning item with summary text,
 * text blocks a message item (consecutive text blocks, split by citations, stay one message), each
 * `tool_use` block a function call item whose arguments are the streamed input JSON (the forced
 * JSON tool of `text.format: json_schema` streams as text instead); `message_delta` gives the stop
 * reason and the cumulative usage, `message_stop` ends with `response.completed` (or
 * `response.incomplete`). An `error` event ends with `response.failed` and an `error` event.
 * Signatures and redacted thinking have no place in a Responses item and are not passed on.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
export class ResponsesStreamFromMessages implements StreamTranslator {
  private readonly writer: ResponsesEventWriter;
  private readonly toolBlocks = new Map<number, ToolBlock>();
  private readonly usedIds = new Set<string>();
  /** The block whose function call item is open: deltas of any other block have no item to go to. */
  private openCallBlock: number | undefined;
  private stopReason: unknown;
  /** Merged by the tap's merger, so that the client is told what ekai records. */
  private usage: Partial<MessagesUsage> | undefined;

  constructor(private readonly context: ResponseContext) {
    this.writer = new ResponsesEventWriter(context.model, new Set(context.customTools));
  }

  push(event: SseEvent): string {
    if (this.writer.isEnded) return '';
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
        return this.finish();
      case 'error':
        return this.writer.fail(responsesErrorFromMessages(payload.error));
      default:
        return ''; // ping, unknown event types, unparseable frames
    }
  }

  /** The upstream ended: whatever is open closes and the response completes (with the usage known). */
  finish(): string {
    const outcome = outcomeFromMessages(this.stopReason);
    return this.writer.complete(outcome, responsesUsageFromMessages(this.usage));
  }

  /** Ends the client's stream with an error the gateway reports (e.g. the upstream stopped early). */
  fail(error: ErrorDetails): string {
    return this.writer.fail(responsesErrorFromDetails(error));
  }

  private onMessageStart({ message }: Event<'message_start'>): string {
    this.usage = mergeMessagesUsage(this.usage, message?.usage);
    return this.writer.start(message?.id);
  }

  private onBlockStart({ index, content_block: block }: Event<'content_block_start'>): string {
    const out = this.writer.start();
    if (block?.type === 'tool_use') return out + this.openToolBlock(index, block);
    if (block?.type === 'text') return out + this.text(block.text);
    if (block?.type === 'thinking') return out + this.reasoning(block.thinking);
    return out; // redacted thinking, server tool blocks: nothing a Responses client can use
  }

  private onBlockDelta({ index, delta }: Event<'content_block_delta'>): string {
    switch (delta?.type) {
      case 'text_delta':
        return this.text(delta.text);
      case 'thinking_delta':
        return this.reasoning(delta.thinking);
      case 'input_json_delta':
        return this.toolInput(index, delta.partial_json);
      default:
        return ''; // signature_delta, citations_delta
    }
  }

  private onBlockStop({ index }: Event<'content_block_stop'>): string {
    const block = this.toolBlocks.get(index);
    if (!block) return ''; // text and thinking items stay open: the next block of their kind continues them
    this.toolBlocks.delete(index);
    const { startInput } = block;
    const wholeInput =
      !block.streamed && isRecord(startInput) && Object.keys(startInput).length > 0
        ? this.toolInput(index, JSON.stringify(startInput), block)
        : '';
    if (block.jsonAnswer || index !== this.openCallBlock) return wholeInput;
    this.openCallBlock = undefined;
    return wholeInput + this.writer.close();
  }

  private onMessageDelta({ delta, usage }: Event<'message_delta'>): string {
    this.usage = mergeMessagesUsage(this.usage, usage);
    if (isRecord(delta) && typeof delta.stop_reason === 'string') this.stopReason = delta.stop_reason;
    return '';
  }

  private openToolBlock(index: number, block: Extract<ContentBlock, { type: 'tool_use' }>): string {
    const jsonAnswer = this.context.jsonTool !== undefined && block.name === this.context.jsonTool;
    this.toolBlocks.set(index, { jsonAnswer, startInput: block.input, streamed: false });
    if (jsonAnswer) return '';
    const name = typeof block.name === 'string' && block.name !== '' ? block.name : UNNAMED_TOOL;
    const callId = callIdFrom(block.id, this.usedIds);
    this.openCallBlock = index;
    return this.writer.startCall(callId, clientToolName(name, this.context.toolNames));
  }

  private toolInput(index: number, json: unknown, block = this.toolBlocks.get(index)): string {
    if (!block || typeof json !== 'string' || json === '') return '';
    block.streamed = true;
    if (block.jsonAnswer) return this.writer.text(json);
    return index === this.openCallBlock ? this.writer.callArguments(json) : '';
  }

  private text(text: unknown): string {
    if (!this.isContent(text, 'message')) return '';
    this.openCallBlock = undefined; // the text closes any open call item
    return this.writer.text(text);
  }

  private reasoning(text: unknown): string {
    if (!this.isContent(text, 'reasoning')) return '';
    this.openCallBlock = undefined;
    return this.writer.reasoning(text);
  }

  /** Empty text never opens an item, and blank text only continues one (no whitespace-only messages). */
  private isContent(text: unknown, kind: 'message' | 'reasoning'): text is string {
    if (typeof text !== 'string' || text === '') return false;
    return this.writer.openKind === kind || text.trim() !== '';
  }
}

function parseEvent(event: SseEvent): MessagesStreamEvent | undefined {
  const payload = parseJson(event.data);
  if (!isRecord(payload)) return undefined;
  const type = typeof payload.type === 'string' ? payload.type : event.event;
  return { ...payload, type } as MessagesStreamEvent;
}
