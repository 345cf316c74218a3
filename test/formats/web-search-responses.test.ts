/**
 * Anthropic's web search server tool on a Responses upstream (issue 17, "No fabricated answers"): the
 * request maps it onto OpenAI's `web_search` tool (or refuses what has no equivalent), and the
 * search OpenAI ran comes back to a Messages client as Anthropic's web search blocks, whole and
 * streamed. Every expected value is written by hand from the documented shapes:
 * - https://platform.openai.com/docs/guides/tools-web-search (the tool's `filters.allowed_domains`,
 *   `user_location` {type: approximate, city, region, country, timezone}; the `web_search_call` item
 *   with `action: {type: search, query, sources}`; `output_text` `annotations` of type `url_citation`
 *   with `start_index` / `end_index`, `url`, `title`)
 * - https://platform.openai.com/docs/api-reference/responses-streaming
 *   (`response.web_search_call.*`, `response.output_text.annotation.added`)
 * - https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool (`server_tool_use`
 *   {id srvtoolu_…, name web_search, input {query}}, `web_search_tool_result` {tool_use_id, content:
 *   [web_search_result {url, title, encrypted_content, page_age}]}, text `citations` of type
 *   `web_search_result_location` {url, title, cited_text, encrypted_index}, `citations_delta`,
 *   `usage.server_tool_use.web_search_requests`)
 * ekai's choices (documented in the converters): `encrypted_content` / `encrypted_index` are empty
 * strings (Anthropic's own encryption; OpenAI has none); a result without a title is titled by its URL.
 */
import { describe, expect, it } from 'vitest';
import { messagesResponseFromResponses } from '../../src/formats/anthropic-messages/response-from-responses.js';
import type { MessagesRequest } from '../../src/formats/anthropic-messages/wire.js';
import { responsesRequestFromMessages } from '../../src/formats/openai-responses/index.js';
import { ResponsesStreamReader } from '../../src/formats/openai-responses/stream-reader.js';
import type { ResponsesResponse } from '../../src/formats/openai-responses/wire.js';
import type { StreamPart } from '../../src/formats/stream-parts.js';
import { TranslatedStream } from '../../src/formats/stream-translation.js';
import { type TranslationContext, UnsupportedRequestError } from '../../src/formats/translation.js';
import { sseEventsOf } from '../support/sse-events.js';
import { streamProblems } from './messages-client/stream-invariants.js';
import { sdkFinalMessage } from './messages-client/support.js';

/** The proxy's target: its profile names the provider. */
const ON_OPENAI = { upstreamModel: 'gpt-6.2-sol', maxOutput: 128000, profile: { name: 'openai' } };
const ANSWERING = { model: 'gpt-6.2-sol', toolNames: new Map<string, string>() };

const WEATHER = {
  name: 'get_weather',
  input_schema: { type: 'object', properties: { city: { type: 'string' } } },
};

function messages(fields: Partial<MessagesRequest>): MessagesRequest {
  return {
    model: 'gpt-6.2-sol',
    max_tokens: 1024,
    messages: [{ role: 'user', content: 'Latest news on example.com?' }],
    ...fields,
  };
}

function refusal(run: () => unknown): UnsupportedRequestError {
  try {
    run();
  } catch (error) {
    if (error instanceof UnsupportedRequestError) return error;
    throw error;
  }
  throw new Error('no UnsupportedRequestError was thrown');
}

describe('request: Anthropic web search → OpenAI web_search', () => {
  it('every field: allowed_domains, user_location and max_uses carried; blocked_domains and the rest noted', () => {
    const { body, warnings } = responsesRequestFromMessages(
      messages({
        tools: [
          WEATHER,
          {
            type: 'web_search_20250305',
            name: 'web_search',
            max_uses: 3,
            allowed_domains: ['example.com'],
            blocked_domains: ['spam.example'],
            user_location: {
              type: 'approximate',
              city: 'San Francisco',
              region: 'California',
              country: 'US',
              timezone: 'America/Los_Angeles',
            },
            cache_control: { type: 'ephemeral' },
            allowed_callers: ['direct'],
          },
        ],
      }),
      ON_OPENAI as TranslationContext,
    );
    expect(body.tools).toEqual([
      {
        type: 'function',
        name: 'get_weather',
        parameters: WEATHER.input_schema,
        strict: false,
      },
      {
        type: 'web_search',
        filters: { allowed_domains: ['example.com'] },
        user_location: {
          type: 'approximate',
          city: 'San Francisco',
          region: 'California',
          country: 'US',
          timezone: 'America/Los_Angeles',
        },
      },
    ]);
    expect(body.max_tool_calls).toBe(3);
    expect(body.include).toEqual(['web_search_call.action.sources']);
    expect(warnings).toEqual([
      // The Chat step's note on every cache breakpoint, the tool's included.
      'cache_control not sent: OpenAI caches prompts automatically',
      `server tool "web_search" (web_search_20250305) runs as OpenAI's web_search`,
      `web_search blocked_domains not sent: OpenAI's web_search has no blocked domains`,
      `web_search allowed_callers not sent: OpenAI's web_search has no equivalent`,
    ]);
  });

  it('the bare tool: only the type, no limit', () => {
    const { body } = responsesRequestFromMessages(
      messages({ tools: [{ type: 'web_search_20260209', name: 'web_search' }] }),
      ON_OPENAI as TranslationContext,
    );
    expect(body.tools).toEqual([{ type: 'web_search' }]);
    expect(body.max_tool_calls).toBeUndefined();
  });

  it('tool_choice: any → required, none → none, the search tool by name → allowed_tools', () => {
    const choiceOf = (tool_choice: MessagesRequest['tool_choice']) =>
      responsesRequestFromMessages(
        messages({ tools: [{ type: 'web_search_20250305', name: 'web_search' }], tool_choice }),
        ON_OPENAI as TranslationContext,
      );
    expect(choiceOf({ type: 'any' }).body.tool_choice).toBe('required');
    expect(choiceOf({ type: 'none' }).body.tool_choice).toBe('none');
    // With a function tool too, the Chat step wrote 'required' itself, and noted the named choice as dropped.
    const named = responsesRequestFromMessages(
      messages({
        tools: [WEATHER, { type: 'web_search_20250305', name: 'web_search' }],
        tool_choice: { type: 'tool', name: 'web_search' },
      }),
      ON_OPENAI as TranslationContext,
    );
    expect(named.body.tool_choice).toEqual({
      type: 'allowed_tools',
      mode: 'required',
      tools: [{ type: 'web_search' }],
    });
    expect(named.warnings.join('\n')).not.toContain('tool_choice');
  });

  it('a Responses provider ekai knows no search of: 400 naming it', () => {
    const error = refusal(() =>
      responsesRequestFromMessages(
        messages({ tools: [{ type: 'web_search_20250305', name: 'web_search' }] }),
        { upstreamModel: 'glm-5.3', profile: { name: 'zai' } } as TranslationContext,
      ),
    );
    expect(error.message).toBe(
      'tools.0: the server tool "web_search" (web_search_20250305) cannot run on Z.AI: Z.AI documents no web search tool for its Responses API. ekai does not answer in its place.',
    );
    expect(error.param).toBe('tools.0');
  });
});

/** A whole answer in the documented shape: one search, then text citing one of its sources. */
const ANSWER_TEXT = 'Voilà: example.com is reserved ([iana.org](https://www.iana.org/domains/reserved)).';
const LINK_START = ANSWER_TEXT.indexOf('[iana.org]');
const LINK = '[iana.org](https://www.iana.org/domains/reserved)';
const SEARCHED: ResponsesResponse = {
  id: 'resp_1',
  object: 'response',
  created_at: 1_760_000_000,
  status: 'completed',
  background: false,
  completed_at: 1_760_000_001,
  error: null,
  incomplete_details: null,
  model: 'gpt-6.2-sol',
  output: [
    {
      id: 'ws_1',
      type: 'web_search_call',
      status: 'completed',
      action: {
        type: 'search',
        query: 'example.com reserved',
        sources: [
          { type: 'url', url: 'https://www.iana.org/domains/reserved' },
          { type: 'url', url: 'https://en.wikipedia.org/wiki/Example.com' },
        ],
      },
    },
    {
      id: 'msg_1',
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [
        {
          type: 'output_text',
          text: ANSWER_TEXT,
          logprobs: [],
          annotations: [
            {
              type: 'url_citation',
              start_index: LINK_START,
              end_index: LINK_START + LINK.length,
              url: 'https://www.iana.org/domains/reserved',
              title: 'IANA-managed Reserved Domains',
            },
          ],
        },
      ],
    },
  ] as unknown as ResponsesResponse['output'],
  usage: {
    input_tokens: 300,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 40,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 340,
  },
};

const CITATION = {
  type: 'web_search_result_location',
  url: 'https://www.iana.org/domains/reserved',
  title: 'IANA-managed Reserved Domains',
  cited_text: LINK,
  encrypted_index: '',
};

describe('whole answer: web_search_call and url_citation → Messages web search blocks', () => {
  it('server_tool_use, web_search_tool_result (sources titled by the citations), cited text, one search', () => {
    const message = messagesResponseFromResponses(SEARCHED, ANSWERING);
    expect(message.content).toEqual([
      {
        type: 'server_tool_use',
        id: 'srvtoolu_ws_1',
        name: 'web_search',
        input: { query: 'example.com reserved' },
      },
      {
        type: 'web_search_tool_result',
        tool_use_id: 'srvtoolu_ws_1',
        content: [
          {
            type: 'web_search_result',
            url: 'https://www.iana.org/domains/reserved',
            title: 'IANA-managed Reserved Domains',
            encrypted_content: '',
            page_age: null,
          },
          {
            type: 'web_search_result',
            url: 'https://en.wikipedia.org/wiki/Example.com',
            title: 'https://en.wikipedia.org/wiki/Example.com',
            encrypted_content: '',
            page_age: null,
          },
        ],
      },
      { type: 'text', text: ANSWER_TEXT, citations: [CITATION] },
    ]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toEqual({
      input_tokens: 300,
      output_tokens: 40,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      server_tool_use: { web_search_requests: 1 },
    });
  });

  it('no sources given: the cited pages are the results', () => {
    const [search, message] = SEARCHED.output as unknown as [Record<string, unknown>, unknown];
    const withoutSources = {
      ...SEARCHED,
      output: [{ ...search, action: { type: 'search', query: 'example.com reserved' } }, message],
    } as unknown as ResponsesResponse;
    const result = messagesResponseFromResponses(withoutSources, ANSWERING).content[1];
    expect(result).toEqual({
      type: 'web_search_tool_result',
      tool_use_id: 'srvtoolu_ws_1',
      content: [
        {
          type: 'web_search_result',
          url: 'https://www.iana.org/domains/reserved',
          title: 'IANA-managed Reserved Domains',
          encrypted_content: '',
          page_age: null,
        },
      ],
    });
  });
});

const frame = (type: string, fields: object) =>
  `event: ${type}\ndata: ${JSON.stringify({ type, ...fields })}\n\n`;
const MESSAGE_AT = { item_id: 'msg_1', output_index: 1, content_index: 0 };
const [BEFORE_LINK, AFTER_BEFORE] = [ANSWER_TEXT.slice(0, LINK_START), ANSWER_TEXT.slice(LINK_START)];
/** The same answer streamed: the search whole at its done item, the citation after its text. */
const SEARCH_STREAM = [
  frame('response.created', { response: { id: 'resp_1', status: 'in_progress', model: 'gpt-6.2-sol' } }),
  frame('response.output_item.added', {
    output_index: 0,
    item: { id: 'ws_1', type: 'web_search_call', status: 'in_progress' },
  }),
  frame('response.web_search_call.in_progress', { item_id: 'ws_1', output_index: 0 }),
  frame('response.web_search_call.searching', { item_id: 'ws_1', output_index: 0 }),
  frame('response.web_search_call.completed', { item_id: 'ws_1', output_index: 0 }),
  frame('response.output_item.done', { output_index: 0, item: SEARCHED.output[0] }),
  frame('response.output_item.added', {
    output_index: 1,
    item: { id: 'msg_1', type: 'message', status: 'in_progress', role: 'assistant', content: [] },
  }),
  frame('response.output_text.delta', { ...MESSAGE_AT, delta: BEFORE_LINK }),
  frame('response.output_text.delta', { ...MESSAGE_AT, delta: AFTER_BEFORE }),
  frame('response.output_text.annotation.added', {
    ...MESSAGE_AT,
    annotation_index: 0,
    annotation: (SEARCHED.output[1] as unknown as { content: [{ annotations: [unknown] }] }).content[0]
      .annotations[0],
  }),
  frame('response.output_item.done', { output_index: 1, item: SEARCHED.output[1] }),
  frame('response.completed', { response: { ...SEARCHED } }),
].join('');

describe('stream: the Responses reader’s neutral parts and the Messages writer’s events', () => {
  it('the reader: server-tool-call and -result at the search’s done item, a citation with its span', () => {
    const parts: StreamPart[] = [];
    const reader = new ResponsesStreamReader((part) => parts.push(part));
    for (const event of sseEventsOf(SEARCH_STREAM)) reader.onEvent(event);
    expect(parts.filter((part) => !['start', 'usage', 'finish', 'end'].includes(part.type))).toEqual([
      { type: 'server-tool-call', id: 'ws_1', name: 'web_search', input: { query: 'example.com reserved' } },
      {
        type: 'server-tool-result',
        callId: 'ws_1',
        name: 'web_search',
        results: [
          { url: 'https://www.iana.org/domains/reserved', title: undefined },
          { url: 'https://en.wikipedia.org/wiki/Example.com', title: undefined },
        ],
      },
      { type: 'text', text: BEFORE_LINK },
      { type: 'text', text: AFTER_BEFORE },
      {
        type: 'citation',
        url: 'https://www.iana.org/domains/reserved',
        title: 'IANA-managed Reserved Domains',
        citedText: LINK,
        start: LINK_START,
        end: LINK_START + LINK.length,
      },
    ]);
    expect(parts.find((part) => part.type === 'finish')).toMatchObject({ reason: 'stop' });
  });

  it('the Messages writer: server_tool_use + input_json_delta, web_search_tool_result, citations_delta in the text', async () => {
    const translator = new TranslatedStream('responses', 'messages', ANSWERING);
    let out = '';
    for (const event of sseEventsOf(SEARCH_STREAM)) out += translator.push(event);
    out += translator.finish();
    // Blocks one at a time, each delta of a kind its block takes (citations in text, input in the call).
    expect(streamProblems(out)).toEqual([]);
    const events = sseEventsOf(out).map((event) => JSON.parse(event.data));
    const contentEvents = events.filter((event) => event.type.startsWith('content_block'));
    const titledByUrl = (url: string) => ({
      type: 'web_search_result',
      url,
      title: url,
      encrypted_content: '',
      page_age: null,
    });
    expect(contentEvents).toEqual([
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'server_tool_use', id: 'srvtoolu_ws_1', name: 'web_search', input: {} },
      },
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: '{"query":"example.com reserved"}' },
      },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: {
          type: 'web_search_tool_result',
          tool_use_id: 'srvtoolu_ws_1',
          content: [
            titledByUrl('https://www.iana.org/domains/reserved'),
            titledByUrl('https://en.wikipedia.org/wiki/Example.com'),
          ],
        },
      },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: BEFORE_LINK } },
      { type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: AFTER_BEFORE } },
      { type: 'content_block_delta', index: 2, delta: { type: 'citations_delta', citation: CITATION } },
      { type: 'content_block_stop', index: 2 },
    ]);
    expect(events.at(-2)).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: {
        input_tokens: 300,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 40,
        server_tool_use: { web_search_requests: 1 },
      },
    });
    // What @anthropic-ai/sdk accumulates from it.
    const message = await sdkFinalMessage(out);
    expect(message.content[0]).toEqual({
      type: 'server_tool_use',
      id: 'srvtoolu_ws_1',
      name: 'web_search',
      input: { query: 'example.com reserved' },
    });
    expect(message.content[2]).toEqual({ type: 'text', text: ANSWER_TEXT, citations: [CITATION] });
  });

  it('a citation OpenAI gives only in content_part.done still reaches the client', () => {
    const parts: StreamPart[] = [];
    const reader = new ResponsesStreamReader((part) => parts.push(part));
    const withoutEvent = SEARCH_STREAM.replace(/event: response\.output_text\.annotation\.added\n.*\n\n/, '');
    const part = (SEARCHED.output[1] as unknown as { content: [object] }).content[0];
    const partDone = frame('response.content_part.done', { ...MESSAGE_AT, part });
    const stream = withoutEvent.replace(
      'event: response.output_item.done\ndata: {"type":"response.output_item.done","output_index":1',
      `${partDone}$&`,
    );
    for (const event of sseEventsOf(stream)) reader.onEvent(event);
    expect(parts.filter((p) => p.type === 'citation')).toHaveLength(1);
  });

  it('a Chat client: the same stream is the answer’s text, the search parts skipped', () => {
    const translator = new TranslatedStream('responses', 'chat', { ...ANSWERING, includeUsage: true });
    let out = '';
    for (const event of sseEventsOf(SEARCH_STREAM)) out += translator.push(event);
    out += translator.finish();
    const chunks = sseEventsOf(out)
      .filter((event) => event.data !== '[DONE]')
      .map((event) => JSON.parse(event.data));
    const text = chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('');
    expect(text).toBe(ANSWER_TEXT);
  });
});
