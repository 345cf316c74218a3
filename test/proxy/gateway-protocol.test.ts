/**
 * Claude Code's gateway protocol, point by point, through the real Anthropic SDK against the gateway
 * and the strict fake. The contract: https://code.claude.com/docs/en/llm-gateway-protocol
 * ("Request headers", "Optional endpoints and startup traffic", "Model discovery"). Expected values
 * are written by hand from that page and from the providers' documented shapes.
 */
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { betaHeaderFor } from '../../src/providers/betas.js';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
// openrouter left without a key: its models must not be offered to the picker.
withFakeAndGateway(
  (started) => {
    ({ fake, gateway } = started);
  },
  { configured: ['openai', 'anthropic', 'xai', 'zai'] },
);

/** What Claude Code 2.1.329 sends (docs/translation.md, "Observed in detail"), plus a sub-agent's ids. */
const BETAS =
  'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,effort-2025-11-24';
const CLAUDE_CODE_HEADERS = {
  // Claude Code's version header (the protocol page: "currently `2023-06-01`"), over the SDK's own.
  'anthropic-version': '2023-06-01',
  'anthropic-beta': BETAS,
  'x-claude-code-session-id': 'session-1234',
  'x-claude-code-agent-id': 'agent-5678',
  'x-claude-code-parent-agent-id': 'agent-0001',
};

function client(headers: Record<string, string> = CLAUDE_CODE_HEADERS): Anthropic {
  return new Anthropic({ baseURL: gateway.url, apiKey: 'client', maxRetries: 0, defaultHeaders: headers });
}

const hi = (model: string) => ({
  model,
  max_tokens: 20,
  messages: [{ role: 'user' as const, content: 'hi' }],
});

describe('anthropic-beta and anthropic-version reach Anthropic-dialect upstreams unchanged', () => {
  it.each([
    { model: 'claude-sonnet-4', provider: 'anthropic', pin: undefined },
    { model: 'glm-4.6', provider: 'zai', pin: undefined },
    // A name the catalog does not know, pinned to xAI: its Messages endpoint, spoken natively.
    { model: 'grok-messages-probe', provider: 'xai', pin: 'xai' },
  ])('$provider ($model): both headers byte for byte', async ({ model, provider, pin }) => {
    await client({ ...CLAUDE_CODE_HEADERS, ...(pin && { 'x-ekai-provider': pin }) }).messages.create(
      hi(model),
    );
    const upstream = fake.lastRequest()!;
    expect(upstream.provider).toBe(provider);
    expect(upstream.dialect).toBe('messages');
    expect(upstream.headers['anthropic-beta']).toBe(BETAS);
    expect(upstream.headers['anthropic-version']).toBe('2023-06-01');
  });

  it('a translated request (GPT) carries neither: they mean nothing to OpenAI', async () => {
    await client().messages.create(hi('gpt-4o'));
    const upstream = fake.lastRequest()!;
    expect(upstream.provider).toBe('openai');
    expect(upstream.headers['anthropic-beta']).toBeUndefined();
    expect(upstream.headers['anthropic-version']).toBeUndefined();
  });
});

describe('betas an upstream refuses are taken out, per provider, and the client is told', () => {
  // Anthropic: "Unexpected value(s) `effort-2025-11-24` for the `anthropic-beta` header" on the 4.5
  // models (https://github.com/anthropics/claude-code/issues/53855).
  it('the table: effort-2025-11-24 out for Anthropic’s Sonnet 4.5, kept for Opus 4.7 and for Z.AI', () => {
    expect(betaHeaderFor('anthropic', 'claude-sonnet-4-5-20250929', BETAS)).toEqual({
      value: 'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27',
      note: 'anthropic-beta effort-2025-11-24 not sent: anthropic refuses it for claude-sonnet-4-5-20250929',
    });
    expect(betaHeaderFor('anthropic', 'claude-opus-4-7', BETAS)).toEqual({ value: BETAS, note: undefined });
    expect(betaHeaderFor('zai', 'claude-sonnet-4-5', BETAS)).toEqual({ value: BETAS, note: undefined });
    expect(betaHeaderFor('anthropic', 'claude-haiku-4-5', 'effort-2025-11-24')).toEqual({
      value: undefined,
      note: 'anthropic-beta effort-2025-11-24 not sent: anthropic refuses it for claude-haiku-4-5',
    });
  });

  it('through the gateway: the request succeeds without the refused value, x-ekai-warnings names it', async () => {
    const { response } = await client().messages.create(hi('claude-sonnet-4-5')).withResponse();
    const upstream = fake.lastRequest()!;
    expect(upstream.headers['anthropic-beta']).toBe(
      'claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27',
    );
    expect(response.headers.get('x-ekai-warnings')).toContain(
      'anthropic-beta effort-2025-11-24 not sent: anthropic refuses it for',
    );
  });
});

describe('POST /v1/messages/count_tokens: a real count or a clean error', () => {
  it('a model served in Messages: the provider’s own count, relayed', async () => {
    const counted = await client().messages.countTokens(hi('claude-sonnet-4'));
    const upstream = fake.lastRequest()!;
    expect(upstream.dialect).toBe('count_tokens');
    expect(upstream.headers['anthropic-beta']).toBe(BETAS);
    // https://docs.anthropic.com/en/api/messages-count-tokens: `{"input_tokens": N}`
    expect(counted).toEqual({ input_tokens: JSON.parse(upstream.responseText).input_tokens });
  });

  // Models OpenAI serves in Responses are counted there (count-tokens-responses.test.ts).
  it('a model no provider can count (grok-3: xAI serves it in Chat only): a 404 in the Messages shape, not retried, nothing sent upstream', async () => {
    const error = await client()
      .messages.countTokens(hi('grok-3'))
      .then(
        () => undefined,
        (thrown: unknown) => thrown as InstanceType<typeof Anthropic.APIError>,
      );
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    // Anthropic's error shape: https://docs.anthropic.com/en/api/errors
    expect(error!.error).toMatchObject({
      type: 'error',
      error: {
        type: 'not_found_error',
        message: expect.stringContaining('count_tokens is not available for grok-3'),
      },
    });
    expect(error!.headers?.get('x-should-retry')).toBe('false');
    expect(fake.requests).toEqual([]);
  });
});

describe('attribution headers: consumed for the vendor’s own upstream, never sent to another vendor', () => {
  it('Claude Code’s session and agent ids reach Anthropic', async () => {
    await client().messages.create(hi('claude-sonnet-4'));
    expect(fake.lastRequest()!.headers).toMatchObject({
      'x-claude-code-session-id': 'session-1234',
      'x-claude-code-agent-id': 'agent-5678',
      'x-claude-code-parent-agent-id': 'agent-0001',
    });
  });

  it('and none of them reaches OpenAI', async () => {
    await client().messages.create(hi('gpt-4o'));
    const names = Object.keys(fake.lastRequest()!.headers);
    expect(names.filter((name) => name.startsWith('x-claude-code-'))).toEqual([]);
  });
});

describe('model discovery: GET /v1/models in Anthropic’s list shape, picker aliases for the rest', () => {
  it('claude ids as they are, every reachable other model as claude-ekai-<id>; unreachable ones get no alias', async () => {
    const response = await fetch(`${gateway.url}/v1/models?limit=1000`, {
      headers: { 'anthropic-version': '2023-06-01', authorization: 'Bearer client' },
      redirect: 'error',
    });
    expect(response.status).toBe(200);
    const page = (await response.json()) as {
      data: Array<{ type: string; id: string; display_name: string; created_at: string }>;
      has_more: boolean;
    };
    const ids = page.data.map((entry) => entry.id);
    expect(page.has_more).toBe(false);
    expect(ids).toContain('claude-sonnet-4');
    expect(ids).toContain('claude-ekai-gpt-4o');
    expect(ids).toContain('claude-ekai-glm-4.6');
    expect(ids).not.toContain('claude-ekai-claude-sonnet-4');
    // gemini-2.5-pro is offered by OpenRouter only, which has no key here.
    expect(ids).not.toContain('claude-ekai-gemini-2.5-pro');
    expect(page.data.find((entry) => entry.id === 'claude-ekai-gpt-4o')).toEqual({
      type: 'model',
      id: 'claude-ekai-gpt-4o',
      display_name: 'gpt-4o (ekai)',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('the same through the SDK’s models.list, and an alias is routed to the model behind it', async () => {
    const ids: string[] = [];
    for await (const model of client().models.list({ limit: 1000 })) ids.push(model.id);
    expect(ids).toContain('claude-ekai-gpt-4o');
    const { data, response } = await client().messages.create(hi('claude-ekai-gpt-4o')).withResponse();
    const upstream = fake.lastRequest()!;
    expect(upstream.provider).toBe('openai');
    expect((upstream.body as { model: string }).model).toBe('gpt-4o');
    expect(response.headers.get('x-ekai-provider')).toBe('openai');
    expect(data.content[0]).toMatchObject({
      type: 'text',
      text: expect.stringMatching(/^Hello from openai!/),
    });
    const [event] = gateway.recorder.events.slice(-1);
    expect(event?.model).toBe('gpt-4o');
  });
});
