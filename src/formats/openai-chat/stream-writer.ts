import { formatSse } from '../sse.js';
import type { FinishReason, StreamPart, StreamWriter } from '../stream-parts.js';
import type { ResponseContext } from '../translation.js';
import type { TokenUsage } from '../usage.js';
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
export class ChatStreamWriter implements StreamWriter {
  private readonly chunks: ChatChunkWriter;
  /** Part index of each open tool call → its Chat tool call number. */
  private readonly calls = new Map<number, number>();
  private toolCalls = 0;
  private started = false;
  private finished = false;
  private ended = false;
  private reason: FinishReason | undefined;
  private usage: TokenUsage | undefined;

  constructor(private readonly context: ResponseContext) {
    this.chunks = new ChatChunkWriter(context.model, context.includeUsage === true);
  }

  write(part: StreamPart): string {
    if (this.ended) return '';
    switch (part.type) {
      case 'start':
        if (this.started) return '';
        if (typeof part.id === 'string') this.chunks.id = chatCompletionId(part.id);
        return this.begin();
      case 'text':
        return `${this.begin()}${this.chunks.delta({ content: part.text })}`;
      case 'reasoning':
        return `${this.begin()}${this.chunks.delta({ reasoning_content: part.text })}`;
      case 'tool-call-start':
        return this.startCall(part.index, part.id, part.name);
      case 'tool-input': {
        const call = this.calls.get(part.index);
        if (call === undefined || part.json === '') return '';
        return this.chunks.delta({ tool_calls: [{ index: call, function: { arguments: part.json } }] });
      }
      case 'tool-call-end':
        this.calls.delete(part.index);
        return '';
      case 'finish':
        this.reason = part.reason;
        return this.finishChunk();
      case 'usage':
        this.usage = part.usage;
        return '';
      case 'end':
        return this.end();
      case 'error':
        this.ended = true; // the client's stream ends here: nothing may follow [DONE]
        return `${formatSse(JSON.stringify(chatErrorBody(part)))}${CHAT_DONE}`;
      default:
        return ''; // opaque reasoning: Chat has no place for it
    }
  }

  private startCall(index: number, id: unknown, name: unknown): string {
    const call = this.toolCalls++;
    this.calls.set(index, call);
    const clientName = typeof name === 'string' ? clientToolName(name, this.context.toolNames) : name;
    return `${this.begin()}${this.chunks.delta({
      tool_calls: [
        {
          index: call,
          id: id as string,
          type: 'function',
          function: { name: clientName as string, arguments: '' },
        },
      ],
    })}`;
  }

  /** The role chunk, once: clients (and the openai SDK's accumulator) take the role from it. */
  private begin(): string {
    if (this.started) return '';
    this.started = true;
    return this.chunks.delta({ role: 'assistant', content: '' });
  }

  private finishChunk(): string {
    if (this.finished) return '';
    this.finished = true;
    return `${this.begin()}${this.chunks.delta({}, chatFinishReason(this.reason))}`;
  }

  /** Finish chunk (if the finish did not send it), usage chunk if asked for, then [DONE]. */
  private end(): string {
    this.ended = true;
    const usage = this.context.includeUsage ? this.chunks.usage(chatUsageOf(this.usage)) : '';
    return `${this.finishChunk()}${usage}${CHAT_DONE}`;
  }
}
