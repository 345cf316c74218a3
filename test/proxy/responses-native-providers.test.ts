import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { endpointUrl } from '../../src/providers/endpoints.js';
import { authHeaders, type FakeProvider, type ProviderName } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

/**
 * Codex's own format where the provider serves it: a Responses client on Grok or an OpenRouter
 * model reaches that provider's /v1/responses with its own bytes (custom tools with their grammar,
 * encrypted reasoning, verbosity), while Chat and Messages clients keep their own routes.
 * xAI: https://docs.x.ai/developers/rest-api-reference/inference/responses
 * OpenRouter: https://openrouter.ai/docs/api/reference/responses/overview
 */
let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

/** A raw POST to the fake with the provider's key, as its own clients send it. */
async function postTo(provider: ProviderName, url: string, body: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders(provider, 'responses') },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as unknown };
}

const client = () => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });

/** Codex's apply_patch: a custom tool whose input is constrained by a Lark grammar. */
const APPLY_PATCH = {
  type: 'custom',
  name: 'apply_patch',
  description: 'Edit files with a patch.',
  format: {
    type: 'grammar',
    syntax: 'lark',
    definition: 'start: "*** Begin Patch" /(.|\\n)*/ "*** End Patch"',
  },
} as const;
const PATCH = '*** Begin Patch\n*** Add File: hello.txt\n+hi\n*** End Patch';

/** Prices per million tokens, from catalog.yaml's offers (grok-4.7 on xAI, gemini-2.5-pro on OpenRouter). */
const CASES: Array<{
  model: string;
  upstream: string;
  provider: ProviderName;
  input: number;
  output: number;
  /** Where a Chat client goes instead of Chat Completions (the provider's first format). */
  chatVia?: 'messages';
}> = [
  { model: 'grok-4.7', upstream: 'grok-4.7', provider: 'xai', input: 2, output: 6 },
  {
    model: 'gemini-2.5-pro',
    upstream: 'google/gemini-2.5-pro',
    provider: 'openrouter',
    input: 1.25,
    output: 10,
  },
  // Z.AI's Responses API sits beside its Anthropic root (/api/v1, not /api/anthropic/v1).
  { model: 'glm-5.3', upstream: 'glm-5.3', provider: 'zai', input: 1.4, output: 4.4, chatVia: 'messages' },
];

describe.each(CASES)('openai SDK responses.create on $model → $provider /v1/responses, natively', (c) => {
  it('a streamed turn with a custom tool, then the whole next turn with its reasoning and tool output', async () => {
    fake.script(
      { thinking: true, toolCalls: [{ name: 'apply_patch', arguments: JSON.stringify({ input: PATCH }) }] },
      { provider: c.provider, dialect: 'responses' },
    );
    const first = {
      model: c.model,
      instructions: 'You are a coding agent.',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'Add hello.txt' }] }],
      tools: [APPLY_PATCH],
      tool_choice: 'auto',
      parallel_tool_calls: false,
      reasoning: { effort: 'high', summary: 'auto' },
      store: false,
      stream: true,
      include: ['reasoning.encrypted_content'],
      text: { verbosity: 'low' },
    };
    const stream = await client().responses.create(
      first as unknown as OpenAI.Responses.ResponseCreateParamsStreaming,
    );
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) if (event.type === 'response.completed') completed = event.response;

    // Spliced: the client's own bytes, only the model id swapped for the offer's upstream id.
    const sent = fake.lastRequest()!;
    expect(sent).toMatchObject({ provider: c.provider, dialect: 'responses' });
    expect(sent.rawBody).toBe(JSON.stringify({ ...first, model: c.upstream }));

    const reasoning = completed!.output.find((item) => item.type === 'reasoning')!;
    const call = completed!.output.find((item) => item.type === 'custom_tool_call')!;
    expect(reasoning).toMatchObject({ type: 'reasoning', encrypted_content: expect.any(String) });
    expect(call).toMatchObject({ type: 'custom_tool_call', name: 'apply_patch', input: PATCH });
    if (call.type !== 'custom_tool_call') throw new Error('no custom tool call');

    const recorded = gateway.nextEvents();
    fake.script(
      { usage: { inputTokens: 1000, outputTokens: 100 } },
      { provider: c.provider, dialect: 'responses' },
    );
    const second = {
      ...first,
      stream: false,
      input: [
        ...first.input,
        reasoning,
        { type: 'custom_tool_call', call_id: call.call_id, name: 'apply_patch', input: PATCH },
        { type: 'custom_tool_call_output', call_id: call.call_id, output: 'Done!' },
      ],
    };
    const answer = await client().responses.create(
      second as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming,
    );
    expect(fake.lastRequest()!.rawBody).toBe(JSON.stringify({ ...second, model: c.upstream }));
    expect(answer.output_text).toMatch(new RegExp(`^Hello from ${c.provider}!`));

    const [event] = await recorded;
    expect(event).toMatchObject({
      clientDialect: 'responses',
      provider: c.provider,
      upstreamModel: c.upstream,
      inputTokens: 1000,
      outputTokens: 100,
      outcome: 'ok',
      warnings: [],
    });
    // Priced at the offer: 1000 input and 100 output tokens.
    expect(event!.costUsd).toBeCloseTo((1000 * c.input + 100 * c.output) / 1_000_000, 12);
  });

  it('a Chat client on the same model keeps its route (Chat; Messages on Z.AI, its first format)', async () => {
    const answer = await client().chat.completions.create({
      model: c.model,
      messages: [{ role: 'user', content: 'Say hello' }],
    });
    expect(answer.choices[0]?.message.content).toMatch(new RegExp(`^Hello from ${c.provider}!`));
    expect(fake.lastRequest()).toMatchObject({ provider: c.provider, dialect: c.chatVia ?? 'chat' });
  });
});

describe('Claude Code (Messages) on Grok', () => {
  it("still uses xAI's Messages endpoint", async () => {
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'client', maxRetries: 0 });
    const message = await anthropic.messages.create({
      model: 'grok-4.7',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Say hello' }],
    });
    expect(message.content[0]).toMatchObject({
      type: 'text',
      text: expect.stringMatching(/^Hello from xai!/),
    });
    expect(fake.lastRequest()).toMatchObject({
      provider: 'xai',
      dialect: 'messages',
      path: '/xai/v1/messages',
    });
  });
});

describe("OpenRouter's stateless Responses API", () => {
  it('store: true is not sent, with a note; the answer comes back', async () => {
    const response = await fetch(`${gateway.url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer client' },
      body: JSON.stringify({ model: 'gemini-2.5-pro', input: 'Say hello', store: true }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ekai-warnings')).toBe(
      'store not sent: OpenRouter keeps no responses (its Responses API is stateless)',
    );
    expect(fake.lastRequest()!.body).toEqual({ model: 'google/gemini-2.5-pro', input: 'Say hello' });
  });

  it('previous_response_id is refused before anything is sent', async () => {
    const error = await client()
      .responses.create({ model: 'gemini-2.5-pro', input: 'And then?', previous_response_id: 'resp_1' })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).message).toContain(
      'OpenRouter keeps no responses to continue',
    );
    expect(fake.requests).toHaveLength(0);
  });
});

describe('the strict fake refuses what each Responses API refuses, with its own body', () => {
  const post = (provider: ProviderName, path: string, body: unknown) =>
    postTo(provider, `${fake.url}${path}`, body);
  const reasoning = (encrypted: string, extra: Record<string, unknown> = {}) => ({
    model: 'grok-4.7',
    input: [
      { role: 'user', content: 'Hi' },
      { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: encrypted, ...extra },
      { role: 'user', content: 'Go on' },
    ],
  });

  it("xAI cannot read another provider's encrypted reasoning (https://github.com/Wei-Shaw/sub2api/issues/4535)", async () => {
    const reply = await post('xai', '/xai/v1/responses', reasoning('gAAAAABopenai'));
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({
      code: 'invalid-argument',
      error:
        'Could not decrypt the provided encrypted_content. Ensure the value is the unmodified encrypted_content from a previous response.',
    });
  });

  it("xAI refuses a reasoning item sent back with more than it returned, as Codex's content: null (https://github.com/makecindy/cindy/pull/1345)", async () => {
    const reply = await post('xai', '/xai/v1/responses', reasoning('xai-enc.abc', { content: null }));
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({
      code: 'invalid-argument',
      error: 'Could not decode the compaction blob. Ensure it is unmodified from the compact response.',
    });
    expect((await post('xai', '/xai/v1/responses', reasoning('xai-enc.abc'))).status).toBe(200);
  });

  it("OpenAI cannot read xAI's (https://github.com/NousResearch/hermes-agent/pull/32062)", async () => {
    const reply = await post('openai', '/openai/v1/responses', {
      ...reasoning('xai-enc.abc'),
      model: 'gpt-5',
    });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({
      error: {
        message:
          'The encrypted content for item rs_1 could not be verified. Reason: Encrypted content could not be decrypted or parsed.',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_encrypted_content',
      },
    });
  });

  it('OpenRouter takes store only as false (https://github.com/BerriAI/litellm/issues/30851)', async () => {
    const body = { model: 'openai/gpt-5', input: 'Hi' };
    const reply = await post('openrouter', '/openrouter/api/v1/responses', { ...body, store: true });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({
      error: { code: 'invalid_prompt', message: 'Invalid Responses API request' },
      metadata: {
        raw: [
          {
            code: 'invalid_value',
            values: [false],
            path: ['store'],
            message: 'Invalid input: expected false',
          },
        ],
      },
    });
    expect((await post('openrouter', '/openrouter/api/v1/responses', { ...body, store: false })).status).toBe(
      200,
    );
  });
});

describe("Z.AI's Responses API, beside its Anthropic-compatible root", () => {
  it('is at /api/v1/responses under the same host (../shared/reference/current-models.md)', () => {
    expect(endpointUrl('https://api.z.ai/api/anthropic', 'zai', 'responses').href).toBe(
      'https://api.z.ai/api/v1/responses',
    );
    expect(endpointUrl('https://api.z.ai/api/anthropic/', 'zai', 'messages').href).toBe(
      'https://api.z.ai/api/anthropic/v1/messages',
    );
    expect(endpointUrl('https://api.x.ai', 'xai', 'responses', '?a=1').href).toBe(
      'https://api.x.ai/v1/responses?a=1',
    );
  });

  it('the fake serves it there, with a Bearer key', async () => {
    const url = new URL('../v1/responses', `${fake.baseUrl('zai')}/`).href;
    const reply = await postTo('zai', url, { model: 'glm-5.3', input: 'Hi' });
    expect(reply.status).toBe(200);
    expect(fake.lastRequest()).toMatchObject({
      provider: 'zai',
      dialect: 'responses',
      path: '/zai/api/v1/responses',
    });
  });
});
