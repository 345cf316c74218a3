/**
 * One node:http server on 127.0.0.1 that impersonates all five providers. Each request is
 * recorded, routed by path to a provider and dialect, checked (faults, auth, validation) and
 * answered by the dialect's writer through the fault-aware transport.
 */
import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { chatWriter } from './chat.js';
import { clientError, defaultErrorBody, type ErrorReply, openAiErrorBody } from './errors.js';
import { openRecord, ServerExchange } from './exchange.js';
import { applyBeforeResponse, type Exchange, sendJson, sendStream } from './faults.js';
import { IdSource } from './ids.js';
import { inputTokensBody, inputTokensRefusal } from './input-tokens.js';
import { countTokensBody, messagesWriter } from './messages.js';
import { PromptCache } from './prompt-cache.js';
import {
  checkAuth,
  errorShape,
  FAKE_KEYS,
  modelList,
  PROVIDERS,
  type RouteKind,
  resolveRoute,
} from './providers.js';
import { MatchQueue } from './queue.js';
import type { DialectWriter } from './render.js';
import { responsesWriter } from './responses.js';
import { responsesRefusal } from './responses-providers.js';
import { isObject, type JsonObject, planResponse } from './scenarios.js';
import type {
  Dialect,
  FakeProvider,
  Fault,
  ProviderName,
  QueueOptions,
  RecordedRequest,
  Scenario,
  StartOptions,
} from './types.js';
import { type ParsedBody, parseBody, readBody, validate } from './validation.js';

const WRITERS: Record<Exclude<Dialect, 'count_tokens'>, DialectWriter> = {
  chat: chatWriter,
  messages: messagesWriter,
  responses: responsesWriter,
};

class FakeProviderServer implements FakeProvider {
  readonly #server = createServer((request, response) => {
    void this.#handle(request, response);
  });
  readonly #sockets = new Set<Socket>();
  readonly #closing = new AbortController();
  readonly #events = new EventEmitter();
  readonly #requests: RecordedRequest[] = [];
  readonly #faults = new MatchQueue<Fault>();
  readonly #scripts = new MatchQueue<Scenario>();
  readonly #promptCache: PromptCache;
  readonly #keys: Record<ProviderName, string>;
  readonly #compress: boolean;
  #sequence = 0;
  #active = 0;
  #url = '';
  #closed: Promise<void> | undefined;

  constructor(options: StartOptions) {
    this.#keys = { ...FAKE_KEYS, ...options.keys };
    this.#compress = options.compress === true;
    this.#promptCache = new PromptCache(options.clock);
    this.#server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    const { port } = this.#server.address() as AddressInfo;
    this.#url = `http://127.0.0.1:${port}`;
  }

  get url(): string {
    return this.#url;
  }

  get requests(): readonly RecordedRequest[] {
    return this.#requests;
  }

  baseUrl(provider: ProviderName): string {
    return `${this.#url}${PROVIDERS[provider].basePath}`;
  }

  lastRequest(): RecordedRequest | undefined {
    return this.#requests[this.#requests.length - 1];
  }

  waitForRequests(count: number): Promise<readonly RecordedRequest[]> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.#requests.length < count) return;
        stop();
        resolve(this.#requests);
      };
      const onClose = (): void => {
        stop();
        reject(new Error(`fake provider closed after ${this.#requests.length} of ${count} requests`));
      };
      const stop = (): void => {
        this.#events.off('request', check);
        this.#closing.signal.removeEventListener('abort', onClose);
      };
      this.#events.on('request', check);
      this.#closing.signal.addEventListener('abort', onClose, { once: true });
      check();
    });
  }

  inject(fault: Fault, options?: QueueOptions): void {
    this.#faults.push(fault, options);
  }

  script(scenario: Scenario, options?: QueueOptions): void {
    this.#scripts.push(scenario, options);
  }

  reset(): void {
    this.#requests.length = 0;
    this.#faults.clear();
    this.#scripts.clear();
    this.#promptCache.clear();
  }

  openConnections(): number {
    return this.#sockets.size;
  }

  activeRequests(): number {
    return this.#active;
  }

  close(): Promise<void> {
    this.#closed ??= this.#shutdown();
    return this.#closed;
  }

  async #shutdown(): Promise<void> {
    this.#closing.abort(new Error('fake provider closed'));
    const serverClosed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    // The server reports closed before its sockets emit 'close'; wait for both so that
    // openConnections() is 0 once close() resolves.
    const socketsClosed = [...this.#sockets].map((socket) => once(socket, 'close'));
    for (const socket of this.#sockets) socket.destroy();
    await Promise.all([serverClosed, ...socketsClosed]);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake.invalid');
    const open = openRecord(++this.#sequence, request, url);
    const { record } = open;
    this.#active += 1;
    const exchange = new ServerExchange(response, open, this.#compress, this.#closing.signal, () => {
      this.#active -= 1;
    });
    try {
      record.rawBody = await readBody(request);
    } catch {
      // The client went away mid-upload; the record still shows what arrived.
    }
    const parsed = parseBody(record.rawBody);
    record.body = parsed.value;
    const route = resolveRoute(record.method, record.path);
    record.provider = route.provider;
    // OpenAI's Responses count is recorded as the token counter, like Anthropic's (types.ts
    // `Dialect`), so that filters leaving counts out of generations see both; the path tells them apart.
    record.dialect = route.kind === 'input_tokens' ? 'count_tokens' : route.kind;
    this.#requests.push(record);
    this.#events.emit('request');
    try {
      await this.#respond(exchange, record, route.provider, route.kind, parsed);
    } catch (error) {
      if (exchange.signal.aborted) return; // client gone, fault reset or fake closing: expected
      console.error('[fake-provider] handler failed:', error);
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    }
  }

  async #respond(
    exchange: Exchange,
    record: RecordedRequest,
    provider: ProviderName | null,
    kind: RouteKind | null,
    parsed: ParsedBody,
  ): Promise<void> {
    if (exchange.signal.aborted) return; // the client left while uploading
    const invalidUrl = `Invalid URL (${record.method} ${record.path})`;
    if (provider === null) {
      const body = openAiErrorBody({ message: invalidUrl, type: 'invalid_request_error' });
      return sendJson(exchange, 404, body, {});
    }
    const ids = new IdSource(`request:${record.id}`);
    if (kind === null) {
      const notFound = clientError(errorShape(provider, kind), 404, invalidUrl);
      return this.#sendError(exchange, ids, provider, kind, notFound);
    }
    if (kind === 'input_tokens') return this.#countInputTokens(exchange, ids, provider, record, parsed);

    const fault = kind === 'models' ? undefined : this.#faults.take(provider, kind);
    if (await applyBeforeResponse(exchange, fault)) return;
    if (fault?.status !== undefined) return this.#sendFault(exchange, ids, provider, kind, fault);

    const denied = checkAuth(provider, kind, record.headers, this.#keys[provider]);
    if (denied) return this.#sendError(exchange, ids, provider, kind, denied, fault);
    const headers = this.#successHeaders(ids, provider, kind);
    if (kind === 'models') return sendJson(exchange, 200, modelList(provider), headers);

    const invalid = validate(provider, kind, parsed, record.headers);
    if (invalid) return this.#sendError(exchange, ids, provider, kind, invalid, fault);
    const body = parsed.value as JsonObject;
    // What one provider's Responses API refuses and another's takes (responses-providers.ts).
    const refused = kind === 'responses' ? responsesRefusal(provider, body) : null;
    if (refused) return this.#sendError(exchange, ids, provider, kind, refused, fault);
    if (kind === 'count_tokens') return sendJson(exchange, 200, countTokensBody(body), headers, fault);

    const scripted = this.#scripts.take(provider, kind);
    const plan = planResponse({ provider, dialect: kind, body, scripted, promptCache: this.#promptCache });
    if (plan.error) return this.#sendFault(exchange, ids, provider, kind, { ...fault, ...plan.error });
    const writer = WRITERS[kind];
    const rendered = writer.render({ plan, body, ids, created: Math.floor(Date.now() / 1000) });
    if (rendered.kind === 'json') return sendJson(exchange, 200, rendered.body, headers, fault);
    return sendStream(exchange, headers, rendered.frames, writer, fault);
  }

  /** OpenAI's Responses token count: the `/v1/responses` credentials, then its own checks. */
  #countInputTokens(
    exchange: Exchange,
    ids: IdSource,
    provider: ProviderName,
    record: RecordedRequest,
    parsed: ParsedBody,
  ): Promise<void> {
    const kind = 'input_tokens';
    const denied = checkAuth(provider, 'responses', record.headers, this.#keys[provider]);
    if (denied) return this.#sendError(exchange, ids, provider, kind, denied);
    const refused = parsed.ok
      ? inputTokensRefusal(parsed.value)
      : validate(provider, 'responses', parsed, record.headers);
    if (refused) return this.#sendError(exchange, ids, provider, kind, refused);
    const headers = this.#successHeaders(ids, provider, kind);
    return sendJson(exchange, 200, inputTokensBody(parsed.value as JsonObject), headers);
  }

  /** Request-id headers as each API sends them on every response. */
  #successHeaders(ids: IdSource, provider: ProviderName, kind: RouteKind | null): Record<string, string> {
    if (errorShape(provider, kind) === 'anthropic') return { 'request-id': `req_011C${ids.token(20)}` };
    if (provider === 'openai') return { 'x-request-id': `req_${ids.hex(32)}` };
    return {};
  }

  #sendFault(
    exchange: Exchange,
    ids: IdSource,
    provider: ProviderName,
    kind: RouteKind,
    fault: Fault,
  ): Promise<void> {
    const status = fault.status ?? 500;
    const body = fault.body ?? defaultErrorBody(errorShape(provider, kind), status);
    return this.#sendError(exchange, ids, provider, kind, { status, body, headers: fault.headers }, fault);
  }

  /** The one place errors become HTTP responses. */
  #sendError(
    exchange: Exchange,
    ids: IdSource,
    provider: ProviderName,
    kind: RouteKind | null,
    reply: ErrorReply,
    fault?: Fault,
  ): Promise<void> {
    const headers = { ...this.#successHeaders(ids, provider, kind), ...reply.headers };
    let body = reply.body;
    const requestId = headers['request-id'];
    // Anthropic repeats the request id inside the error body.
    if (requestId && isObject(body) && body.type === 'error' && body.request_id === undefined) {
      body = { ...body, request_id: requestId };
    }
    return sendJson(exchange, reply.status, body, headers, { compress: fault?.compress });
  }
}

export async function startFakeProvider(options: StartOptions = {}): Promise<FakeProvider> {
  const fake = new FakeProviderServer(options);
  await fake.listen();
  return fake;
}
