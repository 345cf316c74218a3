import type { ErrorKind } from '../errors.js';
import { codePointLength } from '../openai-responses/web-search-output.js';
import type { SseEvent } from '../sse.js';
import type { PartSink, StreamPart } from '../stream-parts.js';
import { errorMessageOf, parseJson, type StreamTap } from '../stream-tap.js';
import { isRecord, type TokenUsage } from '../usage.js';
import { pageCitationsOf, searchQueryOf, searchResultsOf } from './citations.js';
import { finishReasonFromMessages } from './map-stop-reason.js';
import { mergeMessagesUsage, messagesUsageToTokens } from './usage.js';
import type { MessagesStreamEvent, MessagesUsage } from './wire.js';

type Event<Type extends MessagesStreamEvent['type']> = Extract<MessagesStreamEvent, { type: Type }>;

/** The events the tap needs; without a sink every other event passes unparsed. */
const TAPPED = new Set(['message_start', 'message_delta', 'message_stop', 'error']);

/** Anthropic error `type` → the gateway's error kind (api_error and any type added later: api_error). */
const KIND_OF_ERROR_TYPE: Record<string, ErrorKind> = {
  invalid_request_error: 'invalid_request',
  authentication_error: 'authentication',
  permission_error: 'permission',
  not_found_error: 'not_found',
  request_too_large: 'request_too_large',
  rate_limit_error: 'rate_limit',
  timeout_error: 'timeout',
  overloaded_error: 'overloaded',
};

/** Where a block's or delta's content is, and the part it makes (server tool blocks and citations: below). */
interface Content {
  field: string;
  part: 'text' | 'reasoning' | 'signature' | 'redacted';
}

const BLOCK_CONTENT: Record<string, Content> = {
  text: { field: 'text', part: 'text' },
  thinking: { field: 'thinking', part: 'reasoning' },
  redacted_thinking: { field: 'data', part: 'redacted' },
};

const DELTA_CONTENT: Record<string, Content> = {
  text_delta: { field: 'text', part: 'text' },
  thinking_delta: { field: 'thinking', part: 'reasoning' },
  signature_delta: { field: 'signature', part: 'signature' },
};

/** A `tool_use` block being streamed: a tool call, or the forced JSON tool whose input is the answer's text. */
interface ToolBlock {
  jsonAnswer: boolean;
  /** `input` from content_block_start: Anthropic sends `{}` and streams the JSON, a few send it whole here. */
  startInput: unknown;
  streamed: boolean;
}

/** A text block being streamed: where its text starts in the answer, and the citations it has so far. */
interface TextBlock {
  start: number;
  citations: unknown[];
}

/** A `server_tool_use` block being streamed: its input JSON so far (or given whole at its start). */
interface ServerToolBlock {
  id: unknown;
  name: unknown;
  json: string;
  startInput: unknown;
}

/**
 * Reads a Messages stream (TRANSLATION.md, "Streams"). Always the stream's tap: usage from
 * `message_start` (input and cache) and `message_delta` (cumulative output), merged by
 * `mergeMessagesUsage`; errors as `event: error`; the end as `message_stop`. Given a sink it also
 * reads the answer into parts: text and thinking blocks as text and reasoning (signatures and
 * redacted thinking as opaque parts), each `tool_use` block as a tool call under its block index
 * (input given whole in `content_block_start` is sent at the block's stop), the forced JSON tool of
 * `jsonTool` as text, `message_delta`'s stop reason as the finish. Claude's own web search: a
 * `server_tool_use` block of `web_search` is a server tool call at its stop (its query streams as
 * `input_json_delta`), a `web_search_tool_result` block (whole at its start) the search's result,
 * and the page citations of a text block (in its start or as `citations_delta`, which may precede
 * the text they cite) are citations of that block's whole text, sent at its stop (citations.ts).
 * Each event is parsed once.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool#streaming
 */
export class MessagesStreamReader implements StreamTap {
  error: string | undefined;
  complete = false;
  private rawUsage: Partial<MessagesUsage> | undefined;
  private readonly toolBlocks = new Map<number, ToolBlock>();
  private readonly textBlocks = new Map<number, TextBlock>();
  private readonly serverToolBlocks = new Map<number, ServerToolBlock>();
  /** Code points of answer text sent so far: where the next text starts, for citation offsets. */
  private answerLength = 0;
  private started = false;
  private ended = false;
  private toolCalls = 0;
  private answeredByJsonTool = false;

  constructor(
    private readonly sink?: PartSink,
    /** The tool the request forced to emulate JSON output: its input is the answer's text. */
    private readonly jsonTool?: string,
    /** Who answers: opaque reasoning parts are tagged with it. */
    private readonly origin: { provider?: string | undefined; model: string } = { model: '' },
  ) {}

  get usage(): TokenUsage | undefined {
    return messagesUsageToTokens(this.rawUsage);
  }

  onEvent(event: SseEvent): void {
    if (!this.sink && !TAPPED.has(event.event ?? '')) return;
    const payload = parseJson(event.data);
    const type = isRecord(payload) && typeof payload.type === 'string' ? payload.type : event.event;
    if (type === 'message_stop') {
      this.complete = true;
      this.finish();
      return;
    }
    if (type === 'error') {
      this.onError(payload);
      return;
    }
    if (!isRecord(payload)) return;
    // Typed by its `event:` line alone, a frame gets the type in a copy; most carry it already.
    const typed = (payload.type === type ? payload : { ...payload, type }) as MessagesStreamEvent;
    if (typed.type === 'message_start') this.onMessageStart(typed);
    else if (typed.type === 'message_delta') this.onMessageDelta(typed);
    if (!this.sink || this.ended) return;
    switch (typed.type) {
      case 'content_block_start':
        this.onBlockStart(typed);
        return;
      case 'content_block_delta':
        this.onBlockDelta(typed);
        return;
      case 'content_block_stop':
        this.onBlockStop(typed);
        return;
    }
  }

  /** The upstream ended: the answer completes (once). */
  finish(): void {
    if (this.ended || !this.sink) return;
    this.emit({ type: 'end' });
    this.ended = true;
  }

  private emit(part: StreamPart): void {
    if (this.sink && !this.ended) this.sink(part);
  }

  private onMessageStart({ message }: Event<'message_start'>): void {
    this.onUsage(message?.usage);
    if (this.started) return; // a second message_start would restart the client's message (bug 4)
    this.started = true;
    this.emit({ type: 'start', id: message?.id });
  }

  private onMessageDelta({ delta, usage }: Event<'message_delta'>): void {
    this.onUsage(usage);
    const raw: unknown = isRecord(delta) ? delta.stop_reason : undefined;
    if (typeof raw !== 'string') return;
    // The forced JSON tool answered: the answer is text that stopped, not a tool call.
    const jsonAnswer = raw === 'tool_use' && this.answeredByJsonTool && this.toolCalls === 0;
    this.emit({ type: 'finish', reason: jsonAnswer ? 'stop' : finishReasonFromMessages(raw), raw });
  }

  private onUsage(usage: unknown): void {
    if (!isRecord(usage)) return;
    this.rawUsage = mergeMessagesUsage(this.rawUsage, usage);
    this.emit({ type: 'usage', usage: messagesUsageToTokens(this.rawUsage) as TokenUsage });
  }

  private onError(payload: unknown): void {
    this.error = errorMessageOf(payload);
    const error = isRecord(payload) ? payload.error : undefined;
    const type = isRecord(error) ? error.type : undefined;
    this.emit({
      type: 'error',
      kind: kindOfErrorType(type),
      message: this.error,
      code: undefined,
    });
    this.ended = true;
  }

  private onBlockStart({ index, content_block: block }: Event<'content_block_start'>): void {
    // Server tool blocks are not among the wire module's ContentBlock types: read as records.
    const server: Record<string, unknown> = isRecord(block) ? block : {};
    if (server.type === 'server_tool_use') {
      this.serverToolBlocks.set(index, {
        id: server.id,
        name: server.name,
        json: '',
        startInput: server.input,
      });
      return;
    }
    if (server.type === 'web_search_tool_result') {
      const results = searchResultsOf(server.content);
      this.emit({ type: 'server-tool-result', callId: server.tool_use_id, name: 'web_search', results });
      return;
    }
    if (block?.type === 'text') this.textBlocks.set(index, { start: this.answerLength, citations: [] });
    if (block?.type !== 'tool_use') {
      this.onContent(lookup(BLOCK_CONTENT, block?.type), block);
      if (block?.type === 'text' && Array.isArray(block.citations)) this.cite(index, ...block.citations);
      return;
    }
    const jsonAnswer = this.jsonTool !== undefined && block.name === this.jsonTool;
    this.toolBlocks.set(index, { jsonAnswer, startInput: block.input, streamed: false });
    if (jsonAnswer) {
      this.answeredByJsonTool = true;
      return;
    }
    this.toolCalls++;
    this.emit({ type: 'tool-call-start', index, id: block.id, name: block.name });
  }

  private onBlockDelta({ index, delta }: Event<'content_block_delta'>): void {
    const serverTool = this.serverToolBlocks.get(index);
    if (delta?.type === 'input_json_delta' && serverTool) {
      if (typeof delta.partial_json === 'string') serverTool.json += delta.partial_json;
    } else if (delta?.type === 'input_json_delta') this.toolInput(index, delta.partial_json);
    else if (delta?.type === 'citations_delta') this.cite(index, delta.citation);
    else this.onContent(lookup(DELTA_CONTENT, delta?.type), delta);
  }

  /** Text, thinking, a signature or redacted thinking, as the table for its block or delta says. */
  private onContent(content: Content | undefined, fields: unknown): void {
    const value = content && isRecord(fields) ? fields[content.field] : undefined;
    if (!content || typeof value !== 'string' || value === '') return;
    if (content.part === 'text') this.emitText(value);
    else if (content.part === 'reasoning') this.emit({ type: content.part, text: value });
    else {
      const { provider, model } = this.origin;
      this.emit({ type: 'reasoning-opaque', format: 'messages', provider, model, kind: content.part, value });
    }
  }

  private onBlockStop({ index }: Event<'content_block_stop'>): void {
    const text = this.textBlocks.get(index);
    if (text) this.onTextBlockStop(index, text);
    const serverTool = this.serverToolBlocks.get(index);
    if (serverTool) this.onServerToolStop(index, serverTool);
    const block = this.toolBlocks.get(index);
    if (!block) return;
    this.toolBlocks.delete(index);
    const { startInput } = block;
    if (!block.streamed && isRecord(startInput) && Object.keys(startInput).length > 0)
      this.toolInput(index, JSON.stringify(startInput), block);
    if (!block.jsonAnswer) this.emit({ type: 'tool-call-end', index });
  }

  private toolInput(index: number, json: unknown, block = this.toolBlocks.get(index)): void {
    if (!block || typeof json !== 'string' || json === '') return;
    block.streamed = true;
    if (block.jsonAnswer) this.emitText(json);
    else this.emit({ type: 'tool-input', index, json });
  }

  private emitText(text: string): void {
    this.answerLength += codePointLength(text);
    this.emit({ type: 'text', text });
  }

  private cite(index: number, ...citations: unknown[]): void {
    this.textBlocks.get(index)?.citations.push(...citations);
  }

  /** The block's text is whole: what it cites covers all of it. */
  private onTextBlockStop(index: number, block: TextBlock): void {
    this.textBlocks.delete(index);
    for (const citation of pageCitationsOf(block.citations, block.start, this.answerLength))
      this.emit(citation);
  }

  /**
   * A search Claude ran: its query is whole now. Other server tools (web fetch, code execution) have
   * no neutral part yet: their blocks are not read, the text about them is.
   */
  private onServerToolStop(index: number, block: ServerToolBlock): void {
    this.serverToolBlocks.delete(index);
    if (block.name !== 'web_search') return;
    const input = block.json === '' ? block.startInput : parseJson(block.json);
    this.emit({
      type: 'server-tool-call',
      id: block.id,
      name: 'web_search',
      input: { query: searchQueryOf(input) },
    });
  }
}

function lookup(table: Record<string, Content>, type: unknown): Content | undefined {
  return typeof type === 'string' && Object.hasOwn(table, type) ? table[type] : undefined;
}

/** Anthropic error `type` → the gateway's error kind; api_error and any type added later: api_error. */
export function kindOfErrorType(type: unknown): ErrorKind {
  return typeof type === 'string' && Object.hasOwn(KIND_OF_ERROR_TYPE, type)
    ? (KIND_OF_ERROR_TYPE[type] as ErrorKind)
    : 'api_error';
}
