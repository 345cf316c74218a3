/**
 * Claude Code's WebSearch on OpenRouter, there and back (issue 17): `@anthropic-ai/sdk` → gateway →
 * strict fake. Anthropic's `web_search_20250305` goes upstream as OpenRouter's own
 * `openrouter:web_search` tool; the `url_citation` annotation of OpenRouter's answer comes back as a
 * `web_search_result_location` citation on the client's text block, whole and streamed. OpenRouter
 * reports no search of its own, so no `server_tool_use` / `web_search_tool_result` block and no
 * `usage.server_tool_use` reach the client. Expected values written by hand from:
 * - https://openrouter.ai/docs/guides/features/server-tools/web-search (openrouter:web_search)
 * - https://openrouter.ai/docs/features/web-search (url_citation annotations: url, title, content, offsets)
 * - https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool (citations, citations_delta)
 * The fake's OpenRouter search answer (test/support/fake-provider/README.md): the text below citing
 * iana.org's "Example Domains" page by its markdown link, with a passage of the page as `content`.
 */
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

const claudeCode = () =>
  new Anthropic({
    baseURL: gateway.url,
    apiKey: 'client',
    maxRetries: 0,
    defaultHeaders: { 'x-ekai-provider': 'openrouter' },
  });
const upstream = () => fake.lastRequest()!.body as Record<string, unknown>;

const WEB_SEARCH: Anthropic.WebSearchTool20250305 = { type: 'web_search_20250305', name: 'web_search' };
const request = {
  model: 'gemini-2.5-pro',
  max_tokens: 1024,
  tools: [WEB_SEARCH],
  messages: [{ role: 'user' as const, content: 'Perform a web search for the query: example domains' }],
};

const ANSWER =
  'Example domains are reserved for documentation ([iana.org](https://www.iana.org/help/example-domains)).';
const CITATION = {
  type: 'web_search_result_location',
  url: 'https://www.iana.org/help/example-domains',
  title: 'Example Domains',
  cited_text:
    'As described in RFC 2606 and RFC 6761, a number of domains such as example.com and example.org are maintained for documentation purposes.',
  encrypted_index: '',
};

describe('WebSearch on OpenRouter: citations reach Claude Code', () => {
  it('not streamed: openrouter:web_search upstream, the cited text block back', async () => {
    const message = await claudeCode().messages.create(request);
    expect(upstream().tools).toEqual([{ type: 'openrouter:web_search' }]);
    expect(message.content).toEqual([{ type: 'text', text: ANSWER, citations: [CITATION] }]);
    expect(message.usage.server_tool_use ?? null).toBeNull();
  });

  it('streamed: the citation arrives as a citations_delta of the open text block', async () => {
    const stream = claudeCode().messages.stream(request);
    const kinds: string[] = [];
    stream.on('streamEvent', (event) =>
      kinds.push(event.type === 'content_block_delta' ? event.delta.type : event.type),
    );
    const message = await stream.finalMessage();
    expect(upstream().tools).toEqual([{ type: 'openrouter:web_search' }]);
    expect(upstream().stream).toBe(true);
    expect(message.content).toEqual([{ type: 'text', text: ANSWER, citations: [CITATION] }]);
    expect(kinds.filter((kind) => kind === 'citations_delta')).toHaveLength(1);
    expect(kinds.indexOf('citations_delta')).toBeLessThan(kinds.indexOf('content_block_stop'));
    expect(message.stop_reason).toBe('end_turn');
  });
});
