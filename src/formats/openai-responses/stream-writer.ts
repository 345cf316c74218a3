import type { ErrorDetails } from '../errors.js';
import { calledToolName } from '../openai-chat/tool-names.js';
import type { FinishReason, StreamPart, StreamWriter } from '../stream-parts.js';
import type { ResponseContext } from '../translation.js';
import type { TokenUsage } from '../usage.js';
import { responsesErrorFromDetails } from './errors.js';
import { ResponsesEventWriter } from './event-writer.js';
import { callIdFrom } from './ids.js';
import { outcomeOf } from './map-status.js';
import { responsesUsageOf } from './usage.js';
import type { ResponsesError } from './wire.js';

/** Upstream error codes Codex acts on (context window, quota, retry delay); passed on unchanged. */
const KNOWN_CODES = new Set([
  'context_length_exceeded',
  'insufficient_quota',
  'rate_limit_exceeded',
  'server_error',
  'invalid_prompt',
]);

/**
 * Writes a Responses stream from parts (TRANSLATION.md, "Responses" and "Streams"): the start is
 * `response.created` and `response.in_progress`; reasoning becomes a reasoning item with summary
 * text, text a message item (consecutive text stays one message; blank text opens none), each tool
 * call a function call item (a custom tool call for the tools the client declared custom), one item
 * open at a time. At the finish an open call item closes with the response's status; at the end
 * whatever is open closes and `response.completed` (or `response.incomplete`) carries every item and
 * the usage. An upstream error ends with `response.failed` and an `error` event.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
export class ResponsesStreamWriter implements StreamWriter {
  private readonly writer: ResponsesEventWriter;
  private readonly usedIds = new Set<string>();
  /** The part index of the call whose item is open: input of any other call has no item to go to. */
  private openCall: number | undefined;
  private reason: FinishReason | undefined;
  private usage: TokenUsage | undefined;

  constructor(private readonly context: ResponseContext) {
    this.writer = new ResponsesEventWriter(context.model, new Set(context.customTools));
  }

  write(part: StreamPart): string {
    if (this.writer.isEnded) return '';
    switch (part.type) {
      case 'start':
        return this.writer.start(part.id);
      case 'text':
        return this.content('message', part.text);
      case 'reasoning':
        return this.content('reasoning', part.text);
      case 'tool-call-start':
        this.openCall = part.index;
        return this.writer.startCall(
          callIdFrom(part.id, this.usedIds),
          calledToolName(part.name, this.context.toolNames),
        );
      case 'tool-input':
        return part.index === this.openCall ? this.writer.callArguments(part.json) : '';
      case 'tool-call-end':
        if (part.index !== this.openCall) return '';
        this.openCall = undefined;
        return this.writer.close();
      case 'finish':
        this.reason = part.reason;
        return this.closeCall(outcomeOf(part.reason).status);
      case 'usage':
        this.usage = part.usage;
        return '';
      case 'end':
        return this.writer.complete(outcomeOf(this.reason), responsesUsageOf(this.usage));
      case 'error':
        return this.writer.fail(upstreamError(part));
      default:
        return ''; // opaque reasoning of another format
    }
  }

  /** Ends the client's stream with an error the gateway reports (e.g. the upstream stopped early). */
  fail(error: ErrorDetails): string {
    return this.writer.fail(responsesErrorFromDetails(error));
  }

  /** Empty text never opens an item, and blank text only continues one (no whitespace-only messages). */
  private content(kind: 'message' | 'reasoning', text: string): string {
    if (text === '' || (this.writer.openKind !== kind && text.trim() === '')) return '';
    this.openCall = undefined; // the text closes any open call item
    return kind === 'message' ? this.writer.text(text) : this.writer.reasoning(text);
  }

  private closeCall(status: 'completed' | 'incomplete'): string {
    if (this.openCall === undefined) return '';
    this.openCall = undefined;
    return this.writer.close(status);
  }
}

/**
 * An upstream's in-stream error → the `response.failed` error. Codex retries any failure, waits as
 * told on `rate_limit_exceeded`, and stops on `context_length_exceeded` and `insufficient_quota`.
 * @see https://platform.openai.com/docs/api-reference/responses/object#responses/object-error
 */
function upstreamError(error: Extract<StreamPart, { type: 'error' }>): ResponsesError {
  const { message, code } = error;
  if (code !== undefined && KNOWN_CODES.has(code)) return { code, message };
  return { code: error.kind === 'rate_limit' ? 'rate_limit_exceeded' : 'server_error', message };
}
