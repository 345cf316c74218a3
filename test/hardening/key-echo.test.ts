import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_KEYS, type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';

/**
 * Issue "Nothing lost", K1: an upstream that echoes the key it was sent in an error body (OpenAI
 * does: "Incorrect API key provided: sk-…") used to hand it to the client, the database's
 * error_message, the log and the CSV export. Every path now gets `[redacted]` instead.
 */
const GATEWAY_KEY = 'gateway-key-0123456789';
const JSON_BODY = { 'content-type': 'application/json' };

let fake: FakeProvider;
let gateway: TestGateway;

beforeAll(async () => {
  fake = await startFakeProvider({ compress: true });
  gateway = await startGateway(fake, {
    configured: ['openai', 'openrouter'],
    db: ':memory:',
    config: { gatewayKeys: [GATEWAY_KEY] },
  });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());
afterEach(() => expect(fake.requests.length).toBeGreaterThan(0));

function echoing(provider: 'openai' | 'openrouter', status: number) {
  const key = FAKE_KEYS[provider];
  return {
    status,
    body: {
      error: {
        message: `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com/account/api-keys.`,
        type: 'invalid_request_error',
        code: 'invalid_api_key',
        echoed_header: `Bearer ${key}`,
      },
    },
  };
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { ...JSON_BODY, authorization: `Bearer ${GATEWAY_KEY}`, 'accept-encoding': 'gzip', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

function expectNoKey(text: string) {
  for (const key of [...Object.values(FAKE_KEYS), GATEWAY_KEY]) expect(text).not.toContain(key);
}

describe('a provider key echoed by the upstream', () => {
  it('is redacted from a relayed error (same dialect), the record, and the CSV export', async () => {
    fake.inject(echoing('openai', 400), { provider: 'openai' });
    const before = gateway.recorder.events.length;
    const answer = await post('/v1/chat/completions', {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(answer.status).toBe(400);
    expectNoKey(answer.text);
    expect(JSON.parse(answer.text).error.message).toBe(
      'Incorrect API key provided: [redacted]. You can find your API key at https://platform.openai.com/account/api-keys.',
    );
    const [event] = (await gateway.waitForEvents(before + 1)).slice(before);
    expect(event?.errorMessage).toContain('Incorrect API key provided: [redacted]');
    expectNoKey(JSON.stringify(event));
    await gateway.store!.writer.flush();
    const csv = await fetch(`${gateway.url}/usage?format=csv`, {
      headers: { authorization: `Bearer ${GATEWAY_KEY}` },
    });
    const text = await csv.text();
    expect(text).toContain('[redacted]');
    expectNoKey(text);
  });

  it('is redacted from a translated error (Anthropic client on a GPT model)', async () => {
    fake.inject(echoing('openai', 400), { provider: 'openai' });
    const answer = await post(
      '/v1/messages',
      { model: 'gpt-4o', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] },
      { 'anthropic-version': '2023-06-01', 'x-ekai-provider': 'openai' },
    );
    expect(answer.status).toBe(400);
    expectNoKey(answer.text);
    expect(answer.text).toContain('[redacted]');
  });

  it('is redacted from errors held back for a fallback, and from the fallback summary', async () => {
    // A model both OpenAI and OpenRouter serve: both fail with a retryable error echoing their keys.
    fake.inject(echoing('openai', 503), { provider: 'openai' });
    fake.inject(echoing('openrouter', 503), { provider: 'openrouter' });
    const before = gateway.recorder.events.length;
    const answer = await post('/v1/chat/completions', {
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(answer.status).toBeGreaterThanOrEqual(500);
    expectNoKey(answer.text);
    const [event] = (await gateway.waitForEvents(before + 1)).slice(before);
    expectNoKey(JSON.stringify(event));
  });

  it('is redacted from a successful answer too: spliced stream, translated stream, JSON', async () => {
    const echo = { text: `the key I was sent is ${FAKE_KEYS.openai} indeed` };
    const chat = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] };
    const pin = { 'x-ekai-provider': 'openai' };
    fake.script(echo, { provider: 'openai', count: 3 });
    const streamed = await post('/v1/chat/completions', { ...chat, stream: true }, pin);
    const translated = await post(
      '/v1/messages',
      { ...chat, max_tokens: 64, stream: true },
      { ...pin, 'anthropic-version': '2023-06-01' },
    );
    const json = await post('/v1/chat/completions', chat, pin);
    for (const answer of [streamed, translated, json]) {
      expect(answer.status).toBe(200);
      expectNoKey(answer.text);
      expect(answer.text).toContain('[redacted]');
    }
    // The upstream really did send it.
    expect(fake.requests.filter((request) => request.responseText.includes(FAKE_KEYS.openai))).toHaveLength(
      3,
    );
  });
});
