import type { SseEvent } from '../sse.js';
import { parseJson, type StreamTap } from '../stream-tap.js';
import { isRecord, type TokenUsage } from '../usage.js';
import { mergeResponsesUsage, responsesUsageToTokens } from './usage.js';
import type { ResponsesUsage } from './wire.js';

/** The events that end a response; each carries the whole response object with its usage. */
const FINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);
const SEQUENCE_NUMBER = /"sequence_number"\s*:\s*(\d+)/;
const TYPE = /"type"\s*:\s*"([^"]+)"/;

/**
 * A Responses stream (OpenAI, forwarded natively): usage from the response object of
 * `response.completed` or `response.incomplete` (a truncated answer is a proper end too), errors from
 * `response.failed` and `error` events. Only those and `response.created` (for the response id) are
 * parsed; the sequence number of every event is read off its text, so that the gateway can close a
 * broken stream with frames that continue it (`responsesStreamErrorFrames`).
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
export class ResponsesStreamTap implements StreamTap {
  error: string | undefined;
  complete = false;
  responseId: string | undefined;
  model: string | undefined;
  lastSequenceNumber: number | undefined;
  private rawUsage: ResponsesUsage | undefined;

  get usage(): TokenUsage | undefined {
    return responsesUsageToTokens(this.rawUsage);
  }

  onEvent(event: SseEvent): void {
    const data = event.data;
    const sequence = SEQUENCE_NUMBER.exec(data);
    if (sequence) this.lastSequenceNumber = Number(sequence[1]);
    // Frames without an `event:` line are typed by their data alone.
    const type = event.event ?? TYPE.exec(data)?.[1];
    if (type === 'response.created') this.onCreated(parseJson(data));
    else if (type !== undefined && FINAL.has(type)) this.onFinal(type, parseJson(data));
    else if (type === 'error') this.error = errorMessage(parseJson(data));
  }

  private onCreated(payload: unknown): void {
    const response = isRecord(payload) && isRecord(payload.response) ? payload.response : {};
    if (typeof response.id === 'string') this.responseId = response.id;
    if (typeof response.model === 'string') this.model = response.model;
  }

  private onFinal(type: string, payload: unknown): void {
    const response = isRecord(payload) && isRecord(payload.response) ? payload.response : {};
    this.rawUsage = mergeResponsesUsage(this.rawUsage, response.usage);
    if (type === 'response.failed') this.error = errorMessage(response);
    else this.complete = true;
  }
}

/** `error.message` (a response object, or an `error` event's nested copy), else the event's own `message`. */
function errorMessage(payload: unknown): string {
  if (!isRecord(payload)) return 'upstream sent an error event';
  if (isRecord(payload.error) && typeof payload.error.message === 'string') return payload.error.message;
  return typeof payload.message === 'string' ? payload.message : 'upstream sent an error event';
}
