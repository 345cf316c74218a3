/**
 * Claude Code's WebSearch on a current GPT model (issue 17, "No fabricated answers"; Done means 4):
 * the Messages request goes upstream through Responses, where Anthropic's `web_search_*` server tool
 * becomes OpenAI's own `web_search` tool, and the search OpenAI ran comes back to the client as
 * Anthropic's web search blocks; a server tool OpenAI has no equivalent for is a 400 naming it and
 * the provider. The strict fake refuses Anthropic's tool types on OpenAI's APIs (as OpenAI does), so
 * sending the server tool as is would be a 400 here too.
 *
 * Expected values are written by hand from the documented shapes:
 * - https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool (the tool, the
 *   `server_tool_use` / `web_search_tool_result` blocks, `web_search_result_location` citations,
 *   `citations_delta`, `usage.server_tool_use.web_search_requests`)
 * - https://platform.openai.com/docs/guides/tools-web-search (`web_search` with `filters.allowed_domains`
 *   and `user_location`, `web_search_call` items, `url_citation` annotations,
 *   `include: ["web_search_call.action.sources"]`)
 * - https://platform.openai.com/docs/api-reference/responses/create (`max_tool_calls`, `tool_choice`)
 * The fake's search (test/support/fake-provider/README.md): sources iana.org's "Example Domains" page
 * and example.com, and the text below citing the first by an inline link.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { FAKE_KEYS, type FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

const anthropic = () => new Anthropic({ baseURL: gateway.url, apiKey: 'client', maxRetries: 0 });
const upstream = () => fake.lastRequest()!.body as Record<string, unknown>;

/** Claude Code's WebSearch request: the server tool alone, and the query in the user's text. */
const QUERY = 'Perform a web search for the query: example domains';
const WEB_SEARCH: Anthropic.WebSearchTool20250305 = {
  type: 'web_search_20250305',
  name: 'web_search',
  max_uses: 8,
  allowed_domains: ['iana.org', 'example.com'],
  blocked_domains: ['spam.example'],
  user_location: { type: 'approximate', city: 'Paris', country: 'FR', timezone: 'Europe/Paris' },
};
const searchRequest = { model: 'gpt-6.2-sol', max_tokens: 1024, tools: [WEB_SEARCH] };
/** Messages fields the SDK types do not know (mcp_servers), sent as the client wrote them. */
type Extra = Anthropic.MessageCreateParamsNonStreaming & Record<string, unknown>;

const CITED_LINK = '[iana.org](https://www.iana.org/help/example-domains?utm_source=openai)';
const ANSWER = `Example domains are reserved for documentation (${CITED_LINK}).`;
/** The client's search results: the sources, titled by the citation that names them (else by URL). */
const RESULTS = [
  {
    type: 'web_search_result',
    url: 'https://www.iana.org/help/example-domains',
    title: 'Example Domains',
    encrypted_content: '',
    page_age: null,
  },
  {
    type: 'web_search_result',
    url: 'https://example.com/',
    title: 'https://example.com/',
    encrypted_content: '',
    page_age: null,
  },
];
/** Streamed, the result block goes out before the text whose citations title its pages: titled by URL. */
const STREAMED_RESULTS = RESULTS.map((result) => ({ ...result, title: result.url }));
const CITATION = {
  type: 'web_search_result_location',
  url: 'https://www.iana.org/help/example-domains',
  title: 'Example Domains',
  cited_text: CITED_LINK,
  encrypted_index: '',
};
const WARNINGS = [
  `server tool "web_search" (web_search_20250305) runs as OpenAI's web_search`,
  `web_search blocked_domains not sent: OpenAI's web_search has no blocked domains`,
];

/** What went upstream for WEB_SEARCH: OpenAI's tool, its search limit, and the sources asked for. */
function expectMappedUpstream(): void {
  expect(fake.lastRequest()).toMatchObject({ provider: 'openai', dialect: 'responses' });
  const body = upstream();
  expect(body.tools).toEqual([
    {
      type: 'web_search',
      filters: { allowed_domains: ['iana.org', 'example.com'] },
      user_location: { type: 'approximate', city: 'Paris', country: 'FR', timezone: 'Europe/Paris' },
    },
  ]);
  expect(body.max_tool_calls).toBe(8);
  expect(body.include).toContain('web_search_call.action.sources');
  expect(body.tool_choice).toBeUndefined();
}

function warningsOf(response: Response): string[] {
  return (response.headers.get('x-ekai-warnings') ?? '').split('; ');
}

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

describe('WebSearch on gpt-6.2-sol: OpenAI searches, the client gets the search and its citations', () => {
  it('whole answer: server_tool_use, web_search_tool_result, cited text, one search in usage, warnings', async () => {
    const { data: message, response } = await anthropic()
      .messages.create({ ...searchRequest, messages: [{ role: 'user', content: QUERY }] })
      .withResponse();
    expectMappedUpstream();
    const [use, result, text] = message.content as unknown as Array<Record<string, unknown>>;
    expect(use).toEqual({
      type: 'server_tool_use',
      id: expect.stringMatching(/^srvtoolu_ws_/),
      name: 'web_search',
      input: { query: QUERY },
    });
    expect(result).toEqual({ type: 'web_search_tool_result', tool_use_id: use?.id, content: RESULTS });
    expect(text).toEqual({ type: 'text', text: ANSWER, citations: [CITATION] });
    expect(message.content).toHaveLength(3);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.server_tool_use).toEqual({ web_search_requests: 1 });
    expect(warningsOf(response)).toEqual(WARNINGS);
  });

  it('streamed: the same blocks, the query as input_json_delta, the citation as citations_delta', async () => {
    const stream = anthropic().messages.stream({
      ...searchRequest,
      messages: [{ role: 'user', content: QUERY }],
    });
    const events: Anthropic.MessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expectMappedUpstream();
    expect(upstream().stream).toBe(true);
    const starts = events.flatMap((e) => (e.type === 'content_block_start' ? [e.content_block] : []));
    expect(starts.map((block) => block.type)).toEqual(['server_tool_use', 'web_search_tool_result', 'text']);
    const id = (starts[0] as { id: string }).id;
    expect(starts[0]).toEqual({ type: 'server_tool_use', id, name: 'web_search', input: {} });
    expect(starts[1]).toEqual({ type: 'web_search_tool_result', tool_use_id: id, content: STREAMED_RESULTS });
    const deltas = events.flatMap((e) => (e.type === 'content_block_delta' ? [e] : []));
    expect(deltas.filter((e) => e.index === 0).map((e) => e.delta)).toEqual([
      { type: 'input_json_delta', partial_json: JSON.stringify({ query: QUERY }) },
    ]);
    expect(deltas.filter((e) => e.delta.type === 'citations_delta')).toEqual([
      { type: 'content_block_delta', index: 2, delta: { type: 'citations_delta', citation: CITATION } },
    ]);
    const message = await stream.finalMessage();
    expect(message.content[2]).toEqual({ type: 'text', text: ANSWER, citations: [CITATION] });
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.server_tool_use).toEqual({ web_search_requests: 1 });
    const response = (await stream.withResponse()).response;
    expect(warningsOf(response)).toEqual(WARNINGS);
  });

  it('a model that does not search: no search blocks, no search counted', async () => {
    fake.script({ webSearch: false, text: 'No search needed.' });
    const message = await anthropic().messages.create({
      ...searchRequest,
      messages: [{ role: 'user', content: 'Say hi' }],
    });
    expect(message.content).toEqual([{ type: 'text', text: 'No search needed.' }]);
    expect(message.usage.server_tool_use).toBeUndefined();
  });

  it('tool_choice naming web_search forces OpenAI’s web_search', async () => {
    await anthropic().messages.create({
      ...searchRequest,
      tool_choice: { type: 'tool', name: 'web_search' },
      messages: [{ role: 'user', content: QUERY }],
    });
    expect(upstream().tool_choice).toEqual({
      type: 'allowed_tools',
      mode: 'required',
      tools: [{ type: 'web_search' }],
    });
  });
});

describe('server tools OpenAI has no equivalent for: 400 naming the tool and the provider, nothing sent', () => {
  it('web_fetch', async () => {
    const error = await refused(
      anthropic().messages.create({
        model: 'gpt-6.2-sol',
        max_tokens: 200,
        tools: [{ type: 'web_fetch_20250910', name: 'web_fetch', max_uses: 3 }],
        messages: [{ role: 'user', content: 'Fetch https://example.com' }],
      } as Extra),
    );
    expect(error).toEqual({
      status: 400,
      type: 'invalid_request_error',
      message:
        'tools.0: the server tool "web_fetch" (web_fetch_20250910) cannot run on OpenAI: OpenAI has no web fetch tool (its web_search opens pages only inside a search). ekai does not answer in its place.',
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('code_execution, at its own place in tools', async () => {
    const error = await refused(
      anthropic().messages.create({
        model: 'gpt-6.2-sol',
        max_tokens: 200,
        tools: [WEB_SEARCH, { type: 'code_execution_20250825', name: 'code_execution' }],
        messages: [{ role: 'user', content: 'Compute 2**100' }],
      } as Extra),
    );
    expect(error.message).toMatch(
      /^tools\.1: the server tool "code_execution" \(code_execution_20250825\) cannot run on OpenAI: /,
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('the MCP connector (mcp_servers)', async () => {
    const error = await refused(
      anthropic().messages.create({
        model: 'gpt-6.2-sol',
        max_tokens: 200,
        mcp_servers: [{ type: 'url', url: 'https://mcp.example.com/sse', name: 'example' }],
        messages: [{ role: 'user', content: 'Use the example tools' }],
      } as Extra),
    );
    expect(error.message).toMatch(/^mcp_servers: the MCP connector \(example\) cannot run on OpenAI: /);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('elsewhere', () => {
  it('WebSearch on gpt-4o (Chat upstream): the Chat path’s 400', async () => {
    const error = await refused(
      anthropic().messages.create({
        ...searchRequest,
        model: 'gpt-4o',
        messages: [{ role: 'user', content: QUERY }],
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

  it('the strict fake refuses Anthropic’s server tool type on Responses, as OpenAI does', async () => {
    const openai = new OpenAI({
      baseURL: `${fake.baseUrl('openai')}/v1`,
      apiKey: FAKE_KEYS.openai,
      maxRetries: 0,
    });
    const error = await openai.responses
      .create({
        model: 'gpt-6.2-sol',
        input: QUERY,
        tools: [{ type: 'web_search_20250305', name: 'web_search' } as unknown as OpenAI.Responses.Tool],
      })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      code: 'invalid_value',
      param: 'tools[0].type',
      message: expect.stringContaining(
        "Invalid value: 'web_search_20250305'. Supported values are: 'function', ",
      ),
    });
  });
});
