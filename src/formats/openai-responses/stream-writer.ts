import type { ErrorDetails } from '../errors.js';
import { calledToolName } from '../openai-chat/tool-names.js';
import { isBlockText, PartWriter } from '../part-writer.js';
import type { StreamPart } from '../stream-parts.js';
import type { ResponseContext } from '../translation.js';
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
export class ResponsesStreamWriter extends PartWriter {
  private readonly writer: ResponsesEventWriter;
  private readonly usedIds = new Set<string>();
  /** The part index of the call whose item is open: input of any other call has no item to go to. */
  private openCall: number | undefined;

  constructor(private readonly context: ResponseContext) {
    super();
    this.writer = new ResponsesEventWriter(context.model, new Set(context.customTools));
  }

  protected get ended(): boolean {
    return this.writer.isEnded;
  }

  /** Ends the client's stream with an error the gateway reports (e.g. the upstream stopped early). */
  override fail(error: ErrorDetails): string {
    return this.writer.fail(responsesErrorFromDetails(error));
  }

  protected onStart(upstreamId: unknown): string {
    return this.writer.start(upstreamId);
  }

  protected onText(text: string): string {
    if (!isBlockText(text, 'message', this.writer.openKind)) return '';
    this.openCall = undefined; // the text closes any open call item
    return this.writer.text(text);
  }

  protected onReasoning(text: string): string {
    if (!isBlockText(text, 'reasoning', this.writer.openKind)) return '';
    this.openCall = undefined;
    return this.writer.reasoning(text);
  }

  protected onCallStart(index: number, upstreamId: unknown, upstreamName: unknown): string {
    this.openCall = index;
    const name = calledToolName(upstreamName, this.context.toolNames);
    return this.writer.startCall(callIdFrom(upstreamId, this.usedIds), name);
  }

  protected onCallInput(index: number, json: string): string {
    return index === this.openCall ? this.writer.callArguments(json) : '';
  }

  protected onCallEnd(index: number): string {
    if (index !== this.openCall) return '';
    this.openCall = undefined;
    return this.writer.close();
  }

  /** An open call item closes with the response's status (incomplete when truncated). */
  protected onFinish(): string {
    if (this.openCall === undefined) return '';
    this.openCall = undefined;
    return this.writer.close(outcomeOf(this.reason).status);
  }

  protected onEnd(): string {
    return this.writer.complete(outcomeOf(this.reason), responsesUsageOf(this.usage));
  }

  protected onError(error: Extract<StreamPart, { type: 'error' }>): string {
    return this.writer.fail(upstreamError(error));
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
