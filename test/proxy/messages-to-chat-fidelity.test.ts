/**
 * `@anthropic-ai/sdk` (what Claude Code speaks) on GPT, Grok and OpenRouter through the gateway
 * (Messages → Chat), against the strict fake: what went upstream and what the client got, for
 * effort, prompt caching, Claude Code's billing block, server tools, unreadable inputs, structured
 * outputs and the client's identifying headers. Expected values written by hand from:
 * - https://docs.anthropic.com/en/docs/build-with-claude/effort (output_config.effort)
 * - https://platform.openai.com/docs/api-reference/chat/create (reasoning_effort, response_format, prompt_cache_key)
 * - https://openrouter.ai/docs/features/prompt-caching (cache_control on text parts, Anthropic models)
 * - https://openrouter.ai/docs/guides/features/server-tools/web-search (openrouter:web_search)
 * - ../shared/docs/TRANSLATION.md, "What real clients send" (Claude Code's headers)
 */
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { forwardableRequestHeaders, isOtherVendor } from '../../src/proxy/headers.js';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

const SESSION = 'b1946ac9-2a1c-4c5e-9d0f-claude-session';
/** Headers Claude Code 2.x sends besides the SDK's own x-stainless-* (TRANSLATION.md). */
const CLAUDE_CODE_HEADERS = { 'x-app': 'cli', 'x-claude-code-session-id': SESSION };

/** Claude Code's client, pinned to one provider so the test does not depend on the cheapest offer. */
const claudeCodeOn = (provider: string) =>
  new Anthropic({
    baseURL: gateway.url,
    apiKey: 'client',
    maxRetries: 0,
    defaultHeaders: { 'x-ekai-provider': provider, ...CLAUDE_CODE_HEADERS },
  });

type Body = Record<string, unknown> & { messages: Array<Record<string, unknown>> };
const upstream = () => fake.lastRequest()!.body as Body;
const BILLING = 'x-anthropic-billing-header: cc_version=2.1.329.abc; cc_entrypoint=cli; cch=00000;';
/** Messages fields the SDK types do not know yet (output_config, mcp_servers, …), sent as the client wrote them. */
type Extra = Anthropic.MessageCreateParamsNonStreaming & Record<string, unknown>;

/** The 400 the client got, in the Messages dialect. */
async function refused(
  request: Promise<unknown>,
): Promise<{ status: number; type: string; message: string }> {
  const error = await request.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Anthropic.BadRequestError);
  const { status, error: body } = error as InstanceType<typeof Anthropic.BadRequestError>;
  const { type, message } = (body as { error: { type: string; message: string } }).error;
  return { status, type, message };
}

describe('effort: Claude Code’s /effort reaches GPT', () => {
  it('adaptive thinking + output_config.effort low → reasoning_effort low, no Messages-only field upstream', async () => {
    const { response } = await claudeCodeOn('openai')
      .messages.create({
        model: 'gpt-5',
        max_tokens: 2000,
        thinking: { type: 'adaptive' },
        output_config: { effort: 'low' },
        messages: [{ role: 'user', content: 'Hi' }],
      } as Extra)
      .withResponse();
    expect(response.status).toBe(200);
    expect(fake.lastRequest()!.path).toMatch(/\/v1\/chat\/completions$/);
    const body = upstream();
    expect(body).not.toHaveProperty('thinking');
    expect(body).not.toHaveProperty('output_config');
    // TODO(integration): rendering the intent is src/providers/rules/thinking.ts's (the openai
    // profile's thinking-style row for gpt-5); the converter's `effort: 'low'` is asserted in
    // test/formats/messages-to-chat-fidelity.test.ts.
    expect(body.reasoning_effort).toBe('low');
  });
});

describe('prompt caching', () => {
  it('Claude on OpenRouter: cache_control kept on the text parts, no false warning; cache reads reported back', async () => {
    const { data, response } = await claudeCodeOn('openrouter')
      .messages.create({
        model: 'anthropic/claude-opus-5.5',
        max_tokens: 200,
        system: [
          { type: 'text', text: BILLING },
          { type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } },
        ],
        messages: [
          {
            role: 'user',
            content: [{ type: 'text', text: 'Hi [cache]', cache_control: { type: 'ephemeral' } }],
          },
        ],
      })
      .withResponse();
    expect(response.status).toBe(200);
    expect(upstream().model).toBe('anthropic/claude-opus-5.5');
    expect(upstream().messages).toEqual([
      {
        role: 'system',
        content: [{ type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } }],
      },
      { role: 'user', content: [{ type: 'text', text: 'Hi [cache]', cache_control: { type: 'ephemeral' } }] },
    ]);
    expect(response.headers.get('x-ekai-warnings') ?? '').not.toContain('cache_control');
    // The fake's [cache] answer: prompt_tokens 1525 of which cached_tokens 1200 (its README).
    expect(data.usage.cache_read_input_tokens).toBe(1200);
  });

  it('OpenAI: breakpoints dropped with the true reason in x-ekai-warnings', async () => {
    const { response } = await claudeCodeOn('openai')
      .messages.create({
        model: 'gpt-4o',
        max_tokens: 200,
        system: [{ type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: 'Hi' }],
      })
      .withResponse();
    expect(response.headers.get('x-ekai-warnings')).toContain(
      'cache_control not sent: OpenAI caches prompts automatically',
    );
  });

  // Needs the proxy to pass Claude Code's x-claude-code-session-id as the target's `session`
  // (src/proxy/forward.ts, translateRequest): see the report of issue 17's Messages → Chat part.
  it('the Claude Code session becomes OpenAI’s prompt_cache_key (hashed: the raw id does not leave for another vendor)', async () => {
    await claudeCodeOn('openai').messages.create({
      model: 'gpt-4o',
      max_tokens: 200,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    // printf %s 'b1946ac9-2a1c-4c5e-9d0f-claude-session' | sha256sum | cut -c1-32
    expect(upstream().prompt_cache_key).toBe('77354416fd88e518e66159d705583743');
  });
});

describe("Claude Code's billing header block", () => {
  it('is not the first line of GPT’s system prompt', async () => {
    await claudeCodeOn('openai').messages.create({
      model: 'gpt-4o',
      max_tokens: 200,
      system: [
        { type: 'text', text: BILLING },
        { type: 'text', text: 'You are Claude Code.' },
      ],
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(upstream().messages[0]).toEqual({ role: 'system', content: 'You are Claude Code.' });
    expect(JSON.stringify(upstream())).not.toContain('x-anthropic-billing-header');
  });
});

describe('server tools: never a 200 whose text pretends to be search results', () => {
  const webSearch = { type: 'web_search_20250305', name: 'web_search', max_uses: 8 } as const;

  it('WebSearch on GPT (Chat): 400 invalid_request_error naming the tool and OpenAI; nothing sent upstream', async () => {
    const error = await refused(
      claudeCodeOn('openai').messages.create({
        model: 'gpt-4o',
        max_tokens: 200,
        tools: [webSearch],
        messages: [{ role: 'user', content: 'Perform a web search for the query: ekai gateway' }],
      }),
    );
    expect(error).toEqual({
      status: 400,
      type: 'invalid_request_error',
      message:
        'tools.0: the server tool "web_search" (web_search_20250305) cannot run on OpenAI: its Chat Completions API runs no server tools (its web search runs on the Responses API). ekai does not answer in its place.',
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('WebSearch on Grok (Chat): 400, Live Search being retired', async () => {
    const error = await refused(
      claudeCodeOn('xai').messages.create({
        model: 'grok-4',
        max_tokens: 200,
        tools: [webSearch],
        messages: [{ role: 'user', content: 'Search the web' }],
      }),
    );
    expect(error.message).toContain('cannot run on xAI: its Chat Completions API retired Live Search');
    expect(fake.requests).toHaveLength(0);
  });

  it('WebSearch on OpenRouter: its own openrouter:web_search tool, and the client is told', async () => {
    const { response } = await claudeCodeOn('openrouter')
      .messages.create({
        model: 'gemini-2.5-pro',
        max_tokens: 200,
        tools: [webSearch],
        messages: [{ role: 'user', content: 'Search the web' }],
      })
      .withResponse();
    expect(response.status).toBe(200);
    expect(upstream().tools).toEqual([{ type: 'openrouter:web_search' }]);
    expect(response.headers.get('x-ekai-warnings')).toContain(
      'server tool "web_search" (web_search_20250305) runs as OpenRouter\'s openrouter:web_search',
    );
  });

  it('mcp_servers: 400 on a Chat provider', async () => {
    const error = await refused(
      claudeCodeOn('openai').messages.create({
        model: 'gpt-4o',
        max_tokens: 200,
        mcp_servers: [{ type: 'url', url: 'https://mcp.example.com/sse', name: 'example' }],
        messages: [{ role: 'user', content: 'Hi' }],
      } as Extra),
    );
    expect(error.message).toMatch(/^mcp_servers: the MCP connector \(example\) cannot run on OpenAI/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('inputs the model would not see', () => {
  it('a document by file_id: 400 naming the part', async () => {
    const error = await refused(
      claudeCodeOn('openai').messages.create({
        model: 'gpt-4o',
        max_tokens: 200,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Summarise' },
              { type: 'document', source: { type: 'file', file_id: 'file_011' } },
            ],
          },
        ],
      } as Extra),
    );
    expect(error.message).toBe(
      'messages.0.content.1: document with a "file" source cannot be sent to OpenAI: its file_id names a file in Anthropic\'s Files API',
    );
    expect(fake.requests).toHaveLength(0);
  });
});

describe('structured outputs', () => {
  it('output_config.format → response_format json_schema; the client gets the JSON as text', async () => {
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    };
    fake.script({ text: '{"city":"Paris"}' });
    const message = await claudeCodeOn('openai').messages.create({
      model: 'gpt-4o',
      max_tokens: 200,
      output_config: { format: { type: 'json_schema', schema } },
      messages: [{ role: 'user', content: 'Where?' }],
    } as Extra);
    expect(upstream().response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'structured_output', schema, strict: true },
    });
    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: '{"city":"Paris"}' })]);
  });
});

describe('privacy between vendors: the client’s identifying headers', () => {
  const claudeCode = {
    'x-app': 'cli',
    'x-claude-code-session-id': SESSION,
    'x-claude-code-agent-id': 'agent-1',
    'x-stainless-os': 'Linux',
    'x-stainless-package-version': '0.70.0',
    'anthropic-version': '2023-06-01',
    'user-agent': 'claude-cli/2.1.329 (external, cli)',
    'content-type': 'application/json',
  };
  const codex = {
    'session-id': 's-1',
    'thread-id': 't-1',
    originator: 'codex_exec',
    'x-codex-turn-metadata': '{"installation_id":"i-1"}',
    'x-codex-beta-features': 'remote_compaction_v2',
    'content-type': 'application/json',
  };
  const kept = { 'user-agent': claudeCode['user-agent'], 'content-type': 'application/json' };

  it('which vendor each client format belongs to', () => {
    expect(isOtherVendor('messages', 'anthropic')).toBe(false);
    expect(isOtherVendor('messages', 'openai')).toBe(true);
    expect(isOtherVendor('messages', 'zai')).toBe(true);
    expect(isOtherVendor('responses', 'openai')).toBe(false);
    expect(isOtherVendor('chat', 'openai')).toBe(false);
    expect(isOtherVendor('responses', 'xai')).toBe(true);
  });

  it('Claude Code → Anthropic keeps them; Claude Code → OpenAI drops them', () => {
    expect(forwardableRequestHeaders(claudeCode, { keepAnthropicHeaders: true, otherVendor: false })).toEqual(
      claudeCode,
    );
    expect(forwardableRequestHeaders(claudeCode, { keepAnthropicHeaders: false, otherVendor: true })).toEqual(
      kept,
    );
  });

  it('Codex → OpenAI keeps them; Codex → xAI drops them', () => {
    expect(forwardableRequestHeaders(codex, { keepAnthropicHeaders: false, otherVendor: false })).toEqual(
      codex,
    );
    expect(forwardableRequestHeaders(codex, { keepAnthropicHeaders: false, otherVendor: true })).toEqual({
      'content-type': 'application/json',
    });
  });

  // Needs the proxy to pass `otherVendor: isOtherVendor(clientFormat, provider)` (src/proxy/forward.ts,
  // upstreamHeaders): see the report of issue 17's Messages → Chat part.
  it('through the gateway: Claude Code on GPT sends none of them upstream, Claude Code on Claude all', async () => {
    await claudeCodeOn('openai').messages.create({
      model: 'gpt-4o',
      max_tokens: 200,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const toOpenai = Object.keys(fake.lastRequest()!.headers);
    expect(toOpenai.filter((name) => /^x-stainless-|^x-claude-code-|^x-app$/.test(name))).toEqual([]);
    await claudeCodeOn('anthropic').messages.create({
      model: 'claude-opus-5-5',
      max_tokens: 200,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const toAnthropic = fake.lastRequest()!.headers;
    expect(toAnthropic).toMatchObject({ 'x-app': 'cli', 'x-claude-code-session-id': SESSION });
    expect(Object.keys(toAnthropic).some((name) => name.startsWith('x-stainless-'))).toBe(true);
  });
});
