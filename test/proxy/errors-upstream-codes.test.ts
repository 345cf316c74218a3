import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { FORMATS, type WireFormat } from '../../src/formats/index.js';
import { UpstreamAttemptError } from '../../src/proxy/attempt-error.js';
import { GatewayError } from '../../src/proxy/errors.js';
import { upstreamErrorFields } from '../../src/proxy/read-all.js';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

/**
 * Upstream error codes travel as fields (undici style), not only inside the message. The bodies
 * below are written by hand from the providers' documented error shapes:
 * - OpenAI: `{"error":{"message","type","param","code"}}`, https://platform.openai.com/docs/guides/error-codes
 * - Anthropic: `{"type":"error","error":{"type","message"},"request_id"}`, https://docs.anthropic.com/en/api/errors
 * - Responses streams: `response.failed` (`response.error: {code, message}`) and the `error` event
 *   (`{type:"error", code, message, param, sequence_number}`), the API reference's ResponseFailedEvent
 *   and ResponseErrorEvent.
 */
const CONTEXT_MESSAGE =
  "This model's maximum context length is 128000 tokens. However, your messages resulted in 134521 tokens. Please reduce the length of the messages.";
const OPENAI_CONTEXT_LENGTH = {
  error: {
    message: CONTEXT_MESSAGE,
    type: 'invalid_request_error',
    param: 'messages',
    code: 'context_length_exceeded',
  },
};
const QUOTA_MESSAGE =
  'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.';
const OPENAI_QUOTA = {
  error: { message: QUOTA_MESSAGE, type: 'insufficient_quota', param: null, code: 'insufficient_quota' },
};
const PROMPT_TOO_LONG = 'prompt is too long: 210000 tokens > 200000 maximum';
const ANTHROPIC_PROMPT_TOO_LONG = {
  type: 'error',
  error: { type: 'invalid_request_error', message: PROMPT_TOO_LONG },
  request_id: 'req_011CSHoEeqs5C35K2UUqR7Fy',
};
const ANTHROPIC_OVERLOADED = {
  type: 'error',
  error: { type: 'overloaded_error', message: 'Overloaded' },
  request_id: 'req_011CSHoEeqs5C35K2UUqR7Fz',
};

describe('upstreamErrorFields: message, code, type and param of an upstream error body', () => {
  it('OpenAI: all four fields', () => {
    expect(upstreamErrorFields(OPENAI_CONTEXT_LENGTH, 400)).toEqual({
      message: CONTEXT_MESSAGE,
      type: 'invalid_request_error',
      param: 'messages',
      code: 'context_length_exceeded',
    });
    // `param: null` is no param.
    expect(upstreamErrorFields(OPENAI_QUOTA, 429)).toEqual({
      message: QUOTA_MESSAGE,
      type: 'insufficient_quota',
      code: 'insufficient_quota',
    });
  });

  it('Anthropic: type and message (it has no code or param; request_id is not an error field)', () => {
    expect(upstreamErrorFields(ANTHROPIC_OVERLOADED, 529)).toEqual({
      message: 'Overloaded',
      type: 'overloaded_error',
    });
  });

  it('Responses: response.failed and the error event', () => {
    const failed = {
      type: 'response.failed',
      sequence_number: 7,
      response: {
        id: 'resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654',
        object: 'response',
        status: 'failed',
        error: { code: 'rate_limit_exceeded', message: 'Rate limit reached for gpt-4o.' },
      },
    };
    expect(upstreamErrorFields(failed, 200)).toEqual({
      message: 'Rate limit reached for gpt-4o.',
      code: 'rate_limit_exceeded',
    });
    const event = {
      type: 'error',
      code: 'ERR_SOMETHING',
      message: 'Something went wrong',
      param: null,
      sequence_number: 1,
    };
    expect(upstreamErrorFields(event, 200)).toEqual({
      message: 'Something went wrong',
      code: 'ERR_SOMETHING',
    });
  });

  it('anything else: the status in the message, no fields; numeric codes (OpenRouter repeats the status) dropped', () => {
    expect(upstreamErrorFields(undefined, 502)).toEqual({ message: 'upstream answered 502' });
    expect(upstreamErrorFields({ error: { message: 'No endpoints found', code: 404 } }, 404)).toEqual({
      message: 'No endpoints found',
    });
    expect(upstreamErrorFields({ error: { message: 'x'.repeat(600) } }, 400).message).toHaveLength(500);
  });
});

describe('an upstream error rendered for each client wire format', () => {
  const contextLength = new UpstreamAttemptError(
    'xai',
    400,
    'chat',
    JSON.stringify(OPENAI_CONTEXT_LENGTH),
    undefined,
    CONTEXT_MESSAGE,
    upstreamErrorFields(OPENAI_CONTEXT_LENGTH, 400),
  ).toGatewayError();
  const overloaded = new UpstreamAttemptError(
    'anthropic',
    529,
    'messages',
    JSON.stringify(ANTHROPIC_OVERLOADED),
    undefined,
    'Overloaded',
    upstreamErrorFields(ANTHROPIC_OVERLOADED, 529),
  ).toGatewayError();
  const body = (error: GatewayError, client: WireFormat) =>
    FORMATS[client].errorBody(error.toDetails(client));

  it('same format: code, type and param unchanged', () => {
    expect(body(contextLength, 'chat')).toEqual(OPENAI_CONTEXT_LENGTH);
    expect(body(overloaded, 'messages')).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
  });

  it('Chat upstream, Responses client: code and param passed, type from the kind', () => {
    expect(body(contextLength, 'responses')).toEqual({
      error: {
        message: CONTEXT_MESSAGE,
        type: 'invalid_request_error',
        param: 'messages',
        code: 'context_length_exceeded',
      },
    });
  });

  it('across Messages and the OpenAI formats: the shape of the client, the meaning kept (issue 17)', () => {
    // A context overflow reads as Anthropic words it, so Claude Code recognises it (compaction).
    expect(body(contextLength, 'messages')).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'prompt is too long: 134521 tokens > 128000 maximum' },
    });
    expect(body(overloaded, 'chat')).toEqual({
      error: { message: 'Overloaded', type: 'server_error', param: null, code: null },
    });
    expect(body(overloaded, 'responses')).toEqual({
      error: { message: 'Overloaded', type: 'server_error', param: null, code: null },
    });
  });

  it('a stream that already began: the code reaches a Responses client in response.failed', () => {
    const frames = FORMATS.responses.streamErrorFrames(contextLength.toDetails('responses'));
    const failed = JSON.parse(/data: (.*)\n/.exec(frames)?.[1] ?? 'null');
    expect(failed).toMatchObject({
      type: 'response.failed',
      response: { status: 'failed', error: { code: 'context_length_exceeded', message: CONTEXT_MESSAGE } },
    });
  });

  it('without the client format (or without an upstream) only the gateway’s own fields', () => {
    expect(contextLength.toDetails()).toEqual({
      kind: 'invalid_request',
      message: CONTEXT_MESSAGE,
      code: undefined,
      param: undefined,
    });
    const own = new GatewayError('not_found', 'unknown model', { code: 'model_not_found' });
    expect(FORMATS.responses.errorBody(own.toDetails('responses'))).toEqual({
      error: {
        message: 'unknown model',
        type: 'invalid_request_error',
        param: null,
        code: 'model_not_found',
      },
    });
  });
});

describe('through the gateway', () => {
  let fake: FakeProvider;
  let gateway: TestGateway;
  let openai: OpenAI;

  withFakeAndGateway(
    (started) => {
      ({ fake, gateway } = started);
      openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });
    },
    {
      configured: ['openai', 'anthropic', 'xai', 'openrouter'],
      // No cooldown between the tests: each one's failures are its own.
      config: { routing: { ...DEFAULT_CONFIG.routing, cooldownAfter: 1000 } },
    },
  );

  const post = async (path: string, body: object) => {
    const response = await fetch(`${gateway.url}${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    });
    return { status: response.status, body: await response.json() };
  };

  it('Codex (Responses) on a Chat provider: a 400 context_length_exceeded keeps its code and param', async () => {
    fake.inject({ status: 400, body: OPENAI_CONTEXT_LENGTH }, { provider: 'xai' });
    expect(await post('/v1/responses', { model: 'grok-4', input: 'hi' })).toEqual({
      status: 400,
      body: OPENAI_CONTEXT_LENGTH,
    });
    // And the openai SDK reads them as fields.
    fake.inject({ status: 400, body: OPENAI_CONTEXT_LENGTH }, { provider: 'xai' });
    const error = await openai.responses.create({ model: 'grok-4', input: 'hi' }).catch((thrown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ code: 'context_length_exceeded', param: 'messages' });
  });

  it('Codex on a Chat provider out of quota (429, held for fallback): insufficient_quota, type from the kind', async () => {
    fake.inject({ status: 429, body: OPENAI_QUOTA }, { provider: 'xai' });
    expect(await post('/v1/responses', { model: 'grok-4', input: 'hi' })).toEqual({
      status: 429,
      body: {
        error: { message: QUOTA_MESSAGE, type: 'rate_limit_error', param: null, code: 'insufficient_quota' },
      },
    });
  });

  it('a Chat client whose every Chat provider is out of quota: the last one’s fields, unchanged', async () => {
    fake.inject({ status: 429, body: OPENAI_QUOTA }, { provider: 'openai' });
    fake.inject({ status: 429, body: OPENAI_QUOTA }, { provider: 'openrouter' });
    const recorded = gateway.nextEvents();
    const answer = await post('/v1/chat/completions', {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const [event] = await recorded;
    const [first, second] = event?.attempts.map((attempt) => attempt.provider) ?? [];
    expect(answer).toEqual({
      status: 429,
      body: {
        error: {
          message: `all 2 attempts failed: ${first}: 429 ${QUOTA_MESSAGE}; ${second}: 429 ${QUOTA_MESSAGE}`,
          type: 'insufficient_quota',
          param: null,
          code: 'insufficient_quota',
        },
      },
    });
  });

  it('a Messages client on a Chat provider: Anthropic’s shape and wording of a context overflow', async () => {
    fake.inject({ status: 400, body: OPENAI_CONTEXT_LENGTH }, { provider: 'openai' });
    expect(
      await post('/v1/messages', {
        model: 'gpt-4o',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    ).toEqual({
      status: 400,
      body: {
        type: 'error',
        error: {
          type: 'invalid_request_error',
          message: 'prompt is too long: 134521 tokens > 128000 maximum',
        },
      },
    });
  });

  it('a Chat client on Anthropic: OpenAI’s shape, a context overflow keeps its meaning as context_length_exceeded', async () => {
    fake.inject({ status: 400, body: ANTHROPIC_PROMPT_TOO_LONG }, { provider: 'anthropic' });
    expect(
      await post('/v1/chat/completions', {
        model: 'claude-sonnet-4',
        messages: [{ role: 'user', content: 'hi' }],
      }),
    ).toEqual({
      status: 400,
      body: {
        error: {
          message: PROMPT_TOO_LONG,
          type: 'invalid_request_error',
          param: 'messages',
          code: 'context_length_exceeded',
        },
      },
    });
  });
});
