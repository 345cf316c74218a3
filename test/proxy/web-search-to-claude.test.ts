/**
 * OpenAI-dialect clients asking for web search on a Claude model (issue 17, "Server tools … map to
 * the provider's own equivalent where one exists"): Codex's Responses `web_search` tool and Chat's
 * `web_search_options` become Anthropic's web search server tool upstream, what it cannot carry is
 * reported in `x-ekai-warnings`, and a Messages provider without web search (Z.AI) is a 400 in the
 * client's dialect, nothing sent. The strict fake searches when given Anthropic's tool (a
 * `server_tool_use`, a `web_search_tool_result`, cited text; test/support/fake-provider/README.md)
 * and refuses OpenAI's tool types as Anthropic does, so a tool sent as is would be a 400 here too.
 *
 * Expected values are written by hand from the documented shapes:
 * - https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool
 * - https://platform.openai.com/docs/guides/tools-web-search
 * - https://platform.openai.com/docs/api-reference/chat/create#chat-create-web_search_options
 * The search and its citations read back in the client's format: a Responses `web_search_call`
 * item, Chat `url_citation` annotations (test/formats/citations-to-openai.test.ts has the whole
 * shapes and offsets).
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

const openai = () => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: gateway.url, apiKey: 'client', maxRetries: 0 });
const upstream = () => fake.lastRequest()!.body as Record<string, unknown>;

const QUESTION = 'What are example domains for?';
/** The fake's answer to a search (test/support/fake-provider/scenarios.ts). */
const ANSWER = 'Example domains are reserved for use in documentation.';

/** Anthropic's tool, as the web search tool documentation gives it. */
const ANTHROPIC_WEB_SEARCH = {
  type: 'web_search_20250305',
  name: 'web_search',
  allowed_domains: ['iana.org', 'example.com'],
  user_location: { type: 'approximate', city: 'Paris', country: 'FR', timezone: 'Europe/Paris' },
};

function warningsOf(response: Response): string[] {
  return (response.headers.get('x-ekai-warnings') ?? '').split('; ');
}

/** The tools that went upstream, without the cache breakpoint ekai adds to the last one. */
function upstreamTools(): unknown[] {
  const tools = upstream().tools as Array<Record<string, unknown>>;
  return tools.map(({ cache_control: _breakpoint, ...tool }) => tool);
}

describe('Codex (Responses) web_search on claude-sonnet-4-6', () => {
  const request = {
    model: 'claude-sonnet-4-6',
    input: QUESTION,
    tools: [
      {
        type: 'web_search' as const,
        filters: { allowed_domains: ['iana.org', 'example.com'] },
        user_location: {
          type: 'approximate' as const,
          city: 'Paris',
          country: 'FR',
          timezone: 'Europe/Paris',
        },
        search_context_size: 'high' as const,
      },
    ],
  };
  const warnings = [
    "tools.0 (web_search) runs as Anthropic's web_search_20250305 tool",
    "tools.0 (web_search) search_context_size not sent: Anthropic's web search has no equivalent",
  ];

  it('whole answer: the Anthropic tool upstream, 200, the text back, the warnings', async () => {
    const { data, response } = await openai().responses.create(request).withResponse();
    expect(response.status).toBe(200);
    expect(fake.lastRequest()?.provider).toBe('anthropic');
    expect(upstreamTools()).toEqual([ANTHROPIC_WEB_SEARCH]);
    expect(data.output_text).toBe(ANSWER);
    expect(warningsOf(response)).toEqual(warnings);
    // The search Claude ran, read back as a Responses web_search_call item.
    const search = data.output.find((item) => item.type === 'web_search_call');
    expect(search).toMatchObject({ status: 'completed', action: { type: 'search', query: QUESTION } });
  });

  it('streamed: the same request upstream, the text back', async () => {
    const stream = await openai()
      .responses.create({ ...request, stream: true })
      .withResponse();
    let text = '';
    for await (const event of stream.data)
      if (event.type === 'response.output_text.delta') text += event.delta;
    expect(upstream().stream).toBe(true);
    expect(upstreamTools()).toEqual([ANTHROPIC_WEB_SEARCH]);
    expect(text).toBe(ANSWER);
    expect(warningsOf(stream.response)).toEqual(warnings);
  });
});

describe('Chat web_search_options on claude-sonnet-4-6', () => {
  const request = {
    model: 'claude-sonnet-4-6',
    messages: [{ role: 'user' as const, content: QUESTION }],
    web_search_options: {
      search_context_size: 'low' as const,
      user_location: {
        type: 'approximate' as const,
        approximate: { city: 'Paris', country: 'FR', timezone: 'Europe/Paris' },
      },
    },
  };
  const warnings = [
    "web_search_options runs as Anthropic's web_search_20250305 tool",
    "web_search_options search_context_size not sent: Anthropic's web search has no equivalent",
  ];
  const { allowed_domains: _none, ...tool } = ANTHROPIC_WEB_SEARCH;

  it('whole answer: the Anthropic tool upstream, 200, the text back, the warnings', async () => {
    const { data, response } = await openai().chat.completions.create(request).withResponse();
    expect(response.status).toBe(200);
    expect(upstreamTools()).toEqual([tool]);
    expect(data.choices[0]?.message.content).toBe(ANSWER);
    expect(warningsOf(response)).toEqual(warnings);
    // Claude's citation read back as a Chat url_citation annotation.
    const annotations = data.choices[0]?.message.annotations ?? [];
    expect(annotations.length).toBeGreaterThan(0);
    for (const annotation of annotations)
      expect(annotation.url_citation.url).toBe('https://www.iana.org/help/example-domains');
  });

  it('streamed: the text back', async () => {
    const stream = await openai()
      .chat.completions.create({ ...request, stream: true })
      .withResponse();
    let text = '';
    for await (const chunk of stream.data) text += chunk.choices[0]?.delta.content ?? '';
    expect(upstreamTools()).toEqual([tool]);
    expect(text).toBe(ANSWER);
    expect(warningsOf(stream.response)).toEqual(warnings);
  });
});

describe('a Messages provider without web search: 400 in the client dialect, nothing sent', () => {
  it('Chat web_search_options on glm-5.3 (Z.AI)', async () => {
    const error = await openai()
      .chat.completions.create({
        model: 'glm-5.3',
        messages: [{ role: 'user', content: QUESTION }],
        web_search_options: {},
      })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const { status, param, message } = error as InstanceType<typeof OpenAI.BadRequestError>;
    expect({ status, param }).toEqual({ status: 400, param: 'web_search_options' });
    expect(message).toContain('cannot run on Z.AI');
    expect(fake.requests).toHaveLength(0);
  });

  // glm-4.6: GLM-5 models serve Responses natively on Z.AI, where the search tool passes as sent.
  it('Responses web_search on glm-4.6 (Z.AI)', async () => {
    const error = await openai()
      .responses.create({ model: 'glm-4.6', input: QUESTION, tools: [{ type: 'web_search' }] })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('tools.0');
    expect(fake.requests).toHaveLength(0);
  });
});

describe("Codex's every-turn web_search offer on glm-4.6 (Z.AI, translated): sent without it, noted", () => {
  it('200, the function tool upstream and no search tool, the note naming the provider', async () => {
    const { response } = await openai()
      .responses.create({
        model: 'glm-4.6',
        input: QUESTION,
        tools: [
          { type: 'function', name: 'shell', parameters: { type: 'object', properties: {} }, strict: false },
          { type: 'web_search' },
        ],
      })
      .withResponse();
    expect(response.status).toBe(200);
    expect(fake.lastRequest()?.provider).toBe('zai');
    expect((upstream().tools as Array<{ name: string }>).map((tool) => tool.name)).toEqual(['shell']);
    expect(warningsOf(response)).toContain(
      "tools.1 (web_search) not sent: Z.AI's Anthropic-compatible API runs no web search server tool (its search is an MCP server)",
    );
  });
});

describe('the strict fake, as Anthropic', () => {
  it("refuses OpenAI's web_search tool type in a Messages tools list (Anthropic's own 400)", async () => {
    const error = await anthropic()
      .messages.create({
        model: 'claude-sonnet-4-6',
        max_tokens: 100,
        tools: [{ type: 'web_search' }] as unknown as Anthropic.Tool[],
        messages: [{ role: 'user', content: QUESTION }],
      })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    const body = (error as InstanceType<typeof Anthropic.BadRequestError>).error as {
      error: { type: string; message: string };
    };
    expect(body.error.type).toBe('invalid_request_error');
    const { message } = body.error;
    expect(message).toMatch(
      /^tools\.0: Input tag 'web_search' found using 'type' does not match any of the expected tags: 'bash_20250124', .*'web_search_20250305'/,
    );
  });

  it('answers a search as documented: server_tool_use, web_search_tool_result, cited text, one search', async () => {
    const message = await anthropic().messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 100,
      tools: [ANTHROPIC_WEB_SEARCH as Anthropic.WebSearchTool20250305],
      messages: [{ role: 'user', content: QUESTION }],
    });
    const [use, result, text] = message.content as unknown as Array<Record<string, unknown>>;
    expect(use).toEqual({
      type: 'server_tool_use',
      id: expect.stringMatching(/^srvtoolu_/),
      name: 'web_search',
      input: { query: QUESTION },
    });
    expect(result).toMatchObject({ type: 'web_search_tool_result', tool_use_id: use?.id });
    const pages = (result?.content ?? []) as Array<Record<string, unknown>>;
    expect(pages).toHaveLength(2);
    for (const page of pages) {
      expect(page).toEqual({
        type: 'web_search_result',
        url: expect.stringMatching(/^https:\/\//),
        title: expect.any(String),
        encrypted_content: expect.stringMatching(/.+/),
        page_age: expect.any(String),
      });
    }
    expect(text).toEqual({
      type: 'text',
      text: ANSWER,
      citations: [
        {
          type: 'web_search_result_location',
          url: 'https://www.iana.org/help/example-domains',
          title: 'Example Domains',
          cited_text: expect.stringMatching(/.+/),
          encrypted_index: expect.stringMatching(/.+/),
        },
      ],
    });
    expect(message.usage.server_tool_use).toEqual({ web_search_requests: 1 });
  });

  it('streams the search: blocks opened in order, the query as input_json_delta, citations_delta in the text', async () => {
    const stream = anthropic().messages.stream({
      model: 'claude-sonnet-4-6',
      max_tokens: 100,
      tools: [ANTHROPIC_WEB_SEARCH as Anthropic.WebSearchTool20250305],
      messages: [{ role: 'user', content: QUESTION }],
    });
    const events: Anthropic.MessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const starts = events.flatMap((e) => (e.type === 'content_block_start' ? [e.content_block.type] : []));
    expect(starts).toEqual(['server_tool_use', 'web_search_tool_result', 'text']);
    const deltas = events.flatMap((e) => (e.type === 'content_block_delta' ? [e] : []));
    expect(deltas.filter((e) => e.index === 0).map((e) => e.delta)).toEqual([
      { type: 'input_json_delta', partial_json: '' },
      { type: 'input_json_delta', partial_json: JSON.stringify({ query: QUESTION }) },
    ]);
    expect(deltas.filter((e) => e.index === 2).map((e) => e.delta.type)[0]).toBe('citations_delta');
    const final = await stream.finalMessage();
    expect(final.usage.server_tool_use).toEqual({ web_search_requests: 1 });
  });
});
