import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGatewayKey, presentedKey } from '../../src/proxy/auth.js';
import { type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';

const KEY = 'gw-key-0123456789';

let fake: FakeProvider;
let gateway: TestGateway;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway(fake, { config: { gatewayKeys: ['another-key-xyz', KEY] } });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});

const hi = [{ role: 'user' as const, content: 'hi' }];

describe('gatewayKeys', () => {
  it('without a key: 401 in each client’s dialect; /health stays open', async () => {
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'wrong', maxRetries: 0 });
    await expect(openai.chat.completions.create({ model: 'gpt-4o', messages: hi })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'wrong', maxRetries: 0 });
    const error = await anthropic.messages
      .create({ model: 'claude-sonnet-4', max_tokens: 5, messages: hi })
      .then(
        () => undefined,
        (thrown: unknown) => thrown as InstanceType<typeof Anthropic.APIError>,
      );
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(error?.error).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    for (const path of ['/v1/models', '/usage'])
      expect((await fetch(`${gateway.url}${path}`)).status).toBe(401);
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
    expect(fake.requests).toHaveLength(0);
  });

  it('with a key as Bearer (OpenAI SDK) or x-api-key (Anthropic SDK) the request goes through, and the key is not forwarded', async () => {
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: KEY, maxRetries: 0 });
    expect(
      (await openai.chat.completions.create({ model: 'gpt-4o', messages: hi })).choices[0]?.message.content,
    ).toContain('Hello');
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: KEY, maxRetries: 0 });
    await anthropic.messages.create({ model: 'claude-sonnet-4', max_tokens: 5, messages: hi });
    const x = await fetch(`${gateway.url}/v1/models`, { headers: { 'x-api-key': KEY } });
    expect(x.status).toBe(200);
    for (const request of fake.requests) expect(JSON.stringify(request.headers)).not.toContain(KEY);
  });

  it('compares keys exactly', () => {
    expect(isGatewayKey(KEY, [KEY])).toBe(true);
    expect(isGatewayKey(`${KEY}x`, [KEY])).toBe(false);
    expect(isGatewayKey(KEY.slice(0, -1), [KEY])).toBe(false);
    expect(isGatewayKey(undefined, [KEY])).toBe(false);
    expect(presentedKey({ authorization: `bearer ${KEY}` })).toBe(KEY);
    expect(presentedKey({ 'x-api-key': KEY, authorization: 'Bearer other' })).toBe(KEY);
  });
});
