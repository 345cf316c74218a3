/** The server side of one request: its response, its record and its abort signal. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Exchange } from './faults.js';
import type { RecordedRequest } from './types.js';

/** A record whose settle function the exchange calls when the response closes. */
export interface OpenRecord {
  record: RecordedRequest;
  settle: () => void;
}

export function openRecord(id: number, request: IncomingMessage, url: URL): OpenRecord {
  let settle = (): void => {};
  const finished = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const record: RecordedRequest = {
    id,
    provider: null,
    dialect: null,
    method: request.method ?? 'GET',
    path: url.pathname,
    query: url.search.replace(/^\?/, ''),
    headers: flattenHeaders(request.headers),
    body: undefined,
    rawBody: '',
    aborted: false,
    outcome: 'pending',
    status: null,
    responseText: '',
    finished,
  };
  return { record, settle };
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

export class ServerExchange implements Exchange {
  readonly #controller = new AbortController();
  readonly acceptsGzip: boolean;

  constructor(
    private readonly response: ServerResponse,
    private readonly open: OpenRecord,
    readonly compressByDefault: boolean,
    closing: AbortSignal,
    onClose: () => void,
  ) {
    const { record } = open;
    this.acceptsGzip = /\bgzip\b/i.test(record.headers['accept-encoding'] ?? '');
    const stopOnClosing = (): void => this.#controller.abort(new Error('fake provider closed'));
    closing.addEventListener('abort', stopOnClosing, { once: true });
    response.on('close', () => {
      if (record.outcome === 'pending') {
        if (response.writableFinished) record.outcome = 'completed';
        else if (closing.aborted) record.outcome = 'closed';
        else {
          record.outcome = 'aborted';
          record.aborted = true;
        }
      }
      closing.removeEventListener('abort', stopOnClosing);
      this.#controller.abort(new Error(`exchange ${record.outcome}`));
      onClose();
      open.settle();
    });
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  writeHead(status: number, headers: Record<string, string>): void {
    this.open.record.status = status;
    this.response.writeHead(status, headers);
    // Streams must show their headers before the first (possibly delayed) frame.
    this.response.flushHeaders();
  }

  write(chunk: Buffer): Promise<void> {
    const { signal } = this;
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const onAbort = (): void => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      this.response.write(chunk, (error) => {
        signal.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve();
      });
    });
  }

  recordBody(text: string): void {
    this.open.record.responseText += text;
  }

  end(): void {
    if (!this.signal.aborted) this.response.end();
  }

  reset(how: 'rst' | 'close'): void {
    this.open.record.outcome = 'reset';
    const socket = this.response.socket;
    // An RST makes the client see ECONNRESET, but it may also discard bytes still unread, so
    // mid-stream resets close the socket instead: the frames arrive, the chunked body never ends.
    if (socket && how === 'rst') socket.resetAndDestroy();
    else if (socket) socket.destroy();
    else this.response.destroy();
  }
}
