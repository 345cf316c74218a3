import type { WireFormat } from '../wire.js';
import { MessagesStreamReader } from './anthropic-messages/stream-reader.js';
import { MessagesStreamWriter } from './anthropic-messages/stream-writer.js';
import type { ErrorDetails } from './errors.js';
import { ChatStreamReader } from './openai-chat/stream-reader.js';
import { ChatStreamWriter } from './openai-chat/stream-writer.js';
import { ResponsesStreamReader } from './openai-responses/stream-reader.js';
import { ResponsesStreamWriter } from './openai-responses/stream-writer.js';
import type { SseEvent } from './sse.js';
import type { PartSink, StreamWriter } from './stream-parts.js';
import type { StreamTap } from './stream-tap.js';
import type { ResponseContext, StreamTranslator } from './translation.js';

export type { WireFormat } from '../wire.js';

/** Reads one upstream wire format: the stream's tap, and (given a sink) the answer as parts. */
export interface StreamReader extends StreamTap {
  onEvent(event: SseEvent): void;
  /** The upstream stream ended (properly or not): the answer completes, if it has not. */
  finish(): void;
}

/**
 * One reader per upstream wire format. Responses is an upstream format too: current GPT models take
 * tools together with reasoning only on /v1/responses, so Chat and Messages clients reach them
 * through it (issue 17).
 */
const READERS: Partial<Record<WireFormat, (sink: PartSink, context: ResponseContext) => StreamReader>> = {
  chat: (sink) => new ChatStreamReader(sink),
  messages: (sink, context) => new MessagesStreamReader(sink, context.jsonTool, context),
  responses: (sink) => new ResponsesStreamReader(sink),
};

/** One writer per client wire format. */
const WRITERS: Record<WireFormat, (context: ResponseContext) => StreamWriter> = {
  chat: (context) => new ChatStreamWriter(context),
  messages: (context) => new MessagesStreamWriter(context),
  responses: (context) => new ResponsesStreamWriter(context),
};

/**
 * An upstream stream in the client's wire format: the upstream's reader feeds the client's writer,
 * event by event. The reader is also the stream's tap (usage, error, proper end), so each upstream
 * event is parsed once, and the usage the client is told is the usage ekai records.
 */
export class TranslatedStream implements StreamTranslator {
  readonly tap: StreamReader;
  readonly fail?: (error: ErrorDetails) => string;
  private pending = '';

  constructor(upstream: WireFormat, client: WireFormat, context: ResponseContext) {
    const reader = READERS[upstream];
    if (!reader) throw new Error(`no stream reader for ${upstream}`);
    const writer = WRITERS[client](context);
    this.tap = reader((part) => {
      this.pending += writer.write(part);
    }, context);
    if (writer.fail) {
      const fail = writer.fail.bind(writer);
      this.fail = (error) => this.take() + fail(error);
    }
  }

  push(event: SseEvent): string {
    this.tap.onEvent(event);
    return this.take();
  }

  finish(): string {
    this.tap.finish();
    return this.take();
  }

  private take(): string {
    const out = this.pending;
    this.pending = '';
    return out;
  }
}
