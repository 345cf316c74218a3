/**
 * ekai's provider rules, over HTTP against the strict fake: each test fails if one rule in
 * src/providers or in a request converter is broken (the fake then answers the provider's own 400
 * or 401, or the upstream body shows the rule was not applied). Expected values come from the
 * providers' documentation, not from ekai's code.
 */
import { describe, expect, it } from 'vitest';
import { FAKE_KEYS, type FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

type Json = Record<string, unknown>;

let fake: FakeProvider;
let gateway: TestGateway;

withFakeAndGateway((started) => ({ fake, gateway } = started));

const PATHS = { messages: '/v1/messages', chat: '/v1/chat/completions', responses: '/v1/responses' } as const;

/** A client request through the gateway; returns the status and what reached the provider. */
async function send(endpoint: keyof typeof PATHS, body: Json) {
  const response = await fetch(`${gateway.url}${PATHS[endpoint]}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const upstream = fake.requests.find((request) => request.dialect !== 'count_tokens');
  const warnings = response.headers.get('x-ekai-warnings');
  return { status: response.status, text, upstream, sent: (upstream?.body ?? {}) as Json, warnings };
}

const hi = [{ role: 'user', content: 'hi' }];

describe('credentials go in the header each provider reads', () => {
  it('Anthropic: x-api-key, never Bearer', async () => {
    const { status, upstream } = await send('messages', {
      model: 'claude-sonnet-4-5',
      max_tokens: 10,
      messages: hi,
    });
    expect(status).toBe(200);
    expect(upstream?.headers['x-api-key']).toBe(FAKE_KEYS.anthropic);
    expect(upstream?.headers.authorization).toBeUndefined();
  });

  it('Z.AI (glm-4.6): Authorization: Bearer, never x-api-key', async () => {
    const { status, text, upstream } = await send('messages', {
      model: 'glm-4.6',
      max_tokens: 10,
      messages: hi,
    });
    expect(status, text).toBe(200);
    expect(upstream?.headers.authorization).toBe(`Bearer ${FAKE_KEYS.zai}`);
    expect(upstream?.headers['x-api-key']).toBeUndefined();
  });

  it('xAI: Bearer on Chat, x-api-key on Messages (the Anthropic SDK’s header)', async () => {
    const chat = await send('chat', { model: 'grok-4', messages: hi });
    expect(chat.status).toBe(200);
    expect(chat.upstream?.headers.authorization).toBe(`Bearer ${FAKE_KEYS.xai}`);
    fake.reset();
    const messages = await send('messages', { model: 'grok-4-0709', max_tokens: 10, messages: hi });
    expect(messages.status).toBe(200);
    expect(messages.upstream?.path).toBe('/xai/v1/messages');
    expect(messages.upstream?.headers['x-api-key']).toBe(FAKE_KEYS.xai);
  });

  it('OpenAI and OpenRouter: Bearer; OpenRouter also gets the attribution headers', async () => {
    const openai = await send('chat', { model: 'gpt-4o', messages: hi });
    expect(openai.status).toBe(200);
    expect(openai.upstream?.headers.authorization).toBe(`Bearer ${FAKE_KEYS.openai}`);
    fake.reset();
    const openrouter = await send('chat', { model: 'gemini-2.5-pro', messages: hi });
    expect(openrouter.status).toBe(200);
    expect(openrouter.upstream?.headers).toMatchObject({
      authorization: `Bearer ${FAKE_KEYS.openrouter}`,
      'http-referer': 'https://github.com/ekailabs/ekai-gateway',
      'x-title': 'ekai',
    });
  });
});

describe('Claude Code (Messages) on OpenAI models', () => {
  const claudeCode = (model: string): Json => ({
    model,
    max_tokens: 32000,
    temperature: 0.7,
    top_p: 0.9,
    stop_sequences: ['</done>'],
    messages: hi,
  });

  // (codex-mini-latest is Responses-only: its Chat clients go through Responses.)
  it.each(['gpt-5', 'o3', 'o4-mini'])(
    '%s (a reasoning model): max_completion_tokens, no max_tokens, sampling or stop',
    async (model) => {
      const { status, text, sent } = await send('messages', claudeCode(model));
      expect(status, text).toBe(200);
      expect(sent.max_completion_tokens).toBeGreaterThan(0);
      for (const field of ['max_tokens', 'temperature', 'top_p', 'stop'])
        expect(sent, field).not.toHaveProperty(field);
    },
  );

  it.each(['gpt-4o', 'gpt-5-chat-latest'])(
    '%s (not a reasoning model): max_tokens and sampling kept',
    async (model) => {
      const { status, sent } = await send('messages', claudeCode(model));
      expect(status).toBe(200);
      expect(sent).toMatchObject({ temperature: 0.7, top_p: 0.9, stop: ['</done>'] });
      expect(sent.max_tokens).toBeGreaterThan(0);
      expect(sent).not.toHaveProperty('max_completion_tokens');
    },
  );

  it('at most 4 stop sequences reach OpenAI', async () => {
    const body = {
      model: 'gpt-4o',
      max_tokens: 10,
      messages: hi,
      stop_sequences: ['a', 'b', 'c', 'd', 'e', 'f'],
    };
    const { status, sent } = await send('messages', body);
    expect(status).toBe(200);
    expect(sent.stop).toEqual(['a', 'b', 'c', 'd']);
  });

  it('Claude Code’s long metadata.user_id becomes a `user` of at most 64 characters', async () => {
    const userId = JSON.stringify({
      device_id: 'd'.repeat(64),
      account_uuid: 'a'.repeat(36),
      session_id: 's'.repeat(36),
    });
    const body = { model: 'gpt-4o', max_tokens: 10, messages: hi, metadata: { user_id: userId } };
    const { status, sent } = await send('messages', body);
    expect(status).toBe(200);
    expect(typeof sent.user).toBe('string');
    expect((sent.user as string).length).toBeLessThanOrEqual(64);
  });

  it('MCP tool names over 64 characters are shortened for OpenAI', async () => {
    const name = `mcp__${'server'.repeat(6)}__${'tool'.repeat(10)}`;
    const body = {
      model: 'gpt-4o',
      max_tokens: 10,
      messages: hi,
      tools: [{ name, input_schema: { type: 'object', properties: {} } }],
    };
    const { status, sent } = await send('messages', body);
    expect(status).toBe(200);
    const [tool] = sent.tools as Array<{ function: { name: string } }>;
    expect(tool?.function.name.length).toBeLessThanOrEqual(64);
  });
});

describe('OpenAI clients on Claude', () => {
  it('claude-sonnet-4-5 never gets temperature and top_p together', async () => {
    const body = { model: 'claude-sonnet-4-5', messages: hi, temperature: 0.5, top_p: 0.9 };
    const { status, text, sent, warnings } = await send('chat', body);
    expect(status, text).toBe(200);
    expect(sent.temperature).toBe(0.5);
    expect(sent).not.toHaveProperty('top_p');
    // Never a silent 200: the client is told what was dropped.
    // Sonnet 4.5 retired on 2026-11-30 (still forwarded): that note comes first.
    expect(warnings).toBe(
      'model claude-sonnet-4-5 is retired since 2026-11-30; its successor is claude-sonnet-5-5; ' +
        'top_p dropped: this model takes temperature or top_p, not both',
    );
  });

  it('older Claude models still get both', async () => {
    const { status, sent, warnings } = await send('chat', {
      model: 'claude-sonnet-4',
      messages: hi,
      temperature: 0.5,
      top_p: 0.9,
    });
    expect(status).toBe(200);
    expect(sent).toMatchObject({ temperature: 0.5, top_p: 0.9 });
    // Nothing dropped; only the note that Sonnet 4 is retired (still forwarded).
    expect(warnings).toBe(
      'model claude-sonnet-4 is retired since 2026-06-15; its successor is claude-sonnet-4-6',
    );
  });

  it('claude-opus-4-7 thinks adaptively: reasoning_effort becomes output_config.effort, no budget', async () => {
    const { status, text, sent } = await send('chat', {
      model: 'claude-opus-4-7',
      messages: hi,
      reasoning_effort: 'high',
    });
    expect(status, text).toBe(200);
    expect(sent.thinking).toEqual({ type: 'adaptive' });
    expect(sent.output_config).toEqual({ effort: 'high' });
  });

  it('Codex (Responses) on claude-opus-4-7 too', async () => {
    const body = { model: 'claude-opus-4-7', input: 'hi', reasoning: { effort: 'medium' } };
    const { status, text, sent } = await send('responses', body);
    expect(status, text).toBe(200);
    expect(sent.thinking).toEqual({ type: 'adaptive' });
    expect(sent.output_config).toEqual({ effort: 'medium' });
  });

  it('claude-sonnet-4-5 keeps budget thinking', async () => {
    const { status, sent } = await send('chat', {
      model: 'claude-sonnet-4-5',
      messages: hi,
      reasoning_effort: 'low',
    });
    expect(status).toBe(200);
    // Low thinks in 1/32 of the model's output limit: 64,000 / 32.
    expect(sent.thinking).toEqual({ type: 'enabled', budget_tokens: 2000 });
  });

  it('Messages gets the max_tokens it requires when the client sends none', async () => {
    const { status, sent } = await send('chat', { model: 'glm-4.6', messages: hi });
    expect(status).toBe(200);
    expect(sent.max_tokens).toBeGreaterThan(0);
  });

  it('Codex’s prompt caching stays within Anthropic’s 4 cache breakpoints', async () => {
    const body = {
      model: 'claude-sonnet-4-5',
      instructions: 'Be terse.',
      prompt_cache_key: 'conversation-1',
      tools: [{ type: 'function', name: 'shell', parameters: { type: 'object', properties: {} } }],
      input: ['one', 'two', 'three', 'four', 'five'].map((text, index) =>
        index % 2
          ? { role: 'assistant', content: [{ type: 'output_text', text }] }
          : { role: 'user', content: [{ type: 'input_text', text }] },
      ),
    };
    const { status, text } = await send('responses', body);
    expect(status, text).toBe(200);
  });
});
