import type { ErrorKind } from '../errors.js';
import { isBlockText } from '../part-writer.js';
import type { SseEvent } from '../sse.js';
import type { PartSink, StreamPart } from '../stream-parts.js';
import { parseJson, type StreamTap } from '../stream-tap.js';
import { isRecord, type TokenUsage } from '../usage.js';
import type { StreamState } from './errors.js';
import { finishFromResponses } from './map-status.js';
import { mergeResponsesUsage, responsesUsageToTokens } from './usage.js';
import {
  codePointLength,
  searchResultsOf,
  urlCitationOf,
  urlCitationsOf,
  webSearchCallOf,
} from './web-search-output.js';
import type { ResponsesUsage } from './wire.js';

type Payload = Record<string, unknown>;
type OpenKind = 'text' | 'reasoning' | 'tool' | undefined;

/** The events the tap needs; without a sink every other event passes unparsed. */
const TAPPED = new Set([
  'response.created',
  'response.completed',
  'response.incomplete',
  'response.failed',
  'error',
]);
/** The events that end a response properly: each carries the whole response with its usage. */
const PROPER_END = new Map<string, 'completed' | 'incomplete'>([
  ['response.completed', 'completed'],
  ['response.incomplete', 'incomplete'],
]);
const SEQUENCE_NUMBER = /"sequence_number"\s*:\s*(\d+)/;
const TYPE = /"type"\s*:\s*"([^"]+)"/;

/** Delta events whose `delta` is answer content, and the part it makes. */
const CONTENT_DELTAS = new Map<string, 'text' | 'reasoning'>([
  ['response.output_text.delta', 'text'],
  // A refusal is what the model said instead of an answer: the client shows it as text (as for Chat).
  ['response.refusal.delta', 'text'],
  ['response.reasoning_summary_text.delta', 'reasoning'],
  // Raw reasoning, where a model exposes it (gpt-oss); OpenAI's own models stream only the summary.
  ['response.reasoning_text.delta', 'reasoning'],
]);

/**
 * Output items that are tool calls, and how their input becomes a call's JSON arguments: a function
 * call's arguments are JSON already; a custom tool's input is free text, carried as
 * `{"input": "<text>"}` (ekai's convention for custom tools on function-only formats), its fragments
 * escaped as they stream so the arguments are valid JSON when whole.
 */
interface CallKind {
  inputField: string;
  open: string;
  fragment(delta: string): string;
  close: string;
}
const FUNCTION_CALL: CallKind = { inputField: 'arguments', open: '', fragment: (delta) => delta, close: '' };
const CUSTOM_TOOL_CALL: CallKind = {
  inputField: 'input',
  open: '{"input":"',
  fragment: (delta) => JSON.stringify(delta).slice(1, -1),
  close: '"}',
};
const CALL_ITEMS = new Map<unknown, CallKind>([
  ['function_call', FUNCTION_CALL],
  ['custom_tool_call', CUSTOM_TOOL_CALL],
]);
const CALL_DELTAS = new Map<string, CallKind>([
  ['response.function_call_arguments.delta', FUNCTION_CALL],
  ['response.custom_tool_call_input.delta', CUSTOM_TOOL_CALL],
]);

/** Responses error `code` (or nested `error.type`) → the gateway's error kind; anything else: api_error. */
const KIND_OF_CODE = new Map<unknown, ErrorKind>([
  ['rate_limit_exceeded', 'rate_limit'],
  ['insufficient_quota', 'rate_limit'],
  ['context_length_exceeded', 'invalid_request'],
  ['invalid_prompt', 'invalid_request'],
  ['invalid_request_error', 'invalid_request'],
]);

/** An `output_text` part's text so far, where it starts in the answer, and how many citations it gave. */
interface TextPart {
  text: string;
  offset: number;
  cited: number;
}

/** A tool call being streamed, under its item's `output_index`. */
interface OpenCall {
  index: number;
  kind: CallKind;
  streamed: boolean;
}

/**
 * Reads a Responses stream. Always the stream's tap: usage from the response object of the final
 * event (`response.completed` or `response.incomplete`, a truncated answer being a proper end too),
 * merged by `mergeResponsesUsage`; errors from `response.failed` and `error` events; the response id,
 * model and last sequence number, so that the gateway can close a broken native stream with frames
 * that continue it (`responsesStreamErrorFrames`). Given a sink it also reads the answer into parts:
 * output text and refusals as text, reasoning summaries (and raw reasoning text) as reasoning,
 * function and custom tool calls (opened by `output_item.added`, streamed by their delta events,
 * closed by `output_item.done`) as tool calls, the final status as the finish. A web search OpenAI
 * ran (a `web_search_call` item, whole at `output_item.done`) is a server tool call and its result
 * (the sources); a `url_citation` annotation of the output text (`output_text.annotation.added`, or
 * one first seen in `content_part.done`) is a citation of the text streamed so far. Encrypted reasoning
 * (`encrypted_content`) is skipped: the opaque part carries Messages signatures only so far. Each
 * event is parsed once; without a sink only the tapped ones are.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
export class ResponsesStreamReader implements StreamTap, StreamState {
  error: string | undefined;
  complete = false;
  responseId: string | undefined;
  model: string | undefined;
  lastSequenceNumber: number | undefined;
  private rawUsage: ResponsesUsage | undefined;
  private readonly calls = new Map<number, OpenCall>();
  /** The output text parts (`output_index:content_index`), for the spans their citations cut. */
  private readonly textParts = new Map<string, TextPart>();
  /** Code points of output text so far: where the next text part starts in the answer. */
  private answerLength = 0;
  private callCount = 0;
  private started = false;
  /** The answer is complete or failed: no more parts. */
  private ended = false;
  /** What the writers have open, as the parts sent so far tell: blank text only continues it. */
  private open: OpenKind;
  /** The reasoning summary part being streamed (`item_id:summary_index`), to separate the next one. */
  private summaryPart: string | undefined;

  constructor(private readonly sink?: PartSink) {}

  get usage(): TokenUsage | undefined {
    return responsesUsageToTokens(this.rawUsage);
  }

  onEvent(event: SseEvent): void {
    const data = event.data;
    if (!this.sink) {
      const sequence = SEQUENCE_NUMBER.exec(data);
      if (sequence) this.lastSequenceNumber = Number(sequence[1]);
      // Frames without an `event:` line are typed by their data alone.
      const type = event.event ?? TYPE.exec(data)?.[1];
      if (type === undefined || !TAPPED.has(type)) return;
      this.onPayload(type, parseJson(data));
      return;
    }
    const payload = parseJson(data);
    if (isRecord(payload) && typeof payload.sequence_number === 'number')
      this.lastSequenceNumber = payload.sequence_number;
    const type = isRecord(payload) && typeof payload.type === 'string' ? payload.type : event.event;
    if (type !== undefined) this.onPayload(type, payload);
  }

  /** The upstream ended: open calls close, and the answer completes (once). */
  finish(): void {
    if (this.ended || !this.sink) return;
    this.closeCalls();
    this.end();
  }

  private onPayload(type: string, payload: unknown): void {
    if (type === 'error') {
      this.fail(payload);
      return;
    }
    if (!isRecord(payload)) return;
    const response = isRecord(payload.response) ? payload.response : {};
    const properEnd = PROPER_END.get(type);
    if (type === 'response.created') this.onCreated(response);
    else if (properEnd) this.onEnd(properEnd, response);
    else if (type === 'response.failed') this.onFailed(response);
    else if (this.sink && !this.ended) this.onAnswerEvent(type, payload);
  }

  private onAnswerEvent(type: string, payload: Payload): void {
    const content = CONTENT_DELTAS.get(type);
    const callDelta = CALL_DELTAS.get(type);
    if (type === 'response.output_text.delta') this.recordText(payload);
    if (content) {
      this.onContent(content, payload);
    } else if (type === 'response.output_text.annotation.added') {
      this.onAnnotation(payload);
    } else if (type === 'response.content_part.done') {
      this.onTextPartDone(payload);
    } else if (callDelta) {
      const call = this.calls.get(outputIndexOf(payload));
      if (call?.kind === callDelta) this.callInput(call, payload.delta);
    } else if (type === 'response.output_item.added') {
      this.onItemAdded(outputIndexOf(payload), payload.item);
    } else if (type === 'response.output_item.done') {
      this.onItemDone(outputIndexOf(payload), payload.item);
    }
  }

  private emit(part: StreamPart): void {
    if (!this.sink || this.ended) return;
    if (!this.started && part.type !== 'error') {
      this.started = true;
      this.sink({ type: 'start', id: this.responseId });
    }
    if (part.type !== 'start') this.sink(part);
  }

  private onCreated(response: Payload): void {
    if (typeof response.id === 'string') this.responseId = response.id;
    if (typeof response.model === 'string') this.model = response.model;
    this.emit({ type: 'start', id: response.id });
  }

  /**
   * Text and reasoning: empty deltas never open a block and blank ones only continue one (no
   * whitespace-only blocks, bug 9); a new summary part of the open reasoning is a new paragraph.
   */
  private onContent(kind: 'text' | 'reasoning', payload: Payload): void {
    const text = payload.delta;
    if (typeof text !== 'string' || !isBlockText(text, kind, this.open)) return;
    const summaryPart =
      payload.type === 'response.reasoning_summary_text.delta'
        ? `${String(payload.item_id)}:${String(payload.summary_index)}`
        : undefined;
    const newParagraph =
      kind === 'reasoning' && this.open === 'reasoning' && summaryPart !== this.summaryPart;
    this.summaryPart = summaryPart;
    this.closeCalls();
    this.open = kind;
    this.emit({ type: kind, text: newParagraph ? `\n\n${text}` : text });
  }

  private onItemAdded(outputIndex: number, item: unknown): void {
    const kind = isRecord(item) ? CALL_ITEMS.get(item.type) : undefined;
    if (!kind || !isRecord(item)) return;
    const call: OpenCall = { index: this.callCount++, kind, streamed: false };
    this.calls.set(outputIndex, call);
    this.open = 'tool';
    this.emit({ type: 'tool-call-start', index: call.index, id: item.call_id, name: item.name });
    if (kind.open) this.emit({ type: 'tool-input', index: call.index, json: kind.open });
  }

  /**
   * The call's item is whole: input given only here (none streamed) goes out now, then the call
   * closes. A web search is whole only here too (its query and sources come with the done item).
   */
  private onItemDone(outputIndex: number, item: unknown): void {
    const search = webSearchCallOf(item);
    if (search) {
      this.closeCalls();
      this.open = undefined;
      this.emit({
        type: 'server-tool-call',
        id: search.id,
        name: 'web_search',
        input: { query: search.query },
      });
      const results = searchResultsOf(search.sources, []);
      this.emit({ type: 'server-tool-result', callId: search.id, name: 'web_search', results });
      return;
    }
    const call = this.calls.get(outputIndex);
    if (!call) return;
    if (!call.streamed && isRecord(item)) this.callInput(call, item[call.kind.inputField]);
    this.closeCall(outputIndex, call);
  }

  /** Keeps each output text part's text, counted from where it starts in the answer. */
  private recordText(payload: Payload): void {
    if (typeof payload.delta !== 'string') return;
    const part = this.textPart(payload);
    part.text += payload.delta;
    this.answerLength += codePointLength(payload.delta);
  }

  private textPart(payload: Payload): TextPart {
    const key = `${outputIndexOf(payload)}:${String(payload.content_index)}`;
    let part = this.textParts.get(key);
    if (!part) {
      part = { text: '', offset: this.answerLength, cited: 0 };
      this.textParts.set(key, part);
    }
    return part;
  }

  private onAnnotation(payload: Payload): void {
    const part = this.textPart(payload);
    const citation = urlCitationOf(payload.annotation, part.text, part.offset);
    part.cited += 1;
    if (citation) this.emit(citation);
  }

  /** A text part's annotations that no `annotation.added` event announced go out when it is done. */
  private onTextPartDone(payload: Payload): void {
    const done = isRecord(payload.part) ? payload.part : {};
    if (done.type !== 'output_text' || !Array.isArray(done.annotations)) return;
    const part = this.textPart(payload);
    const unannounced = done.annotations.slice(part.cited);
    part.cited = done.annotations.length;
    for (const citation of urlCitationsOf(unannounced, part.text, part.offset)) this.emit(citation);
  }

  private callInput(call: OpenCall, delta: unknown): void {
    if (typeof delta !== 'string' || delta === '') return;
    call.streamed = true;
    this.emit({ type: 'tool-input', index: call.index, json: call.kind.fragment(delta) });
  }

  private closeCall(outputIndex: number, call: OpenCall): void {
    this.calls.delete(outputIndex);
    if (call.kind.close) this.emit({ type: 'tool-input', index: call.index, json: call.kind.close });
    this.emit({ type: 'tool-call-end', index: call.index });
    if (this.open === 'tool') this.open = undefined;
  }

  private closeCalls(): void {
    for (const [outputIndex, call] of this.calls) this.closeCall(outputIndex, call);
  }

  private onEnd(status: 'completed' | 'incomplete', response: Payload): void {
    this.complete = true;
    this.rawUsage = mergeResponsesUsage(this.rawUsage, response.usage);
    if (this.ended || !this.sink) return;
    this.closeCalls();
    this.open = undefined;
    const { reason, raw } = finishFromResponses(status, response.incomplete_details, this.callCount > 0);
    this.emit({ type: 'finish', reason, raw });
    const usage = this.usage;
    if (usage) this.emit({ type: 'usage', usage });
    this.end();
  }

  private onFailed(response: Payload): void {
    this.rawUsage = mergeResponsesUsage(this.rawUsage, response.usage);
    this.fail(response);
  }

  /** `response.failed` (its response's `error`) or an `error` event (flat, as documented, or nested). */
  private fail(payload: unknown): void {
    const fields = isRecord(payload) ? payload : {};
    const nested = isRecord(fields.error) ? fields.error : fields;
    this.error = typeof nested.message === 'string' ? nested.message : 'upstream sent an error event';
    const code = [nested.code, fields.code].find((value) => typeof value === 'string') as string | undefined;
    const kind = KIND_OF_CODE.get(code ?? nested.type) ?? 'api_error';
    this.emit({ type: 'error', kind, message: this.error, code });
    this.ended = true;
  }

  private end(): void {
    this.emit({ type: 'end' });
    this.ended = true;
  }
}

/** The `output_index` an item event is about; -1 when missing (no call is open under it). */
function outputIndexOf(payload: Payload): number {
  return typeof payload.output_index === 'number' ? payload.output_index : -1;
}
