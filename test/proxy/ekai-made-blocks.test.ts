/**
 * A Claude Code session that ran on another provider and comes back to Claude (a /model switch, a
 * fallback): the blocks ekai made from that provider's answer cannot go to Anthropic, which signs
 * thinking and encrypts search results itself (an empty signature is "Invalid `signature` in
 * `thinking` block"; the strict fake refuses both). They are dropped from the history with a note;
 * the text the search produced stays, without its citations (issue 17).
 * Shapes by hand from https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool.
 */
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

/** What ekai wrote to the client when gpt-6.2-sol searched (web-search-blocks.ts). */
const SEARCHED_ON_GPT = {
  role: 'assistant' as const,
  content: [
    { type: 'thinking', thinking: 'Look it up.', signature: '' },
    { type: 'server_tool_use', id: 'srvtoolu_ws_1', name: 'web_search', input: { query: 'node 24 release' } },
    {
      type: 'web_search_tool_result',
      tool_use_id: 'srvtoolu_ws_1',
      content: [
        {
          type: 'web_search_result',
          url: 'https://nodejs.org/en/blog',
          title: 'Node.js blog',
          encrypted_content: '',
          page_age: null,
        },
      ],
    },
    {
      type: 'text',
      text: 'Node 24 came out in May 2025.',
      citations: [
        {
          type: 'web_search_result_location',
          url: 'https://nodejs.org/en/blog',
          title: 'Node.js blog',
          cited_text: 'Node 24 came out in May 2025.',
          encrypted_index: '',
        },
      ],
    },
  ],
};

describe('blocks ekai made, on the way back to Claude', () => {
  it('are dropped with a note; the text stays without its citations; 200', async () => {
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'client', maxRetries: 0 });
    const { response } = await anthropic.messages
      .create({
        model: 'claude-sonnet-4-6',
        max_tokens: 256,
        messages: [
          { role: 'user', content: 'When did Node 24 come out?' },
          SEARCHED_ON_GPT as never,
          { role: 'user', content: 'Thanks. And Node 26?' },
        ],
      })
      .withResponse();
    expect(response.status).toBe(200);
    expect((fake.lastRequest()!.body as { messages: unknown[] }).messages[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'Node 24 came out in May 2025.' }],
    });
    expect(response.headers.get('x-ekai-warnings')).toBe(
      "dropped 1 unsigned thinking block(s) made from another provider's reasoning, 1 web search(es) another provider ran, the citations of 1 text block(s) into them",
    );
  });

  it('Anthropic’s own search blocks pass untouched (spliced as sent)', async () => {
    const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'client', maxRetries: 0 });
    const own = {
      role: 'assistant' as const,
      content: [
        { type: 'server_tool_use', id: 'srvtoolu_01', name: 'web_search', input: { query: 'q' } },
        {
          type: 'web_search_tool_result',
          tool_use_id: 'srvtoolu_01',
          content: [
            {
              type: 'web_search_result',
              url: 'https://a.example',
              title: 'A',
              encrypted_content: 'EqgfCioIARgB',
              page_age: null,
            },
          ],
        },
        { type: 'text', text: 'A says so.' },
      ],
    };
    const { response } = await anthropic.messages
      .create({
        model: 'claude-sonnet-4-6',
        max_tokens: 256,
        messages: [{ role: 'user', content: 'q?' }, own as never, { role: 'user', content: 'ok' }],
      })
      .withResponse();
    expect(response.status).toBe(200);
    expect((fake.lastRequest()!.body as { messages: unknown[] }).messages[1]).toEqual(own);
    expect(response.headers.get('x-ekai-warnings')).toBeNull();
  });
});
