/** Credentials, validation and routing, checked the way each provider does. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Dialect,
  dialectPath,
  FAKE_KEYS,
  type FakeProvider,
  type ProviderName,
  postJson,
  startFakeProvider,
} from './support/fake-provider/index.js';

type Json = Record<string, unknown>;

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

const chatBody = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
const messagesBody = { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] };
const responsesBody = { model: 'm', input: 'hi' };
const BODIES: Record<Dialect, Json> = {
  chat: chatBody,
  messages: messagesBody,
  count_tokens: messagesBody,
  responses: responsesBody,
};

/** Every provider × dialect it serves. */
const ROUTES: Array<[ProviderName, Dialect]> = [
  ['openai', 'chat'],
  ['openai', 'responses'],
  ['anthropic', 'messages'],
  ['anthropic', 'count_tokens'],
  ['xai', 'chat'],
  ['xai', 'messages'],
  ['xai', 'count_tokens'],
  ['openrouter', 'chat'],
  ['zai', 'messages'],
  ['zai', 'count_tokens'],
];

function post(provider: ProviderName, dialect: Dialect, headers: Record<string, string>, body?: unknown) {
  return fetch(`${fake.baseUrl(provider)}${dialectPath(dialect)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body ?? BODIES[dialect]),
  });
}

const isAnthropicShaped = (dialect: Dialect): boolean => dialect === 'messages' || dialect === 'count_tokens';

describe('base URLs', () => {
  it('mount each provider where its real base path would be', () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fake.baseUrl('openai')).toBe(`${fake.url}/openai`);
    expect(fake.baseUrl('anthropic')).toBe(`${fake.url}/anthropic`);
    expect(fake.baseUrl('xai')).toBe(`${fake.url}/xai`);
    expect(fake.baseUrl('openrouter')).toBe(`${fake.url}/openrouter/api`);
    expect(fake.baseUrl('zai')).toBe(`${fake.url}/zai/api/anthropic`);
  });
});

describe.each(ROUTES)('%s %s', (provider, dialect) => {
  it('answers with the right key', async () => {
    const response = await postJson(fake, provider, dialect, BODIES[dialect]);
    expect(response.status).toBe(200);
  });

  it('refuses a wrong key with 401 in the dialect shape', async () => {
    const response = await post(provider, dialect, keyHeaders(provider, dialect, 'nope-wrong-key'));
    expect(response.status).toBe(401);
    const body = (await response.json()) as Json;
    if (isAnthropicShaped(dialect)) {
      expect(body).toMatchObject({
        type: 'error',
        error: {
          type: 'authentication_error',
          message: provider === 'zai' ? 'Authentication Failed' : 'invalid x-api-key',
        },
      });
      expect(response.headers.get('request-id')).toMatch(/^req_/);
      expect(body.request_id).toBe(response.headers.get('request-id'));
    } else {
      expect(body).toEqual({
        error: {
          message: expect.stringMatching(/^Incorrect API key provided: nop\*+-key\.$/),
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      });
    }
  });

  it('refuses a missing key with 401', async () => {
    const response = await post(
      provider,
      dialect,
      isAnthropicShaped(dialect) ? { 'anthropic-version': '2023-06-01' } : {},
    );
    expect(response.status).toBe(401);
    const body = (await response.json()) as Json;
    if (isAnthropicShaped(dialect)) {
      expect(body).toMatchObject({
        error: {
          type: 'authentication_error',
          message:
            provider === 'zai'
              ? 'Authentication parameter not received in Header, unable to authenticate'
              : 'x-api-key header is required',
        },
      });
    } else {
      expect(body).toMatchObject({ error: { type: 'invalid_request_error', code: null } });
    }
  });

  it('answers malformed JSON and a missing model with 400 in the dialect shape', async () => {
    const auth = postJsonHeaders(provider, dialect);
    for (const body of [
      '{"model": "m", "messages": [',
      JSON.stringify({ ...BODIES[dialect], model: undefined }),
    ]) {
      const response = await post(provider, dialect, auth, body);
      expect(response.status).toBe(400);
      const json = (await response.json()) as Json;
      if (isAnthropicShaped(dialect))
        expect(json).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
      else expect(json).toMatchObject({ error: { type: 'invalid_request_error', param: null } });
    }
  });
});

function postJsonHeaders(provider: ProviderName, dialect: Dialect): Record<string, string> {
  return keyHeaders(provider, dialect, FAKE_KEYS[provider]);
}

/** The key in the scheme the route reads: x-api-key on Anthropic-shaped routes, except Z.AI (Bearer). */
function keyHeaders(provider: ProviderName, dialect: Dialect, key: string): Record<string, string> {
  if (isAnthropicShaped(dialect) && provider !== 'zai')
    return { 'x-api-key': key, 'anthropic-version': '2023-06-01' };
  return { authorization: `Bearer ${key}` };
}

describe('provider-specific credential rules', () => {
  it('Anthropic requires anthropic-version; xAI and Z.AI do not', async () => {
    const anthropic = await post('anthropic', 'messages', { 'x-api-key': FAKE_KEYS.anthropic });
    expect(anthropic.status).toBe(400);
    expect(await anthropic.json()).toMatchObject({
      error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' },
    });
    expect((await post('xai', 'messages', { 'x-api-key': FAKE_KEYS.xai })).status).toBe(200);
    expect((await post('zai', 'messages', { authorization: `Bearer ${FAKE_KEYS.zai}` })).status).toBe(200);
  });

  it('Anthropic-shaped routes also take Authorization: Bearer (Claude Code auth tokens, SDK ≥ 1.x)', async () => {
    for (const provider of ['anthropic', 'xai', 'zai'] as const) {
      const response = await post(provider, 'messages', {
        authorization: `Bearer ${FAKE_KEYS[provider]}`,
        'anthropic-version': '2023-06-01',
      });
      expect(response.status).toBe(200);
    }
  });

  it('Z.AI reads only Bearer: its key in x-api-key is a 401, as if no key had been sent', async () => {
    const response = await post('zai', 'messages', { 'x-api-key': FAKE_KEYS.zai });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      type: 'error',
      error: {
        type: 'authentication_error',
        message: 'Authentication parameter not received in Header, unable to authenticate',
      },
    });
  });

  it('xAI and OpenRouter Chat routes ignore x-api-key', async () => {
    for (const provider of ['xai', 'openrouter'] as const) {
      const response = await post(provider, 'chat', { 'x-api-key': FAKE_KEYS[provider] });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', code: null } });
    }
  });

  it('OpenAI-shaped routes ignore x-api-key', async () => {
    const response = await post('openai', 'chat', { 'x-api-key': FAKE_KEYS.openai });
    expect(response.status).toBe(401);
  });

  it('keys are per provider and configurable', async () => {
    const custom = await startFakeProvider({ keys: { openai: 'sk-custom' } });
    try {
      const url = `${custom.baseUrl('openai')}/v1/chat/completions`;
      const ok = await fetch(url, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-custom' },
        body: JSON.stringify(chatBody),
      });
      expect(ok.status).toBe(200);
      const xaiKeyOnOpenai = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${FAKE_KEYS.xai}` },
        body: JSON.stringify(chatBody),
      });
      expect(xaiKeyOnOpenai.status).toBe(401);
    } finally {
      await custom.close();
    }
  });
});

describe('validation', () => {
  it('Messages requires max_tokens (count_tokens does not)', async () => {
    const { max_tokens: _omit, ...body } = messagesBody;
    const message = await postJson(fake, 'anthropic', 'messages', body);
    expect(message.status).toBe(400);
    expect(await message.json()).toMatchObject({ error: { message: 'max_tokens: Field required' } });
    expect((await postJson(fake, 'anthropic', 'count_tokens', body)).status).toBe(200);
  });

  it('Chat requires messages', async () => {
    const response = await postJson(fake, 'openai', 'chat', { model: 'gpt-4o' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { param: 'messages', code: 'missing_required_parameter' },
    });
  });

  it('a body that is not an object is a 400', async () => {
    expect((await postJson(fake, 'openai', 'responses', '[1,2]')).status).toBe(400);
  });
});

describe('routing', () => {
  it('unknown paths are 404 in the provider shape', async () => {
    const openai = await postJson(fake, 'openai', 'messages', messagesBody);
    expect(openai.status).toBe(404);
    expect(await openai.json()).toMatchObject({
      error: { message: 'Invalid URL (POST /openai/v1/messages)', type: 'invalid_request_error' },
    });
    const anthropic = await postJson(fake, 'anthropic', 'chat', chatBody);
    expect(anthropic.status).toBe(404);
    expect(await anthropic.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    // Z.AI serves Chat at /api/paas/v4, never under its Anthropic-compatible root.
    const zaiChat = await postJson(fake, 'zai', 'chat', chatBody);
    expect(zaiChat.status).toBe(404);
    await zaiChat.body?.cancel();
    const nowhere = await fetch(`${fake.url}/nope/v1/chat/completions`, { method: 'POST' });
    expect(nowhere.status).toBe(404);
    await nowhere.body?.cancel();
  });

  it('GET on a generation route is a 404, as on the real APIs', async () => {
    const response = await fetch(`${fake.baseUrl('openai')}/v1/chat/completions`, {
      headers: { authorization: `Bearer ${FAKE_KEYS.openai}` },
    });
    expect(response.status).toBe(404);
    await response.body?.cancel();
  });

  it('list models in each provider list shape', async () => {
    const openai = await fetch(`${fake.baseUrl('openai')}/v1/models`, {
      headers: { authorization: `Bearer ${FAKE_KEYS.openai}` },
    });
    expect(await openai.json()).toMatchObject({
      object: 'list',
      data: expect.arrayContaining([
        { id: 'gpt-4o', object: 'model', created: expect.any(Number), owned_by: 'openai' },
      ]),
    });
    const anthropic = await fetch(`${fake.baseUrl('anthropic')}/v1/models`, {
      headers: { 'x-api-key': FAKE_KEYS.anthropic, 'anthropic-version': '2023-06-01' },
    });
    expect(await anthropic.json()).toMatchObject({
      has_more: false,
      data: expect.arrayContaining([expect.objectContaining({ type: 'model' })]),
    });
    const unauthenticated = await fetch(`${fake.baseUrl('openrouter')}/v1/models`);
    expect(unauthenticated.status).toBe(401);
    await unauthenticated.body?.cancel();
  });

  it('accept query strings such as ?beta=true and record them', async () => {
    const response = await postJson(fake, 'anthropic', 'messages', messagesBody, { query: 'beta=true' });
    expect(response.status).toBe(200);
    expect(fake.lastRequest()).toMatchObject({
      path: '/anthropic/v1/messages',
      query: 'beta=true',
      dialect: 'messages',
    });
  });
});
