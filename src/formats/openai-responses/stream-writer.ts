import type { ErrorDetails } from '../errors.js';
import { type BlockFormat, BlockPartWriter } from '../part-writer.js';
import type { StreamPart } from '../stream-parts.js';
import type { ResponseContext } from '../translation.js';
import { encryptedContentOf } from './carried-reasoning.js';
import { compactionItem, isCompacting, NO_SUMMARY } from './compaction.js';
import { responsesErrorFromDetails, responsesErrorFromUpstream } from './errors.js';
import { ResponsesEventWriter } from './event-writer.js';
import { callIdFrom } from './ids.js';
import { outcomeOf } from './map-status.js';
import { responsesUsageOf } from './usage.js';

/** The parts a compaction's stream writes as any stream does: its start and its end. */
const COMPACTION_FRAME: ReadonlySet<StreamPart['type']> = new Set([
  'start',
  'finish',
  'usage',
  'end',
  'error',
]);

const RESPONSES_ITEMS: BlockFormat = {
  kinds: { text: 'message', reasoning: 'reasoning' },
  callId: callIdFrom,
};

/**
 * Writes a Responses stream from parts (TRANSLATION.md, "Responses" and "Streams"): the start is
 * `response.created` and `response.in_progress`; reasoning becomes a reasoning item with summary
 * text, text a message item (consecutive text stays one message; blank text opens none), each tool
 * call a function call item (a custom tool call for the tools the client declared custom), one item
 * open at a time. At the finish an open call item closes with the response's status; at the end
 * whatever is open closes and `response.completed` (or `response.incomplete`) carries every item and
 * the usage. An upstream error ends with `response.failed` and an `error` event. A search the
 * provider ran is a `web_search_call` item (its results as the action's sources), and a citation of
 * the text is a `url_citation` annotation of the open message (`output_text.annotation.added`, and
 * in the part and item when they are done).
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 * @see https://platform.openai.com/docs/guides/tools-web-search#output-and-citations
 */
export class ResponsesStreamWriter extends BlockPartWriter {
  private readonly writer: ResponsesEventWriter;
  /**
   * The reasoning text of the thinking block being read, every part of it (blank ones too, which
   * open no item): its signature signs exactly this text.
   */
  private thinking = '';
  /**
   * A compaction Codex asked for (compaction.ts): the answer's text, kept to be given whole as the
   * one compaction item at the end; nothing else of the answer is written.
   */
  private readonly compaction: { model: string; summary: string } | undefined;

  constructor(context: ResponseContext) {
    const writer = new ResponsesEventWriter(context.model, new Set(context.customTools), context.clientTools);
    super(writer, RESPONSES_ITEMS, context.toolNames);
    this.writer = writer;
    if (isCompacting(context)) this.compaction = { model: context.model, summary: '' };
  }

  override write(part: StreamPart): string {
    if (this.ended) return '';
    if (this.compaction) return this.compacting(part, this.compaction);
    switch (part.type) {
      case 'server-tool-call':
        this.openCall = undefined;
        return this.writer.webSearch(part.input.query);
      case 'server-tool-result':
        return this.writer.webSearchResults(part.results);
      case 'citation':
        return this.writer.citation(part);
      case 'reasoning':
        this.thinking += part.text;
        return super.write(part);
      case 'reasoning-opaque':
        return this.carry(part);
      default:
        return super.write(part);
    }
  }

  /** The answer's text makes the summary; reasoning and calls are left out; start and end as usual. */
  private compacting(part: StreamPart, compaction: { summary: string }): string {
    if (part.type === 'text') compaction.summary += part.text;
    return COMPACTION_FRAME.has(part.type) ? super.write(part) : '';
  }

  /**
   * Claude's thinking, to be given back on the next request: a signature ends the thinking block
   * read so far, which the open reasoning item carries whole; redacted thinking is an item of its own.
   */
  private carry(part: Extract<StreamPart, { type: 'reasoning-opaque' }>): string {
    const { provider, model } = part;
    const block =
      part.kind === 'signature'
        ? { type: 'thinking' as const, thinking: this.thinking, signature: part.value }
        : { type: 'redacted_thinking' as const, data: part.value };
    this.thinking = '';
    this.openCall = undefined;
    return this.writer.carriedReasoning(
      encryptedContentOf({ provider, model, block }),
      part.kind === 'redacted',
    );
  }

  /** Every text part counts towards citation offsets, blank text that opened no message too. */
  protected override onText(text: string): string {
    const out = super.onText(text);
    this.writer.countAnswerText(text);
    return out;
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

  /** An open call item closes with the response's status (incomplete when truncated). */
  protected onFinish(): string {
    if (this.openCall === undefined) return '';
    this.openCall = undefined;
    return this.writer.close(outcomeOf(this.reason).status);
  }

  protected onEnd(): string {
    const compaction = this.compaction;
    if (compaction?.summary.trim() === '') return this.writer.fail(NO_SUMMARY);
    const item = compaction ? this.writer.wholeItem(compactionItem(compaction)) : '';
    return item + this.writer.complete(outcomeOf(this.reason), responsesUsageOf(this.usage));
  }

  protected onError(error: Extract<StreamPart, { type: 'error' }>): string {
    return this.writer.fail(responsesErrorFromUpstream(error));
  }
}
