import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RawData, WebSocket } from 'ws';
import { unixSeconds } from '../formats/ids.js';
import { responsesUsageOf } from '../formats/openai-responses/usage.js';
import { isRecord } from '../formats/usage.js';
import { type CompletionRoute, handleCompletion } from './completions.js';
import { GatewayError } from './errors.js';
import type { GatewayState } from './gateway-state.js';
import { gatewayErrorFrame, SocketAnswer, turnRequest } from './responses-websocket-answer.js';
import { SocketConversation } from './responses-websocket-history.js';

/** Every turn on a socket is a POST /v1/responses as far as routing and the usage record go. */
const ROUTE: CompletionRoute = { format: 'responses', endpoint: 'responses', path: '/v1/responses' };

/**
 * Client events that need no answer. `response.processed` is a newer Codex's acknowledgement of an
 * answer it has read; an `error` frame for it would be read as the next turn's answer.
 */
const ACKNOWLEDGEMENTS = new Set(['response.processed']);

/**
 * One Responses WebSocket (OpenAI's WebSocket mode): client `response.create` events, one at a time
 * in the order they came (OpenAI runs a connection's responses sequentially too), each answered as
 * the HTTP POST /v1/responses with the same body would be, event by event.
 * @see https://developers.openai.com/api/docs/guides/websocket-mode
 * @see https://developers.openai.com/api/reference/resources/responses/websocket-events
 */
export class ResponsesSocketSession {
  private readonly conversation = new SocketConversation();
  private queue: Promise<void> = Promise.resolve();
  private answering: SocketAnswer | undefined;
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly upgrade: IncomingMessage,
    private readonly state: GatewayState,
    /** Told about every turn, so that a closing gateway can wait for the ones in flight. */
    track: (turn: Promise<void>) => void,
  ) {
    socket.on('message', (data, isBinary) => {
      const turn = this.queue.then(() => this.onFrame(data, isBinary));
      this.queue = turn.catch(() => {});
      track(this.queue);
    });
    socket.on('close', () => {
      this.closed = true;
      // The client went away mid-answer: the upstream request is aborted and recorded as such.
      this.answering?.destroy();
    });
    socket.on('error', () => {});
  }

  private async onFrame(data: RawData, isBinary: boolean): Promise<void> {
    if (this.closed) return;
    try {
      const event = parseEvent(data, isBinary);
      if (ACKNOWLEDGEMENTS.has(event.type as string)) return;
      if (event.type !== 'response.create') {
        throw new GatewayError(
          'invalid_request',
          `unsupported event type ${JSON.stringify(String(event.type).slice(0, 100))}: this socket takes response.create`,
          { param: 'type' },
        );
      }
      await this.create(event);
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      // A bad frame costs only its own answer: the socket stays open for the next one, as on OpenAI.
      await this.send(gatewayErrorFrame(error));
    }
  }

  private async create(event: Record<string, unknown>): Promise<void> {
    const { type: _type, generate, ...body } = event;
    checkCreate(body);
    const input = this.wholeInput(body);
    if (input !== undefined) {
      body.input = input;
      delete body.previous_response_id;
    }
    if (generate === false) return this.prewarm(body);
    // Over the socket every answer streams (OpenAI: `stream` is implicit and need not be sent).
    body.stream = true;
    const answer = new SocketAnswer((text) => this.send(text));
    this.answering = answer;
    try {
      await handleCompletion(turnRequest(this.upgrade, body), answer as never, this.state, ROUTE);
    } finally {
      this.answering = undefined;
    }
    if (answer.responseId && (answer.status === 'completed' || answer.status === 'incomplete')) {
      this.conversation.remember(answer.responseId, body.input, answer.output.filter(Boolean));
    }
  }

  /**
   * The input with the history of `previous_response_id` in front when this socket answered that
   * response; undefined when the request has no previous response or one this socket does not know.
   * An unknown id goes on as sent: OpenAI may have it stored (a client that sends `store: true`),
   * and a translated provider refuses it with a clear 400 (nothing is silently lost).
   */
  private wholeInput(body: Record<string, unknown>): unknown[] | undefined {
    const previous = body.previous_response_id;
    if (typeof previous !== 'string' || previous === '') return undefined;
    return this.conversation.expand(previous, body.input);
  }

  /**
   * `generate: false` (Codex's prewarm, sent as each session starts): OpenAI prepares the request
   * and answers with a response id, no output, that the next turn continues from. No model is
   * asked, so nothing is recorded or billed; ekai remembers the input under a new id and answers
   * `response.created` then `response.completed`, empty.
   */
  private async prewarm(body: Record<string, unknown>): Promise<void> {
    const id = `resp_${randomBytes(16).toString('hex')}`;
    this.conversation.remember(id, body.input, []);
    const response = {
      id,
      object: 'response',
      created_at: unixSeconds(),
      status: 'completed',
      model: body.model,
      output: [],
      usage: responsesUsageOf(undefined),
    };
    await this.send(
      JSON.stringify({
        type: 'response.created',
        sequence_number: 0,
        response: { ...response, status: 'in_progress' },
      }),
    );
    await this.send(JSON.stringify({ type: 'response.completed', sequence_number: 1, response }));
  }

  private send(text: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.closed || this.socket.readyState !== this.socket.OPEN) {
        reject(new Error('the client closed the socket'));
        return;
      }
      this.socket.send(text, (error) => (error ? reject(error) : resolve()));
    });
  }
}

/** A text frame holding one JSON object with a `type`, or a 400 that says what is wrong with it. */
function parseEvent(data: RawData, isBinary: boolean): Record<string, unknown> {
  if (isBinary) {
    throw new GatewayError(
      'invalid_request',
      'binary frames are not accepted: send each event as a JSON text frame',
    );
  }
  let event: unknown;
  try {
    event = JSON.parse(
      Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8'),
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new GatewayError('invalid_request', `the frame is not valid JSON: ${reason}`);
  }
  if (!isRecord(event) || typeof event.type !== 'string') {
    throw new GatewayError(
      'invalid_request',
      'each frame must be a JSON object with a `type`, such as response.create',
      {
        param: 'type',
      },
    );
  }
  return event;
}

/** What the socket itself cannot do; everything else about the body is checked as on HTTP. */
function checkCreate(body: Record<string, unknown>): void {
  if (body.background === true) {
    throw new GatewayError(
      'invalid_request',
      '`background` is not supported over WebSocket: use POST /v1/responses',
      {
        param: 'background',
      },
    );
  }
  if (typeof body.model !== 'string' || body.model.trim() === '') {
    throw new GatewayError('invalid_request', '`model` is required and must be a non-empty string', {
      param: 'model',
    });
  }
}
