/**
 * Claude Code's WebSearch (Anthropic's `web_search_20250305` server tool) on the Responses APIs of
 * xAI and OpenRouter: the tool becomes the provider's own search, and the search it ran comes back
 * to the client as Anthropic's web search blocks, whole and streamed. Z.AI's Responses API runs no
 * search: a 400 naming the tool and the provider. Each path is one single-offer catalog model
 * (test/support/conformance-paths.ts), so the router cannot pick another provider or format.
 *
 * Expected values are written by hand from the documented shapes:
 * - https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool (the client's blocks,
 *   `web_search_result_location` citations, `usage.server_tool_use.web_search_requests`)
 * - https://docs.x.ai/developers/tools/web-search and
 *   https://docs.x.ai/docs/guides/tools/search-tools#web-search-parameters (`web_search` with flat
 *   `allowed_domains` / `excluded_domains`, at most five each); xAI's answer as recorded in
 *   vercel/ai's fixture xai-13218-web-search-provider-tool-result (a `web_search_call` with the query
 *   and its sources; `url_citation`s titled by their URL at offsets 0–0)
 * - https://openrouter.ai/docs/guides/features/server-tools/web-search (`openrouter:web_search` and its
 *   `parameters`) and
 *   https://openrouter.ai/docs/sdks/typescript/api-reference/models/outputwebsearchservertoolitem
 *   (the `openrouter:web_search` output item, its action in OpenAI's web_search_call.action shape)
 * The fake's search finds iana.org's "Example Domains" page and example.com (responses-providers.ts).
 */
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { replayPaths, writeReplayCatalog } from '../support/conformance-paths.js';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started), {
  userCatalog: writeReplayCatalog(replayPaths()),
});

const anthropic = () => new Anthropic({ baseURL: gateway.url, apiKey: 'client', maxRetries: 0 });
const upstream = () => fake.lastRequest()!.body as Record<string, unknown>;

/** Claude Code's WebSearch helper request, as recorded (conformance/traces/claude-code@2.1.332/web-search.json). */
const QUERY = 'Perform a web search for the query: what is example.com';
const WEB_SEARCH: Anthropic.WebSearchTool20250305 = {
  type: 'web_search_20250305',
  name: 'web_search',
  max_uses: 8,
};
const request = (model: string) => ({
  model,
  max_tokens: 1024,
  tool_choice: { type: 'auto' as const },
  tools: [WEB_SEARCH],
  messages: [{ role: 'user' as const, content: QUERY }],
});
const ANSWER = 'Example domains are reserved for documentation.';
const IANA = 'https://www.iana.org/help/example-domains';
const EXAMPLE = 'https://example.com/';

const result = (url: string, title: string) => ({
  type: 'web_search_result',
  url,
  title,
  encrypted_content: '',
  page_age: null,
});
const citation = (url: string, title: string, citedText: string) => ({
  type: 'web_search_result_location',
  url,
  title,
  cited_text: citedText,
  encrypted_index: '',
});

interface Case {
  path: string;
  provider: 'xai' | 'openrouter';
  /** The tool that went upstream for WEB_SEARCH. */
  tool: Record<string, unknown>;
  warnings: string[];
  /** The client's search results, whole (titled by the answer's citations) and streamed (before the text). */
  results: unknown[];
  streamedResults: unknown[];
  citations: unknown[];
}

const CASES: Case[] = [
  {
    path: 'xai-responses',
    provider: 'xai',
    tool: { type: 'web_search' },
    warnings: [
      `server tool "web_search" (web_search_20250305) runs as xAI's web_search`,
      `web_search max_uses not sent: xAI's web_search takes no limit of searches`,
    ],
    // xAI titles each cited page by its URL and cites no span (offsets 0–0).
    results: [result(IANA, IANA), result(EXAMPLE, EXAMPLE)],
    streamedResults: [result(IANA, IANA), result(EXAMPLE, EXAMPLE)],
    citations: [citation(IANA, IANA, ''), citation(EXAMPLE, EXAMPLE, '')],
  },
  {
    path: 'openrouter-responses',
    provider: 'openrouter',
    tool: { type: 'openrouter:web_search' },
    warnings: [
      `server tool "web_search" (web_search_20250305) runs as OpenRouter's openrouter:web_search`,
      'web_search max_uses not sent: openrouter:web_search limits results, not searches',
    ],
    results: [result(IANA, 'Example Domains'), result(EXAMPLE, EXAMPLE)],
    streamedResults: [result(IANA, IANA), result(EXAMPLE, EXAMPLE)],
    // The fake cites the first page for the whole text.
    citations: [citation(IANA, 'Example Domains', ANSWER)],
  },
];

function warningsOf(response: Response): string[] {
  return (response.headers.get('x-ekai-warnings') ?? '').split('; ');
}

function expectUpstream(c: Case, stream: boolean): void {
  expect(fake.lastRequest()).toMatchObject({ provider: c.provider, dialect: 'responses', status: 200 });
  const body = upstream();
  expect(body.tools).toEqual([c.tool]);
  // Neither provider counts searches as OpenAI's max_tool_calls does, nor takes OpenAI's sources include.
  expect(body.max_tool_calls).toBeUndefined();
  expect(body.include ?? []).not.toContain('web_search_call.action.sources');
  expect(body.stream === true).toBe(stream);
}

for (const c of CASES) {
  describe(`WebSearch on ${c.path}: the provider searches, the client gets the search and its citations`, () => {
    it('whole answer: server_tool_use, web_search_tool_result, cited text, one search in usage, warnings', async () => {
      fake.script({ text: ANSWER }, { provider: c.provider, dialect: 'responses' });
      const { data: message, response } = await anthropic()
        .messages.create(request(`conformance-${c.path}`))
        .withResponse();
      expectUpstream(c, false);
      const [use, results, text] = message.content as unknown as Array<Record<string, unknown>>;
      expect(use).toEqual({
        type: 'server_tool_use',
        id: expect.stringMatching(/^srvtoolu_/),
        name: 'web_search',
        input: { query: QUERY },
      });
      expect(results).toEqual({ type: 'web_search_tool_result', tool_use_id: use?.id, content: c.results });
      expect(text).toEqual({ type: 'text', text: ANSWER, citations: c.citations });
      expect(message.content).toHaveLength(3);
      expect(message.stop_reason).toBe('end_turn');
      expect(message.usage.server_tool_use).toEqual({ web_search_requests: 1 });
      expect(warningsOf(response)).toEqual(expect.arrayContaining(c.warnings));
    });

    it('streamed: the same blocks, the query as input_json_delta, the citations as citations_delta', async () => {
      fake.script({ text: ANSWER }, { provider: c.provider, dialect: 'responses' });
      const stream = anthropic().messages.stream(request(`conformance-${c.path}`));
      const events: Anthropic.MessageStreamEvent[] = [];
      for await (const event of stream) events.push(event);
      expectUpstream(c, true);
      const starts = events.flatMap((e) => (e.type === 'content_block_start' ? [e.content_block] : []));
      expect(starts.map((block) => block.type)).toEqual([
        'server_tool_use',
        'web_search_tool_result',
        'text',
      ]);
      const id = (starts[0] as { id: string }).id;
      expect(starts[0]).toEqual({ type: 'server_tool_use', id, name: 'web_search', input: {} });
      expect(starts[1]).toEqual({
        type: 'web_search_tool_result',
        tool_use_id: id,
        content: c.streamedResults,
      });
      const deltas = events.flatMap((e) => (e.type === 'content_block_delta' ? [e] : []));
      expect(deltas.filter((e) => e.index === 0).map((e) => e.delta)).toEqual([
        { type: 'input_json_delta', partial_json: JSON.stringify({ query: QUERY }) },
      ]);
      expect(deltas.filter((e) => e.delta.type === 'citations_delta').map((e) => e.delta)).toEqual(
        c.citations.map((cited) => ({ type: 'citations_delta', citation: cited })),
      );
      const message = await stream.finalMessage();
      expect(message.content[2]).toEqual({ type: 'text', text: ANSWER, citations: c.citations });
      expect(message.stop_reason).toBe('end_turn');
      expect(message.usage.server_tool_use).toEqual({ web_search_requests: 1 });
      expect(warningsOf((await stream.withResponse()).response)).toEqual(expect.arrayContaining(c.warnings));
    });
  });
}

/** The 400 the client got, in the Messages dialect. */
async function refused(call: Promise<unknown>): Promise<{ status: number; message: string }> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Anthropic.BadRequestError);
  const { status, error: body } = error as InstanceType<typeof Anthropic.BadRequestError>;
  return { status, message: (body as { error: { message: string } }).error.message };
}

describe('the search filters each provider takes', () => {
  it('xAI: allowed_domains as is, blocked_domains as excluded_domains, no location (noted)', async () => {
    fake.script({ text: ANSWER }, { provider: 'xai', dialect: 'responses' });
    const { response } = await anthropic()
      .messages.create({
        ...request('conformance-xai-responses'),
        tools: [
          {
            ...WEB_SEARCH,
            blocked_domains: ['spam.example'],
            user_location: { type: 'approximate' as const, city: 'Paris', country: 'FR' },
          },
        ],
      })
      .withResponse();
    expect(upstream().tools).toEqual([{ type: 'web_search', excluded_domains: ['spam.example'] }]);
    expect(warningsOf(response)).toContain(
      "web_search user_location not sent: xAI's web_search takes no location",
    );
  });

  it('xAI: more than five domains is a 400 naming xAI’s limit, nothing sent', async () => {
    const before = fake.requests.length;
    const domains = ['a.example', 'b.example', 'c.example', 'd.example', 'e.example', 'f.example'];
    const error = await refused(
      anthropic().messages.create({
        ...request('conformance-xai-responses'),
        tools: [{ ...WEB_SEARCH, allowed_domains: domains }],
      }),
    );
    expect(error.status).toBe(400);
    expect(error.message).toContain("tools.0.allowed_domains: xAI's web_search takes at most 5 domains");
    expect(fake.requests.length).toBe(before);
  });

  it('OpenRouter: both domain lists in the tool’s parameters', async () => {
    fake.script({ text: ANSWER }, { provider: 'openrouter', dialect: 'responses' });
    await anthropic().messages.create({
      ...request('conformance-openrouter-responses'),
      tools: [{ ...WEB_SEARCH, allowed_domains: ['iana.org'] }],
    });
    expect(upstream().tools).toEqual([
      { type: 'openrouter:web_search', parameters: { allowed_domains: ['iana.org'] } },
    ]);
  });
});

describe('Z.AI’s Responses API runs no search: a 400 naming the tool and the provider, nothing sent', () => {
  it('web_search_20250305 on zai-responses', async () => {
    const before = fake.requests.length;
    const error = await refused(anthropic().messages.create(request('conformance-zai-responses')));
    expect(error.status).toBe(400);
    expect(error.message).toContain(
      'tools.0: the server tool "web_search" (web_search_20250305) cannot run on',
    );
    expect(error.message).toContain('Z.AI documents no web search tool for its Responses API');
    expect(fake.requests.length).toBe(before);
  });
});
