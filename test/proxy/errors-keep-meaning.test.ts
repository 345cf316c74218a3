import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { Cooldowns, coolingAnswer } from '../../src/router/cooldown.js';
import type { FakeProvider, ProviderName } from '../support/fake-provider/index.js';
import { startGateway, type TestGateway, withFakeAndGateway } from '../support/gateway.js';

/**
 * Errors keep their meaning whichever dialect the client speaks: status, type, code, param and the
 * headers a client acts on (retry timing, rate limits, request id), seen through the real SDKs.
 * Upstream bodies and headers are written by hand from the providers' documents:
 * - OpenAI `{"error":{"message","type","param","code"}}`, `insufficient_quota` (429, "You exceeded
 *   your current quota"), `context_length_exceeded`, `x-ratelimit-*` and `x-request-id` headers:
 *   https://platform.openai.com/docs/guides/error-codes,
 *   https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers
 * - Anthropic `{"type":"error","error":{"type","message"},"request_id"}`, 403 `permission_error`,
 *   429 `rate_limit_error`, 529 `overloaded_error`, the `request-id` header:
 *   https://docs.anthropic.com/en/api/errors; `anthropic-ratelimit-*` and `retry-after`:
 *   https://docs.anthropic.com/en/api/rate-limits#response-headers
 * - `x-should-retry` and `retry-after-ms`: read by both SDKs before the status (their `shouldRetry`).
 */
const QUOTA_MESSAGE =
  'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.';
const OPENAI_QUOTA = {
  error: { message: QUOTA_MESSAGE, type: 'insufficient_quota', param: null, code: 'insufficient_quota' },
};
const OPENAI_RATE_HEADERS = {
  'x-ratelimit-limit-requests': '500',
  'x-ratelimit-remaining-requests': '0',
  'x-ratelimit-reset-requests': '120ms',
};
/** What must never reach a client: ekai's own account with the provider. */
const OPENAI_ACCOUNT_HEADERS = { 'openai-organization': 'org-ekai-operator', 'openai-project': 'proj_ekai' };

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

const PROMPT_TOO_LONG = 'prompt is too long: 210000 tokens > 200000 maximum';
const ANTHROPIC_PROMPT_TOO_LONG = {
  type: 'error',
  error: { type: 'invalid_request_error', message: PROMPT_TOO_LONG },
  request_id: 'req_011CSHoEeqs5C35K2UUqR7Fy',
};
const RATE_LIMITED = 'Number of request tokens has exceeded your per-minute rate limit';
const ANTHROPIC_RATE_LIMITED = {
  type: 'error',
  error: { type: 'rate_limit_error', message: RATE_LIMITED },
  request_id: 'req_011CSHoEeqs5C35K2UUqR7G0',
};
const ANTHROPIC_RATE_HEADERS = {
  'anthropic-ratelimit-input-tokens-limit': '40000',
  'anthropic-ratelimit-input-tokens-remaining': '0',
  'anthropic-ratelimit-input-tokens-reset': '2026-12-03T12:00:30Z',
};
const ANTHROPIC_OVERLOADED = {
  type: 'error',
  error: { type: 'overloaded_error', message: 'Overloaded' },
  request_id: 'req_011CSHoEeqs5C35K2UUqR7Fz',
};

const hi = [{ role: 'user' as const, content: 'hi' }];

/** The error an SDK call threw (the call must fail). */
async function thrown<T>(call: Promise<T>): Promise<InstanceType<typeof OpenAI.APIError>> {
  return call.then(
    () => {
      throw new Error('the call succeeded');
    },
    (error: unknown) => error as InstanceType<typeof OpenAI.APIError>,
  );
}

function clientsOf(gateway: TestGateway, maxRetries = 0) {
  return {
    openai: new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries }),
    anthropic: new Anthropic({ baseURL: gateway.url, apiKey: 'client', maxRetries }),
  };
}

describe('upstream code and param kept across dialects', () => {
  let fake: FakeProvider;
  let gateway: TestGateway;
  let clients: ReturnType<typeof clientsOf>;

  // One provider per model (gpt-4o: openai, claude-sonnet-4: anthropic); no cooldown between tests.
  withFakeAndGateway(
    (started) => {
      ({ fake, gateway } = started);
      clients = clientsOf(gateway);
    },
    {
      configured: ['openai', 'anthropic'],
      config: { routing: { ...DEFAULT_CONFIG.routing, cooldownAfter: 1000 } },
    },
  );

  it('OpenAI insufficient_quota reaches Claude Code as a 403 permission_error it will not retry', async () => {
    fake.inject(
      {
        status: 429,
        body: OPENAI_QUOTA,
        headers: {
          'retry-after': '20',
          'x-should-retry': 'true',
          ...OPENAI_RATE_HEADERS,
          ...OPENAI_ACCOUNT_HEADERS,
        },
      },
      { provider: 'openai' },
    );
    const error = await thrown(
      clients.anthropic.messages.create({ model: 'gpt-4o', max_tokens: 10, messages: hi }),
    );
    expect(error).toBeInstanceOf(Anthropic.PermissionDeniedError);
    expect(error.status).toBe(403);
    expect(error.error).toEqual({
      type: 'error',
      error: { type: 'permission_error', message: QUOTA_MESSAGE },
    });
    // Not to be retried, whatever OpenAI said for its 429; its rate limits and request id still reach the client.
    expect(error.headers?.get('x-should-retry')).toBe('false');
    expect(error.headers?.get('retry-after')).toBeNull();
    expect(error.headers?.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(error.headers?.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    expect(error.headers?.get('openai-organization')).toBeNull();
    expect(error.headers?.get('openai-project')).toBeNull();
  });

  it('…streamed too (Claude Code streams): the same 403 before any event', async () => {
    fake.inject({ status: 429, body: OPENAI_QUOTA }, { provider: 'openai' });
    const error = await thrown(
      clients.anthropic.messages.create({ model: 'gpt-4o', max_tokens: 10, messages: hi, stream: true }),
    );
    expect(error).toBeInstanceOf(Anthropic.PermissionDeniedError);
    expect(error.error).toEqual({
      type: 'error',
      error: { type: 'permission_error', message: QUOTA_MESSAGE },
    });
  });

  it('…and an SDK left to retry does not: one request upstream', async () => {
    fake.inject(
      { status: 429, body: OPENAI_QUOTA, headers: { 'x-should-retry': 'true' } },
      { provider: 'openai', count: 5 },
    );
    const retrying = clientsOf(gateway, 2).anthropic;
    await thrown(retrying.messages.create({ model: 'gpt-4o', max_tokens: 10, messages: hi }));
    expect(fake.requests.length).toBe(1);
  });

  it('an OpenAI client gets insufficient_quota as OpenAI said it, headers included', async () => {
    fake.inject(
      {
        status: 429,
        body: OPENAI_QUOTA,
        headers: {
          'retry-after': '20',
          'x-should-retry': 'false',
          ...OPENAI_RATE_HEADERS,
          ...OPENAI_ACCOUNT_HEADERS,
        },
      },
      { provider: 'openai' },
    );
    const error = await thrown(clients.openai.chat.completions.create({ model: 'gpt-4o', messages: hi }));
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error.error).toEqual(OPENAI_QUOTA.error);
    expect(error).toMatchObject({ code: 'insufficient_quota', type: 'insufficient_quota' });
    expect(Object.fromEntries(error.headers ?? [])).toMatchObject({
      'retry-after': '20',
      'x-should-retry': 'false',
      ...OPENAI_RATE_HEADERS,
    });
    expect(error.headers?.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    expect(error.headers?.get('openai-organization')).toBeNull();
  });

  it('Anthropic’s "prompt is too long" reaches Chat and Responses clients as context_length_exceeded', async () => {
    fake.inject({ status: 400, body: ANTHROPIC_PROMPT_TOO_LONG }, { provider: 'anthropic' });
    const chat = await thrown(
      clients.openai.chat.completions.create({ model: 'claude-sonnet-4', messages: hi }),
    );
    expect(chat).toBeInstanceOf(OpenAI.BadRequestError);
    expect(chat.error).toEqual({
      message: PROMPT_TOO_LONG,
      type: 'invalid_request_error',
      param: 'messages',
      code: 'context_length_exceeded',
    });
    // Anthropic's request id travels with it.
    expect(chat.headers?.get('request-id')).toMatch(/^req_011C/);

    fake.inject({ status: 400, body: ANTHROPIC_PROMPT_TOO_LONG }, { provider: 'anthropic' });
    const responses = await thrown(
      clients.openai.responses.create({ model: 'claude-sonnet-4', input: 'hi' }),
    );
    expect(responses).toBeInstanceOf(OpenAI.BadRequestError);
    expect(responses.error).toEqual({
      message: PROMPT_TOO_LONG,
      type: 'invalid_request_error',
      param: 'input',
      code: 'context_length_exceeded',
    });
  });

  it('OpenAI’s context_length_exceeded reaches Claude Code in Anthropic’s own words', async () => {
    fake.inject({ status: 400, body: OPENAI_CONTEXT_LENGTH }, { provider: 'openai' });
    const error = await thrown(
      clients.anthropic.messages.create({ model: 'gpt-4o', max_tokens: 10, messages: hi }),
    );
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error.error).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'prompt is too long: 134521 tokens > 128000 maximum' },
    });
    expect(error.headers?.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
  });

  it('an Anthropic rate limit reaches an OpenAI client as rate_limit_exceeded, with its headers', async () => {
    fake.inject(
      {
        status: 429,
        body: ANTHROPIC_RATE_LIMITED,
        headers: { 'retry-after': '30', ...ANTHROPIC_RATE_HEADERS },
      },
      { provider: 'anthropic' },
    );
    const error = await thrown(
      clients.openai.chat.completions.create({ model: 'claude-sonnet-4', messages: hi }),
    );
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error.error).toEqual({
      message: RATE_LIMITED,
      type: 'rate_limit_error',
      param: null,
      code: 'rate_limit_exceeded',
    });
    expect(Object.fromEntries(error.headers ?? [])).toMatchObject({
      'retry-after': '30',
      ...ANTHROPIC_RATE_HEADERS,
    });
    expect(error.headers?.get('request-id')).toMatch(/^req_011C/);
  });

  it('n > 1 refused for a Messages provider keeps param "n"', async () => {
    const error = await thrown(
      clients.openai.chat.completions.create({ model: 'claude-sonnet-4', messages: hi, n: 2 }),
    );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, param: 'n', type: 'invalid_request_error' });
    expect(error.message).toContain('n > 1');
    expect(fake.requests.length).toBe(0);
  });

  it('a same-dialect error relayed as is keeps the headers a client acts on, not the account’s', async () => {
    // 400 is not retried: relayed byte for byte.
    fake.inject(
      {
        status: 400,
        body: OPENAI_CONTEXT_LENGTH,
        headers: { ...OPENAI_RATE_HEADERS, ...OPENAI_ACCOUNT_HEADERS },
      },
      { provider: 'openai' },
    );
    const error = await thrown(clients.openai.chat.completions.create({ model: 'gpt-4o', messages: hi }));
    expect(error.error).toEqual(OPENAI_CONTEXT_LENGTH.error);
    expect(Object.fromEntries(error.headers ?? [])).toMatchObject(OPENAI_RATE_HEADERS);
    expect(error.headers?.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    expect(error.headers?.get('openai-organization')).toBeNull();
    expect(error.headers?.get('openai-project')).toBeNull();
  });
});

describe('every candidate cooling down', () => {
  let fake: FakeProvider;
  const gateways: TestGateway[] = [];
  const gatewayWith = async (configured: ProviderName[], cooldownSeconds: number) => {
    const gateway = await startGateway(fake, {
      configured,
      config: { routing: { ...DEFAULT_CONFIG.routing, cooldownAfter: 1, cooldownSeconds } },
    });
    gateways.push(gateway);
    return gateway;
  };

  withFakeAndGateway((started) => {
    fake = started.fake;
  });
  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.close()));
  });

  it('rate limited: Claude Code gets 429 rate_limit_error with the real wait, and is not kept out longer', async () => {
    const gateway = await gatewayWith(['anthropic'], 60);
    const { anthropic } = clientsOf(gateway);
    const ask = () => anthropic.messages.create({ model: 'claude-sonnet-4', max_tokens: 10, messages: hi });
    // Anthropic asks for one second, twice (the gateway waits a short retry-after out once itself).
    fake.inject(
      { status: 429, body: ANTHROPIC_RATE_LIMITED, headers: { 'retry-after': '1' } },
      { provider: 'anthropic', count: 2 },
    );
    await thrown(ask());
    const sent = fake.requests.length;

    const error = await thrown(ask());
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect(error.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(error.message).toContain('cooling down');
    expect(error.headers?.get('retry-after')).toBe('1');
    const waitMs = Number(error.headers?.get('retry-after-ms'));
    expect(waitMs).toBeGreaterThan(0);
    expect(waitMs).toBeLessThanOrEqual(1000);
    expect(fake.requests.length).toBe(sent);

    // The cooldown is 60 s, but Anthropic asked for one: after it, the only provider is asked again.
    await new Promise((resolve) => setTimeout(resolve, waitMs + 50));
    const answer = await ask();
    expect(answer.content[0]).toMatchObject({ type: 'text' });
    expect(fake.requests.length).toBe(sent + 1);
  });

  it('overloaded: 529 overloaded_error for Claude Code, 529 for an OpenAI client, with the cooldown as the wait', async () => {
    const gateway = await gatewayWith(['anthropic'], 60);
    const { anthropic, openai } = clientsOf(gateway);
    fake.inject({ status: 529, body: ANTHROPIC_OVERLOADED }, { provider: 'anthropic' });
    await thrown(anthropic.messages.create({ model: 'claude-sonnet-4', max_tokens: 10, messages: hi }));

    const error = await thrown(
      anthropic.messages.create({ model: 'claude-sonnet-4', max_tokens: 10, messages: hi }),
    );
    expect(error.status).toBe(529);
    expect(error.error).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
    // Anthropic gave no retry-after: the gateway's own cooldown is the wait.
    expect(Number(error.headers?.get('retry-after'))).toBeGreaterThan(55);
    expect(Number(error.headers?.get('retry-after'))).toBeLessThanOrEqual(60);

    const chat = await thrown(openai.chat.completions.create({ model: 'claude-sonnet-4', messages: hi }));
    expect(chat.status).toBe(529);
    expect(fake.requests.length).toBe(1);
  });

  it('mixed reasons: the provider back first decides the status and the wait', async () => {
    const gateway = await gatewayWith(['openai', 'openrouter'], 10);
    const { openai } = clientsOf(gateway);
    // gpt-4o: one provider fails with 500 (cooling 10 s), the other is rate limited for 30 s.
    fake.inject({ status: 500 }, { provider: 'openai' });
    fake.inject(
      {
        status: 429,
        body: { error: { message: 'Rate limit exceeded', code: 429 } },
        headers: { 'retry-after': '30' },
      },
      { provider: 'openrouter' },
    );
    await thrown(openai.chat.completions.create({ model: 'gpt-4o', messages: hi }));
    expect(fake.requests.map((request) => request.provider).sort()).toEqual(['openai', 'openrouter']);

    const error = await thrown(openai.chat.completions.create({ model: 'gpt-4o', messages: hi }));
    // OpenAI is back in 10 s: the client retrying then reaches it, so its failure (a 5xx) is what it is told.
    expect(error.status).toBe(503);
    expect(Number(error.headers?.get('retry-after'))).toBeLessThanOrEqual(10);
    expect(error.message).toMatch(/openai \(failed with 500, 1?\d s\)/);
    expect(error.message).toMatch(/openrouter \(rate limited, [23]\d s\)/);
  });
});

describe('cooldown: waits and reasons (with a clock)', () => {
  let now = 0;
  let cooldowns: Cooldowns;
  beforeAll(() => {
    cooldowns = new Cooldowns({ cooldownAfter: 1, cooldownSeconds: 30 }, () => now);
  });

  it('the only way is blocked as long as the provider asked, else for the cooldown', () => {
    cooldowns.recordFailure('anthropic', 2_000, 429);
    cooldowns.recordFailure('openai', undefined, 529);
    expect(cooldowns.isCooling('anthropic')).toBe(true);
    expect(cooldowns.waitWhenOnlyWay('anthropic')).toEqual({
      provider: 'anthropic',
      waitMs: 2_000,
      status: 429,
    });
    expect(cooldowns.waitWhenOnlyWay('openai')).toEqual({ provider: 'openai', waitMs: 30_000, status: 529 });
    now = 2_000;
    // Still skipped while another can serve, but no longer kept from a request it is the only way for.
    expect(cooldowns.isCooling('anthropic')).toBe(true);
    expect(cooldowns.waitWhenOnlyWay('anthropic').waitMs).toBe(0);
  });

  it('the answer: the soonest back decides; 429 and 529 are told as such, anything else is 503', () => {
    const wait = (provider: string, waitMs: number, status: number) => ({ provider, waitMs, status });
    expect(coolingAnswer([wait('a', 5_000, 429), wait('b', 9_000, 529)])).toEqual({
      status: 429,
      waitMs: 5_000,
    });
    expect(coolingAnswer([wait('a', 5_000, 429), wait('b', 3_000, 529)])).toEqual({
      status: 529,
      waitMs: 3_000,
    });
    expect(coolingAnswer([wait('a', 5_000, 429), wait('b', 3_000, 500)])).toEqual({
      status: 503,
      waitMs: 3_000,
    });
    expect(coolingAnswer([wait('a', 3_000, 0)])).toEqual({ status: 503, waitMs: 3_000 });
    // A tie goes to the rate limit: waiting is enough.
    expect(coolingAnswer([wait('b', 3_000, 529), wait('a', 3_000, 429)])).toEqual({
      status: 429,
      waitMs: 3_000,
    });
  });
});
