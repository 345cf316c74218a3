/**
 * The search items each Responses provider writes, read as searches (web-search-output.ts). Items
 * written by hand from the providers' documented or recorded shapes:
 * - xAI, 2025 (vercel/ai fixture xai-web-search-tool.1.json): a `web_search_call` with no `action`,
 *   its query in the call's JSON `arguments`
 *   https://github.com/vercel/ai/blob/main/packages/xai/src/responses/__fixtures__/xai-web-search-tool.1.json
 * - xAI, 2026 (fixture xai-13218-web-search-provider-tool-result): `action: {type: "search", query, sources}`
 * - OpenRouter: the `openrouter:web_search` item, its action in OpenAI's shape
 *   https://openrouter.ai/docs/sdks/typescript/api-reference/models/outputwebsearchservertoolitem
 */
import { describe, expect, it } from 'vitest';
import { webSearchCallOf } from '../../src/formats/openai-responses/web-search-output.js';

describe('webSearchCallOf: each provider’s search item', () => {
  it('xAI’s earlier item: the query from its arguments, no sources', () => {
    const item = {
      arguments: '{"query":"what is xAI","num_results":5}',
      call_id: '',
      name: 'web_search',
      type: 'web_search_call',
      id: 'fc_25de2f84-163c-6e9e-e42e-cd1dbd6f9ed0_0',
      status: 'completed',
    };
    expect(webSearchCallOf(item)).toEqual({
      id: 'fc_25de2f84-163c-6e9e-e42e-cd1dbd6f9ed0_0',
      query: 'what is xAI',
      sources: [],
    });
  });

  it('xAI’s current item: query and sources from its action', () => {
    const item = {
      id: 'ws_1d1a0870_call-0',
      type: 'web_search_call',
      status: 'completed',
      action: { type: 'search', query: 'https://x.ai', sources: [{ type: 'url', url: 'https://x.ai/' }] },
    };
    expect(webSearchCallOf(item)).toEqual({
      id: 'ws_1d1a0870_call-0',
      query: 'https://x.ai',
      sources: ['https://x.ai/'],
    });
  });

  it('OpenRouter’s openrouter:web_search item', () => {
    const item = {
      type: 'openrouter:web_search',
      id: 'ws_or_1',
      status: 'completed',
      action: {
        type: 'search',
        query: 'example domains',
        sources: [{ type: 'url', url: 'https://example.com/' }],
      },
    };
    expect(webSearchCallOf(item)).toEqual({
      id: 'ws_or_1',
      query: 'example domains',
      sources: ['https://example.com/'],
    });
  });

  it('not a search: arguments without a query, another item type, an open_page action', () => {
    expect(
      webSearchCallOf({ type: 'web_search_call', id: 'a', arguments: '{"url":"https://x.ai"}' }),
    ).toBeUndefined();
    expect(
      webSearchCallOf({ type: 'x_search_call', id: 'b', arguments: '{"query":"grok"}' }),
    ).toBeUndefined();
    expect(
      webSearchCallOf({
        type: 'web_search_call',
        id: 'c',
        action: { type: 'open_page', url: 'https://x.ai' },
      }),
    ).toBeUndefined();
  });
});
