/**
 * The Responses API over WebSocket (OpenAI's WebSocket mode, which Codex's built-in OpenAI provider
 * prefers), served on /v1/responses for native and translated models with the same routing, usage
 * record, gateway key and browser guard as HTTP.
 *
 * Expected shapes are written by hand from OpenAI's documentation:
 * - https://developers.openai.com/api/docs/guides/websocket-mode (response.create, generate: false,
 *   previous_response_id with only the new items, the `error` event with a status)
 * - https://developers.openai.com/api/reference/resources/responses/websocket-events
 * - https://platform.openai.com/docs/api-reference/responses-streaming (the events, one per frame)
 * - https://docs.anthropic.com/en/api/messages (tool_use / tool_result pairing upstream)
 * Codex 0.169 sends, on the socket, a prewarm with `generate: false`, then each turn with only the
 * items since the previous response and its `previous_response_id` (captured from the real CLI).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FAKE_KEYS, type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';
import { startGateway, type TestGateway, withFakeAndGateway } from '../support/gateway.js';

type Frame = Record<string, unknown> & { type: string };

/** Open a socket; resolves once open (or with the HTTP refusal when the upgrade is refused). */
function connect(
  url: string,
  headers: Record<string, string> = {},
  path = '/v1/responses',
): Promise<{ socket: WebSocket; frames: Frame[]; next: () => Promise<Frame> }> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}${path}`, {
    headers: { authorization: 'Bearer client', 'openai-beta': 'responses_websockets=2026-02-06', ...headers },
  });
  const frames: Frame[] = [];
  const waiting: Array<(frame: Frame) => void> = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Frame;
    const waiter = waiting.shift();
    if (waiter) waiter(frame);
    else frames.push(frame);
  });
  const next = () =>
    new Promise<Frame>((resolve) => {
      const queued = frames.shift();
      if (queued) resolve(queued);
      else waiting.push(resolve);
    });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, frames, next }));
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () =>
        reject(Object.assign(new Error('refused'), { status: response.statusCode, body })),
      );
    });
    socket.once('error', reject);
  });
}

/** Send one event and read frames up to the answer's end (completed, incomplete, failed, or an `error`). */
async function turn(
  connection: Awaited<ReturnType<typeof connect>>,
  event: Record<string, unknown> | string,
): Promise<Frame[]> {
  connection.socket.send(typeof event === 'string' ? event : JSON.stringify(event));
  const frames: Frame[] = [];
  for (;;) {
    const frame = await connection.next();
    frames.push(frame);
    if (['response.completed', 'response.incomplete', 'response.failed', 'error'].includes(frame.type))
      return frames;
  }
}

const completedOf = (frames: Frame[]) =>
  frames.find((frame) => frame.type === 'response.completed')?.response as {
    id: string;
    output: Array<Record<string, unknown>>;
    usage: { input_tokens: number; output_tokens: number };
  };
const textOf = (frames: Frame[]) =>
  frames
    .filter((frame) => frame.type === 'response.output_text.delta')
    .map((frame) => frame.delta)
    .join('');

const user = (text: string) => ({ type: 'message', role: 'user', content: [{ type: 'input_text', text }] });
const EXEC_TOOL = {
  type: 'function',
  name: 'exec_command',
  description: 'Run a command',
  parameters: { type: 'object', properties: { cmd: { type: 'string' } }, required: ['cmd'] },
};

describe('Responses over WebSocket', () => {
  let fake: FakeProvider;
  let gateway: TestGateway;
  withFakeAndGateway((started) => ({ fake, gateway } = started));

  it('a native model (gpt-6.2-sol on OpenAI): each event one JSON text frame, one usage row as on HTTP', async () => {
    const connection = await connect(gateway.url, { 'user-agent': 'codex_exec/0.169.0' });
    const recorded = gateway.nextEvents();
    const frames = await turn(connection, {
      type: 'response.create',
      model: 'gpt-6.2-sol',
      store: false,
      input: [user('hi')],
    });
    expect(frames[0]?.type).toBe('response.created');
    expect(frames.at(-1)?.type).toBe('response.completed');
    expect(textOf(frames)).toContain('Hello from openai!');

    // Upstream: an HTTP POST /v1/responses, streamed, without the socket's own fields.
    const upstream = fake.lastRequest();
    expect(upstream).toMatchObject({
      provider: 'openai',
      dialect: 'responses',
      path: '/openai/v1/responses',
    });
    expect(upstream?.body).toMatchObject({
      model: 'gpt-6.2-sol',
      stream: true,
      store: false,
      input: [user('hi')],
    });
    expect(upstream?.body).not.toHaveProperty('type');
    expect(upstream?.body).not.toHaveProperty('generate');
    expect(JSON.stringify(upstream?.headers)).not.toContain('responses_websockets');
    expect(upstream?.headers).not.toHaveProperty('sec-websocket-key');

    const [event] = await recorded;
    const usage = completedOf(frames).usage;
    expect(event).toMatchObject({
      endpoint: '/v1/responses',
      clientDialect: 'responses',
      clientName: 'codex',
      provider: 'openai',
      model: 'gpt-6.2-sol',
      stream: true,
      status: 200,
      outcome: 'ok',
      inputTokens: usage.input_tokens,
      outputTokens: usage.output_tokens,
    });
    // gpt-6.2-sol: $2 input / $10 output per million (../shared/reference/current-models.json).
    expect(event?.costUsd).toBeCloseTo((usage.input_tokens * 2 + usage.output_tokens * 10) / 1e6, 10);
    connection.socket.close();
  });

  it('prewarm (generate: false): response.created then response.completed, empty, no model asked, nothing recorded', async () => {
    const connection = await connect(gateway.url);
    const before = gateway.recorder.events.length;
    const frames = await turn(connection, {
      type: 'response.create',
      model: 'gpt-6.2-sol',
      generate: false,
      input: [{ type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'Be brief.' }] }],
    });
    expect(frames.map((frame) => frame.type)).toEqual(['response.created', 'response.completed']);
    const response = completedOf(frames);
    expect(response).toMatchObject({
      object: 'response',
      status: 'completed',
      model: 'gpt-6.2-sol',
      output: [],
    });
    expect(response.id).toMatch(/^resp_/);
    expect(fake.requests).toHaveLength(0);

    // The next turn continues from it: the developer message reaches OpenAI with the new item.
    const recorded = gateway.nextEvents();
    const second = await turn(connection, {
      type: 'response.create',
      model: 'gpt-6.2-sol',
      previous_response_id: response.id,
      input: [user('hi')],
    });
    expect(second.at(-1)?.type).toBe('response.completed');
    expect(fake.lastRequest()?.body).toMatchObject({
      input: [
        { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'Be brief.' }] },
        user('hi'),
      ],
    });
    expect(fake.lastRequest()?.body).not.toHaveProperty('previous_response_id');
    await recorded;
    expect(gateway.recorder.events.length - before).toBe(1);
    connection.socket.close();
  });

  it('a translated model (claude-opus-5-5): a tool turn, then only the tool output + previous_response_id; Anthropic gets the whole history', async () => {
    const connection = await connect(gateway.url);
    fake.script(
      { toolCalls: [{ name: 'exec_command', arguments: { cmd: 'cat notes.txt' } }] },
      { provider: 'anthropic' },
    );
    const recorded = gateway.nextEvents(2);
    const first = await turn(connection, {
      type: 'response.create',
      model: 'claude-opus-5-5',
      store: false,
      tools: [EXEC_TOOL],
      input: [user('What does notes.txt say?')],
    });
    const answer = completedOf(first);
    const call = answer.output.find((item) => item.type === 'function_call') as {
      call_id: string;
      name: string;
    };
    expect(call).toMatchObject({ name: 'exec_command', arguments: JSON.stringify({ cmd: 'cat notes.txt' }) });

    const second = await turn(connection, {
      type: 'response.create',
      model: 'claude-opus-5-5',
      store: false,
      tools: [EXEC_TOOL],
      previous_response_id: answer.id,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: 'The answer is 42.' }],
    });
    expect(second.at(-1)?.type).toBe('response.completed');
    expect(textOf(second)).toContain('Hello from anthropic!');

    // Anthropic Messages: the user's question, the assistant's tool_use, then the tool_result for it.
    const messages = (fake.lastRequest()!.body as { messages: Array<{ role: string; content: unknown }> })
      .messages;
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(JSON.stringify(messages[0]?.content)).toContain('What does notes.txt say?');
    const toolUse = (messages[1]!.content as Array<Record<string, unknown>>).find(
      (block) => block.type === 'tool_use',
    );
    expect(toolUse).toMatchObject({
      type: 'tool_use',
      name: 'exec_command',
      input: { cmd: 'cat notes.txt' },
    });
    expect(messages[2]?.content).toEqual([
      expect.objectContaining({
        type: 'tool_result',
        tool_use_id: toolUse?.id,
        content: 'The answer is 42.',
      }),
    ]);

    const events = await recorded;
    for (const [index, event] of events.entries()) {
      const usage = completedOf(index === 0 ? first : second).usage;
      expect(event).toMatchObject({
        provider: 'anthropic',
        model: 'claude-opus-5-5',
        clientDialect: 'responses',
        endpoint: '/v1/responses',
        outcome: 'ok',
        inputTokens: usage.input_tokens,
        outputTokens: usage.output_tokens,
      });
    }
    connection.socket.close();
  });

  it('a native model continued with previous_response_id: OpenAI gets the whole history, store false, no previous_response_id', async () => {
    const connection = await connect(gateway.url);
    fake.script({ toolCalls: [{ name: 'exec_command', arguments: { cmd: 'ls' } }] }, { provider: 'openai' });
    const first = completedOf(
      await turn(connection, {
        type: 'response.create',
        model: 'gpt-6.2-sol',
        store: false,
        tools: [EXEC_TOOL],
        input: [user('list')],
      }),
    );
    const call = first.output.find((item) => item.type === 'function_call') as Record<string, unknown>;
    const output = { type: 'function_call_output', call_id: call.call_id, output: 'notes.txt' };
    await turn(connection, {
      type: 'response.create',
      model: 'gpt-6.2-sol',
      store: false,
      tools: [EXEC_TOOL],
      previous_response_id: first.id,
      input: [output],
    });
    const body = fake.lastRequest()?.body as Record<string, unknown>;
    expect(body).not.toHaveProperty('previous_response_id');
    expect(body.store).toBe(false);
    // The first input, every item the first answer had (reasoning included), then the new output.
    expect(body.input).toEqual([user('list'), ...first.output, output]);
    connection.socket.close();
  });

  it('a bad frame gets an error frame with status 400 and the socket stays usable', async () => {
    const connection = await connect(gateway.url);
    const [notJson] = await turn(connection, '{not json');
    expect(notJson).toMatchObject({ type: 'error', status: 400, error: { type: 'invalid_request_error' } });
    expect((notJson!.error as { message: string }).message).toMatch(/not valid JSON/);
    const [unknownType] = await turn(connection, { type: 'session.update' });
    expect(unknownType).toMatchObject({ type: 'error', status: 400, error: { param: 'type' } });
    const [noModel] = await turn(connection, { type: 'response.create', input: 'hi' });
    expect(noModel).toMatchObject({ type: 'error', status: 400, error: { param: 'model' } });

    const frames = await turn(connection, { type: 'response.create', model: 'gpt-6.2-sol', input: 'hi' });
    expect(frames.at(-1)?.type).toBe('response.completed');
    expect(connection.socket.readyState).toBe(WebSocket.OPEN);
    connection.socket.close();
  });

  it('errors: an upstream 400 and an unknown model are error frames with their status; an unknown previous_response_id on a translated model is a 400 naming it', async () => {
    const connection = await connect(gateway.url);
    fake.script({ error: 400 }, { provider: 'openai' });
    const [upstream] = await turn(connection, { type: 'response.create', model: 'gpt-6.2-sol', input: 'hi' });
    expect(upstream).toMatchObject({ type: 'error', status: 400, error: { type: 'invalid_request_error' } });

    const [unknown] = await turn(connection, {
      type: 'response.create',
      model: 'no-such-model-zz',
      input: 'hi',
    });
    expect(unknown).toMatchObject({ type: 'error', status: 404 });

    const [previous] = await turn(connection, {
      type: 'response.create',
      model: 'claude-opus-5-5',
      previous_response_id: 'resp_not_on_this_socket',
      input: 'hi',
    });
    expect(previous).toMatchObject({ type: 'error', status: 400, error: { param: 'previous_response_id' } });
    expect(connection.socket.readyState).toBe(WebSocket.OPEN);
    connection.socket.close();
  });

  it('upgrades elsewhere than /v1/responses are refused with a 404, in the OpenAI error shape', async () => {
    const refused = await connect(gateway.url, {}, '/v1/chat/completions').catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 404 });
    expect(JSON.parse((refused as { body: string }).body)).toMatchObject({
      error: { message: expect.stringMatching(/only \/v1\/responses/) },
    });
  });

  it('the client closing mid-answer aborts the upstream request and records it as aborted', async () => {
    const connection = await connect(gateway.url);
    fake.inject({ hang: 'mid-stream', afterChunks: 2 }, { provider: 'openai' });
    const recorded = gateway.nextEvents();
    connection.socket.send(JSON.stringify({ type: 'response.create', model: 'gpt-6.2-sol', input: 'hi' }));
    await connection.next();
    connection.socket.terminate();
    const [event] = await recorded;
    await fake.lastRequest()?.finished;
    expect(fake.lastRequest()?.aborted).toBe(true);
    expect(event).toMatchObject({ outcome: 'aborted', provider: 'openai', endpoint: '/v1/responses' });
  });
});

describe('Responses over WebSocket: who may open a socket', () => {
  const KEY = 'gw-key-websocket-0123';
  let fake: FakeProvider;
  let gateway: TestGateway;
  beforeAll(async () => {
    fake = await startFakeProvider();
    gateway = await startGateway(fake, {
      config: { gatewayKeys: [KEY], allowedOrigins: ['http://localhost:5173'] },
    });
  });
  afterAll(async () => {
    await gateway.close();
    await fake.close();
  });

  it('without the gateway key the upgrade is a 401 (OpenAI shape) and no socket opens; with it, turns are served', async () => {
    const refused = await connect(gateway.url, { authorization: 'Bearer wrong' }).catch(
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ status: 401 });
    expect(JSON.parse((refused as { body: string }).body)).toMatchObject({
      error: { type: 'authentication_error' },
    });

    const connection = await connect(gateway.url, { authorization: `Bearer ${KEY}` });
    const frames = await turn(connection, { type: 'response.create', model: 'gpt-6.2-sol', input: 'hi' });
    expect(frames.at(-1)?.type).toBe('response.completed');
    // The provider gets its own key, never the gateway's.
    expect(fake.lastRequest()?.headers.authorization).toBe(`Bearer ${FAKE_KEYS.openai}`);
    connection.socket.close();
  });

  it('cross-site WebSocket hijacking: a web page (any Origin not allowed) is refused with 403 before anything runs, even with the key', async () => {
    const before = fake.requests.length;
    for (const origin of ['https://evil.example', 'null', 'http://localhost:3000']) {
      const refused = await connect(gateway.url, { authorization: `Bearer ${KEY}`, origin }).catch(
        (error: unknown) => error,
      );
      expect(refused, origin).toMatchObject({ status: 403 });
      expect((refused as { body: string }).body).toMatch(/requests from web pages are refused/);
    }
    // DNS rebinding: a page's own hostname pointed at 127.0.0.1.
    const rebound = await connect(gateway.url, {
      authorization: `Bearer ${KEY}`,
      host: 'attacker.example',
    }).catch((error: unknown) => error);
    expect(rebound).toMatchObject({ status: 403 });
    expect(fake.requests.length).toBe(before);

    // An origin the user listed in allowedOrigins is let through, as on HTTP.
    const allowed = await connect(gateway.url, {
      authorization: `Bearer ${KEY}`,
      origin: 'http://localhost:5173',
    });
    expect(allowed.socket.readyState).toBe(WebSocket.OPEN);
    allowed.socket.close();
  });
});

describe('Responses over WebSocket: shutdown', () => {
  it('closing the gateway closes an open socket with 1001 and does not wait on it', async () => {
    const fake = await startFakeProvider();
    const gateway = await startGateway(fake);
    const connection = await connect(gateway.url);
    // A client that never answers the close handshake.
    connection.socket.pause();
    const closed = new Promise<number>((resolve) => connection.socket.once('close', (code) => resolve(code)));
    const started = performance.now();
    await gateway.close();
    expect(performance.now() - started).toBeLessThan(5000);
    connection.socket.resume();
    // 1001 if the close frame was read before the cut, else 1006 (cut without one).
    expect([1001, 1006]).toContain(await closed);
    await fake.close();
  });
});
