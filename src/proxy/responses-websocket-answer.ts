import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { Readable, Writable } from 'node:stream';
import { type ErrorDetails, FORMATS, SseByteParser } from '../formats/index.js';
import { isRecord } from '../formats/usage.js';
import type { GatewayError } from './errors.js';
import { parseQuietly } from './read-all.js';

/**
 * Where one `response.create` is answered: it stands in for the ServerResponse of an HTTP
 * POST /v1/responses, so the request takes exactly the HTTP path (routing, fallback, translation,
 * usage record) and only the last step differs: each SSE event of the answer becomes one JSON text
 * frame, and an HTTP error answer becomes one `error` frame.
 *
 * It also notes what the socket's conversation needs: the response id and its output items.
 */
export class SocketAnswer extends Writable {
  statusCode = 200;
  headersSent = false;
  private readonly headers: Record<string, string> = {};
  private isStream = false;
  private readonly jsonChunks: Buffer[] = [];
  private readonly parser: SseByteParser;
  /** Frames parsed from the bytes written so far and not sent yet. */
  private pending: string[] = [];
  /** The answer's id (from `response.created` or the final response). */
  responseId: string | undefined;
  /** Output items, by output_index, from `response.output_item.done`. */
  readonly output: unknown[] = [];
  /** How the answer ended: `completed`, `incomplete`, `failed`, or undefined (cut, error frame). */
  status: string | undefined;

  constructor(
    /** Sends one text frame; resolves once it is handed to the socket, rejects when the socket is gone. */
    private readonly sendFrame: (text: string) => Promise<void>,
  ) {
    super({ decodeStrings: true });
    // A socket gone mid-answer fails the write: the answer is then destroyed ('close'), which aborts
    // the upstream request; the error itself has nobody else to tell.
    this.on('error', () => {});
    this.parser = new SseByteParser((event) => {
      if (event.data === '' || event.data === '[DONE]') return;
      this.observe(event.event, event.data);
      this.pending.push(event.data);
    });
  }

  setHeader(name: string, value: number | string | readonly string[]): this {
    this.headers[name.toLowerCase()] = String(value);
    return this;
  }

  getHeader(name: string): string | undefined {
    return this.headers[name.toLowerCase()];
  }

  writeHead(status: number, headers?: OutgoingHttpHeaders): this {
    this.statusCode = status;
    for (const [name, value] of Object.entries(headers ?? {})) {
      if (value !== undefined) this.setHeader(name, Array.isArray(value) ? value.join(', ') : String(value));
    }
    this.headersSent = true;
    this.isStream = status < 400 && (this.headers['content-type'] ?? '').includes('text/event-stream');
    // What ekai changed in the request: on HTTP the x-ekai-warnings header; a socket has no headers
    // per response, so it is a frame of its own before the answer (clients ignore unknown types).
    const warnings = this.headers['x-ekai-warnings'];
    if (status < 400 && warnings) {
      this.pending.push(
        JSON.stringify({ type: 'ekai.warnings', request_id: this.headers['x-ekai-request-id'], warnings }),
      );
    }
    return this;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    if (this.isStream) this.parser.write(chunk);
    else this.jsonChunks.push(chunk);
    this.flush().then(() => done(), done);
  }

  override _final(done: (error?: Error | null) => void): void {
    if (this.isStream) this.parser.end();
    else this.pending.push(...this.framesOfJson(Buffer.concat(this.jsonChunks).toString('utf8')));
    this.flush().then(() => done(), done);
  }

  /** Send the frames parsed so far, in order; the write completes when the socket has them. */
  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const frames = this.pending;
      this.pending = [];
      for (const frame of frames) await this.sendFrame(frame);
    }
  }

  /** The events the conversation needs; the text frames themselves go out as the provider wrote them. */
  private observe(name: string | undefined, data: string): void {
    if (name !== undefined && !OBSERVED.has(name)) return;
    const event = parseQuietly(data);
    if (!isRecord(event)) return;
    const response = isRecord(event.response) ? event.response : undefined;
    if (typeof response?.id === 'string') this.responseId = response.id;
    if (event.type === 'response.output_item.done' && isRecord(event.item)) {
      const index = typeof event.output_index === 'number' ? event.output_index : this.output.length;
      this.output[index] = event.item;
    }
    const ended = ENDINGS[String(event.type)];
    if (ended) this.status = ended;
  }

  /**
   * A whole JSON answer. An error (status ≥ 400) becomes the `error` frame OpenAI's WebSocket mode
   * sends, with the HTTP status in it (Codex reads `status` to act as on HTTP: retry a 429 or 5xx,
   * stop on a 4xx); a 200 JSON answer (a provider that would not stream) becomes its output items and
   * `response.completed`, the events a streaming client waits for.
   */
  private framesOfJson(text: string): string[] {
    const body = parseQuietly(text);
    if (this.statusCode >= 400) {
      const error = isRecord(body) && isRecord(body.error) ? body.error : { message: text.slice(0, 2000) };
      return [errorFrame(this.statusCode, error, this.headers)];
    }
    if (!isRecord(body)) return [];
    const output = Array.isArray(body.output) ? body.output : [];
    if (typeof body.id === 'string') this.responseId = body.id;
    this.status = typeof body.status === 'string' ? body.status : 'completed';
    output.forEach((item, index) => {
      this.output[index] = item;
    });
    return [
      ...output.map((item, index) =>
        JSON.stringify({ type: 'response.output_item.done', output_index: index, item }),
      ),
      JSON.stringify({ type: 'response.completed', response: body }),
    ];
  }
}

const ENDINGS: Record<string, string> = {
  'response.completed': 'completed',
  'response.incomplete': 'incomplete',
  'response.failed': 'failed',
};
const OBSERVED = new Set(['response.created', 'response.output_item.done', ...Object.keys(ENDINGS)]);

/** Response headers worth a client's while on an error (Codex reads retry timing from them). */
const ERROR_HEADERS = ['retry-after', 'retry-after-ms', 'x-request-id', 'request-id', 'x-ekai-request-id'];

/**
 * The error frame of OpenAI's WebSocket mode: `{"type":"error","status":…,"error":{…}}` (Codex maps a
 * frame with a non-2xx `status` to the HTTP error of that status; the `headers` map it reads too).
 */
export function errorFrame(
  status: number,
  error: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const kept = Object.fromEntries(
    ERROR_HEADERS.flatMap((name) => (headers[name] ? [[name, headers[name]]] : [])),
  );
  return JSON.stringify({
    type: 'error',
    status,
    error,
    ...(Object.keys(kept).length > 0 && { headers: kept }),
  });
}

/** A gateway error as the socket's `error` frame, in the Responses (OpenAI) error shape. */
export function gatewayErrorFrame(error: GatewayError): string {
  const details: ErrorDetails = error.toDetails('responses');
  const body = FORMATS.responses.errorBody(details) as { error: Record<string, unknown> };
  return errorFrame(error.statusFor('responses'), body.error, error.headersFor('responses'));
}

/** Headers of the upgrade that are the socket's own, not the requests': never passed on. */
const SOCKET_HEADERS =
  /^(sec-websocket-|upgrade$|connection$|content-length$|content-type$|transfer-encoding$)/;
/** The beta that asked for the socket itself (`responses_websockets=2026-02-06`): an HTTP upstream has no use for it. */
const SOCKET_BETA = /^responses_websockets=/;
/**
 * The HTTP request one `response.create` stands for: the upgrade's headers (its credentials, user
 * agent, Codex's session headers) as if sent with a POST of `body`. The body is the frame's fields,
 * which are those of POST /v1/responses (Codex's `client_metadata` included: it sends that in the
 * HTTP body too).
 */
export function turnRequest(upgrade: IncomingMessage, body: Record<string, unknown>): IncomingMessage {
  const text = Buffer.from(JSON.stringify(body));
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(upgrade.headers)) {
    if (!SOCKET_HEADERS.test(name)) headers[name] = value;
  }
  const betas = String(headers['openai-beta'] ?? '')
    .split(',')
    .map((beta) => beta.trim())
    .filter((beta) => beta !== '' && !SOCKET_BETA.test(beta));
  if (betas.length > 0) headers['openai-beta'] = betas.join(', ');
  else delete headers['openai-beta'];
  headers['content-type'] = 'application/json';
  headers['content-length'] = String(text.length);
  const request = Readable.from([text]) as unknown as IncomingMessage;
  Object.assign(request, { headers, method: 'POST', url: '/v1/responses' });
  return request;
}
