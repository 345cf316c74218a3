import type { BlockSink } from '../part-writer.js';
import { formatSse } from '../sse.js';
import type { SearchResult } from '../stream-parts.js';
import { type ClientTool, type ClientToolMap, clientCallKind, clientToolCallItem } from './client-tools.js';
import { randomId, responseIdFrom, unixSeconds } from './ids.js';
import type { ResponseOutcome } from './map-status.js';
import {
  customToolCallItem,
  customToolInput,
  failedResponse,
  finishedResponse,
  functionArguments,
  functionCallItem,
  inProgressResponse,
  messageItem,
  outputText,
  type ResponseFields,
  reasoningItem,
} from './output-items.js';
import {
  asOutputItem,
  type UrlCitationAnnotation,
  urlCitationAnnotation,
  webSearchCallItem,
} from './web-search-items.js';
import { codePointLength } from './web-search-output.js';
import type {
  ItemStatus,
  ResponsesError,
  ResponsesOutputItem,
  ResponsesStreamEvent,
  ResponsesUsage,
} from './wire.js';

export type ItemKind =
  | 'message'
  | 'reasoning'
  | 'function_call'
  | 'custom_tool_call'
  | 'web_search_call'
  | 'tool_search_call'
  | 'local_shell_call';

/** Events wire.ts does not declare (yet), in OpenAI's documented shapes. */
type WebSearchEvent = {
  type:
    | 'response.web_search_call.in_progress'
    | 'response.web_search_call.searching'
    | 'response.web_search_call.completed';
  item_id: string;
  output_index: number;
};
type AnnotationAddedEvent = {
  type: 'response.output_text.annotation.added';
  item_id: string;
  output_index: number;
  content_index: number;
  annotation_index: number;
  annotation: UrlCitationAnnotation;
};

interface OpenItem {
  kind: ItemKind;
  id: string;
  outputIndex: number;
  /** The text, reasoning or arguments received so far. */
  text: string;
  callId: string;
  name: string;
  /** A call to one of Codex's own tools: how the client declared it (client-tools.ts). */
  declared?: ClientTool;
  /** A message: code points of answer text before it (citations give offsets in the whole answer). */
  offset: number;
  /** A message: the citations of its text so far. */
  annotations: UrlCitationAnnotation[];
  /** A reasoning item: whether it announced a summary part (reasoning text opened it). */
  summary: boolean;
  /** A reasoning item: the reasoning to give back (carried-reasoning.ts). */
  encrypted?: string;
}

const NO_CALL = { callId: '', name: '' };

/**
 * Writes one Responses stream: `response.created` and `response.in_progress` first, then output
 * items one at a time — each opened with `output_item.added`, fed its deltas and closed with its
 * `…done` events and `output_item.done` before the next opens, so `output_index` counts items in
 * order and deltas of two items never interleave — and finally `response.completed` (or
 * `response.incomplete`) with every item and the usage, or `response.failed`. Every event has
 * `event:` and `data:` lines and the next `sequence_number`.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
export class ResponsesEventWriter implements BlockSink {
  private sequence = 0;
  private started = false;
  private ended = false;
  private id = responseIdFrom(undefined);
  private readonly createdAt = unixSeconds();
  private readonly output: ResponsesOutputItem[] = [];
  private open: OpenItem | undefined;
  /** Code points of the answer's text so far, as the parts gave it (blank text that opened nothing too). */
  private answerLength = 0;

  constructor(
    private readonly model: string,
    private readonly customTools: ReadonlySet<string>,
    private readonly clientTools?: ClientToolMap,
  ) {}

  get openKind(): ItemKind | undefined {
    return this.open?.kind;
  }

  /** Whether the stream is over (completed or failed): nothing more is written. */
  get isEnded(): boolean {
    return this.ended;
  }

  /** `response.created` and `response.in_progress`, once, under an id made from the upstream's. */
  start(upstreamId?: unknown): string {
    if (this.started || this.ended) return '';
    this.started = true;
    this.id = responseIdFrom(upstreamId);
    const response = inProgressResponse(this.fields());
    return (
      this.event({ type: 'response.created', response }) +
      this.event({ type: 'response.in_progress', response })
    );
  }

  /** Answer text: continues the open message item, or opens one. */
  text(delta: string): string {
    return this.append('message', delta);
  }

  /** Reasoning text: continues the open reasoning item's summary, or opens one. */
  reasoning(delta: string): string {
    return this.append('reasoning', delta);
  }

  /**
   * Reasoning the provider wants back (carried-reasoning.ts): the open reasoning item closes carrying
   * it as `encrypted_content`, since a thinking block's signature ends the block whose text the item
   * holds (one with no text, as when Claude omits it, gets an item of its own). Redacted thinking,
   * which has no text, is always an item of its own.
   */
  carriedReasoning(encryptedContent: string, ownItem: boolean): string {
    const out = this.open?.kind === 'reasoning' && !ownItem ? '' : this.openItem('reasoning', NO_CALL, false);
    this.open!.encrypted = encryptedContent;
    return out + this.close();
  }

  /** Counts answer text the parts gave, written or not: citation offsets count it. */
  countAnswerText(text: string): void {
    this.answerLength += codePointLength(text);
  }

  /**
   * A search the provider ran: a `web_search_call` item, opened with its query (known only once the
   * search ran, so `in_progress` and `searching` follow at once) and closed by its results.
   */
  webSearch(query: string): string {
    const out = this.openItem('web_search_call', { callId: '', name: query });
    const item = this.open!;
    const at = { item_id: item.id, output_index: item.outputIndex };
    return (
      out +
      this.event({ type: 'response.web_search_call.in_progress', ...at }) +
      this.event({ type: 'response.web_search_call.searching', ...at })
    );
  }

  /** The open search's results: the search completes, its pages as the action's sources. */
  webSearchResults(results: readonly SearchResult[]): string {
    const item = this.open;
    if (item?.kind !== 'web_search_call') return '';
    this.open = undefined;
    return this.closeWebSearch(item, results);
  }

  /**
   * A citation of the answer's text from `start` to `end` (code points in the whole answer): an
   * annotation of the open message's text, if it cites that text. A citation of text no open message
   * holds has nothing to annotate.
   */
  citation(citation: { url: string; title: string | undefined; start: number; end: number }): string {
    const item = this.open;
    if (item?.kind !== 'message') return '';
    const start = citation.start - item.offset;
    const end = citation.end - item.offset;
    if (start < 0 || end < start || end > codePointLength(item.text)) return '';
    const annotation = urlCitationAnnotation(citation, start, end);
    item.annotations.push(annotation);
    return this.event({
      type: 'response.output_text.annotation.added',
      ...this.partOf(item),
      annotation_index: item.annotations.length - 1,
      annotation,
    });
  }

  /**
   * Opens a function call item (a custom tool call when the client declared `name` as custom; for
   * Codex's own tools the item it expects: client-tools.ts).
   */
  startCall(callId: string, name: string): string {
    const declared = this.clientTools?.get(name);
    if (declared) return this.openItem(clientCallKind(declared), { callId, name, declared });
    const kind = this.customTools.has(name) ? 'custom_tool_call' : 'function_call';
    return this.openItem(kind, { callId, name });
  }

  /**
   * A fragment of the open call's arguments. A custom tool's input is the `input` string inside the
   * arguments JSON, known once the JSON is complete: it is sent whole when the call closes.
   */
  callInput(delta: string): string {
    const item = this.open;
    if (delta === '' || item === undefined || !CALL_KINDS.has(item.kind)) return '';
    item.text += delta;
    // Only a function call's arguments stream; the other calls' items are read once complete.
    if (item.kind !== 'function_call') return '';
    return this.event({
      type: 'response.function_call_arguments.delta',
      item_id: item.id,
      output_index: item.outputIndex,
      delta,
    });
  }

  /**
   * An item known whole at once (ekai's compaction item, compaction.ts): `output_item.added` and
   * `output_item.done` together, after whatever was open closes.
   */
  wholeItem(finished: ResponsesOutputItem): string {
    if (this.ended) return '';
    const out = this.start() + this.close();
    const item = { output_index: this.output.length, item: finished };
    this.output.push(finished);
    return (
      out +
      this.event({ type: 'response.output_item.added', ...item }) +
      this.event({ type: 'response.output_item.done', ...item })
    );
  }

  /** Closes the open item with its `…done` events and `output_item.done`. */
  close(status: ItemStatus = 'completed'): string {
    const item = this.open;
    if (item === undefined) return '';
    this.open = undefined;
    switch (item.kind) {
      case 'message':
        return this.closeMessage(item, status);
      case 'reasoning':
        return this.closeReasoning(item);
      case 'function_call':
        return this.closeFunctionCall(item, status);
      case 'custom_tool_call':
        return this.closeCustomToolCall(item, status);
      case 'web_search_call':
        return this.closeWebSearch(item, undefined);
      case 'tool_search_call':
      case 'local_shell_call':
        return this.done(this.callItem(item, status), item);
    }
  }

  /**
   * The end: the open item closes (`incomplete` when the response is), then `response.completed`,
   * or `response.incomplete` as OpenAI ends a truncated or filtered response.
   */
  complete(outcome: ResponseOutcome, usage: ResponsesUsage): string {
    if (this.ended) return '';
    const out = this.start() + this.close(outcome.status === 'completed' ? 'completed' : 'incomplete');
    this.ended = true;
    const response = finishedResponse(this.fields(), outcome, usage);
    const type = outcome.status === 'completed' ? 'response.completed' : 'response.incomplete';
    return out + this.event({ type, response });
  }

  /**
   * An error: `response.failed` (what Codex reads: it retries, or reports `context_length_exceeded`
   * and `insufficient_quota`), then an `error` event (on which the openai SDK throws), and nothing
   * after. The open item stays unfinished, as on OpenAI.
   */
  fail(error: ResponsesError): string {
    if (this.ended) return '';
    const out = this.start();
    this.ended = true;
    this.open = undefined;
    return (
      out +
      this.event({ type: 'response.failed', response: failedResponse(this.fields(), error) }) +
      this.event(errorEvent(error))
    );
  }

  private fields(): ResponseFields {
    return { id: this.id, createdAt: this.createdAt, model: this.model, output: this.output };
  }

  /** A text delta to the open item of `kind` (opened first if another is open), and its event. */
  private append(kind: 'message' | 'reasoning', delta: string): string {
    if (delta === '') return '';
    const out = this.ensureOpen(kind);
    const item = this.open!;
    item.text += delta;
    const at = { item_id: item.id, output_index: item.outputIndex };
    return (
      out +
      this.event(
        kind === 'message'
          ? { type: 'response.output_text.delta', ...at, content_index: 0, delta, logprobs: [] }
          : { type: 'response.reasoning_summary_text.delta', ...at, summary_index: 0, delta },
      )
    );
  }

  private ensureOpen(kind: 'message' | 'reasoning'): string {
    return this.open?.kind === kind ? '' : this.openItem(kind, NO_CALL);
  }

  private openItem(
    kind: ItemKind,
    call: { callId: string; name: string; declared?: ClientTool },
    summary = true,
  ): string {
    let out = this.start() + this.close();
    const item: OpenItem = {
      kind,
      id: randomId(ID_PREFIX[kind]),
      outputIndex: this.output.length,
      text: '',
      ...call,
      offset: this.answerLength,
      annotations: [],
      summary: kind === 'reasoning' && summary,
    };
    this.open = item;
    out += this.event({
      type: 'response.output_item.added',
      output_index: item.outputIndex,
      item: snapshot(item),
    });
    if (kind === 'message') {
      out += this.event({ ...this.partOf(item), type: 'response.content_part.added', part: outputText('') });
    } else if (item.summary) {
      out += this.event({
        ...this.summaryOf(item),
        type: 'response.reasoning_summary_part.added',
        part: { type: 'summary_text', text: '' },
      });
    }
    return out;
  }

  private closeMessage(item: OpenItem, status: ItemStatus): string {
    const part = { ...outputText(item.text), annotations: item.annotations };
    const message = messageItem(item.text, status, item.id);
    message.content = [part];
    return (
      this.event({ ...this.partOf(item), type: 'response.output_text.done', text: item.text, logprobs: [] }) +
      this.event({ ...this.partOf(item), type: 'response.content_part.done', part }) +
      this.done(message, item)
    );
  }

  /** The query was kept as the open item's `name`. */
  private closeWebSearch(item: OpenItem, results: readonly SearchResult[] | undefined): string {
    const at = { item_id: item.id, output_index: item.outputIndex };
    return (
      this.event({ type: 'response.web_search_call.completed', ...at }) +
      this.done(asOutputItem(webSearchCallItem(item.name, results, 'completed', item.id)), item)
    );
  }

  private closeReasoning(item: OpenItem): string {
    const finished = reasoningItem(item.summary ? item.text : undefined, item.id, item.encrypted);
    if (!item.summary) return this.done(finished, item);
    return (
      this.event({ ...this.summaryOf(item), type: 'response.reasoning_summary_text.done', text: item.text }) +
      this.event({
        ...this.summaryOf(item),
        type: 'response.reasoning_summary_part.done',
        part: { type: 'summary_text', text: item.text },
      }) +
      this.done(finished, item)
    );
  }

  private closeFunctionCall(item: OpenItem, status: ItemStatus): string {
    const args = functionArguments(item.text);
    const ids = { item_id: item.id, output_index: item.outputIndex };
    // Arguments never streamed (a call without any) are sent as `{}`, so the deltas add up to them.
    const delta =
      args === item.text
        ? ''
        : this.event({ type: 'response.function_call_arguments.delta', ...ids, delta: args });
    return (
      delta +
      this.event({
        type: 'response.function_call_arguments.done',
        ...ids,
        // A namespace's tool by its own name (the item says which namespace).
        name: item.declared?.type === 'function' ? item.declared.name : item.name,
        arguments: args,
      }) +
      this.done(this.callItem({ ...item, text: args }, status), item)
    );
  }

  private closeCustomToolCall(item: OpenItem, status: ItemStatus): string {
    const input = customToolInput(item.text);
    const ids = { item_id: item.id, output_index: item.outputIndex };
    const delta =
      input === '' ? '' : this.event({ type: 'response.custom_tool_call_input.delta', ...ids, delta: input });
    return (
      delta +
      this.event({ type: 'response.custom_tool_call_input.done', ...ids, input }) +
      this.done(this.callItem(item, status), item)
    );
  }

  /** A call item as finished: Codex's own tools as the items it expects, others by their kind. */
  private callItem(item: OpenItem, status: ItemStatus): ResponsesOutputItem {
    const call = { callId: item.callId, name: item.name, arguments: item.text };
    if (item.declared) return clientToolCallItem(call, item.declared, status, item.id);
    return item.kind === 'custom_tool_call'
      ? customToolCallItem(call, status, item.id)
      : functionCallItem(call, status, item.id);
  }

  private done(finished: ResponsesOutputItem, item: OpenItem): string {
    this.output.push(finished);
    return this.event({ type: 'response.output_item.done', output_index: item.outputIndex, item: finished });
  }

  private partOf(item: OpenItem) {
    return { item_id: item.id, output_index: item.outputIndex, content_index: 0 };
  }

  private summaryOf(item: OpenItem) {
    return { item_id: item.id, output_index: item.outputIndex, summary_index: 0 };
  }

  private event(event: ResponsesStreamEvent | WebSearchEvent | AnnotationAddedEvent): string {
    return formatResponsesEvent(event as ResponsesStreamEvent, this.sequence++);
  }
}

const ID_PREFIX: Record<ItemKind, string> = {
  message: 'msg_',
  reasoning: 'rs_',
  function_call: 'fc_',
  custom_tool_call: 'ctc_',
  web_search_call: 'ws_',
  tool_search_call: 'tsc_',
  local_shell_call: 'lsc_',
};

const CALL_KINDS: ReadonlySet<ItemKind> = new Set([
  'function_call',
  'custom_tool_call',
  'tool_search_call',
  'local_shell_call',
]);

/** The item as `output_item.added` shows it: in progress, nothing received yet. */
function snapshot(item: OpenItem): ResponsesOutputItem {
  const call = { callId: item.callId, name: item.name, arguments: '' };
  if (item.declared) return clientToolCallItem(call, item.declared, 'in_progress', item.id);
  switch (item.kind) {
    case 'message':
      return messageItem('', 'in_progress', item.id);
    case 'reasoning':
      return reasoningItem(undefined, item.id);
    case 'function_call':
      return functionCallItem(call, 'in_progress', item.id);
    case 'custom_tool_call':
      return customToolCallItem(call, 'in_progress', item.id);
    case 'web_search_call':
      return asOutputItem(webSearchCallItem(item.name, undefined, 'in_progress', item.id));
    case 'tool_search_call':
      return clientToolCallItem(call, { type: 'tool_search' }, 'in_progress', item.id);
    case 'local_shell_call':
      return clientToolCallItem(call, { type: 'local_shell' }, 'in_progress', item.id);
  }
}

/** One Responses SSE frame: `event:` and `data:` lines, `type` first and `sequence_number` last. */
export function formatResponsesEvent(
  event: ResponsesStreamEvent,
  sequenceNumber: number | undefined,
): string {
  const { type, ...fields } = event;
  const data = { type, ...fields, ...(sequenceNumber !== undefined && { sequence_number: sequenceNumber }) };
  return formatSse(JSON.stringify(data), type);
}

/**
 * The `error` event: OpenAI documents `code`, `message` and `param` at the top level and sends them
 * nested in `error` as well; the nested copy is what makes the openai SDK throw.
 */
export function errorEvent(error: ResponsesError): Extract<ResponsesStreamEvent, { type: 'error' }> {
  const fields = { code: error.code, message: error.message, param: null };
  return { type: 'error', ...fields, error: { type: errorTypeOf(error.code), ...fields } };
}

function errorTypeOf(code: string): string {
  if (code === 'rate_limit_exceeded') return 'rate_limit_error';
  if (code === 'context_length_exceeded' || code === 'invalid_request_error') return 'invalid_request_error';
  return 'server_error';
}
