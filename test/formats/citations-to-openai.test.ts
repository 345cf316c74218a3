/**
 * Claude's own web search and its citations, answering an OpenAI-dialect client (issue 17): the
 * search becomes a Responses `web_search_call` item (Chat has no place for it), the page citations
 * of a text block become `url_citation` annotations spanning that block's text. The upstream answer
 * is written by hand in the shape Anthropic documents (whole and streamed); the expected annotations
 * are written by hand from OpenAI's documented shapes, offsets counted by hand in the literal texts.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool#response
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool#streaming
 * @see https://docs.anthropic.com/en/docs/build-with-claude/citations
 * @see https://platform.openai.com/docs/guides/tools-web-search?api-mode=chat
 * @see https://platform.openai.com/docs/guides/tools-web-search?api-mode=responses#output-and-citations
 */
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { MessagesResponse } from '../../src/formats/anthropic-messages/wire.js';
import { chatResponseFromMessages } from '../../src/formats/openai-chat/response-from-messages.js';
import { responsesResponseFromMessages } from '../../src/formats/openai-responses/response-from-messages.js';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';
import {
  chatChunksOf,
  responseContext as chatContext,
  messagesSse,
  sdkFinalCompletion,
  translateStream as translateToChat,
} from './chat-client/support.js';
import { streamProblems } from './responses-client/stream-invariants.js';
import {
  responseContext as responsesContext,
  sdkEvents,
  sdkFinalResponse,
  sdkResponse,
  translateStream as translateToResponses,
} from './responses-client/support.js';

const WIKIPEDIA = 'https://en.wikipedia.org/wiki/Claude_Shannon';
const WIKIPEDIA_TITLE = 'Claude Shannon - Wikipedia';
const INTRO = 'I’ll search for when Claude Shannon was born.'; // 45 code points (’ is one)
const LEAD = 'Based on the search results, '; // 29
const CITED = 'Claude Shannon was born on April 30, 1916, in Petoskey, Michigan'; // 64
const CITED_TEXT =
  'Claude Elwood Shannon (April 30, 1916 – February 24, 2001) was an American mathematician, electrical engineer, computer scientist, cryptographer and i...';

const SEARCH_ID = 'srvtoolu_01WYG3ziw53XMcoyKL4XcZmE';
const QUERY = 'claude shannon birth date';
const SEARCH_RESULTS = [
  {
    type: 'web_search_result',
    url: WIKIPEDIA,
    title: WIKIPEDIA_TITLE,
    encrypted_content: 'EqgfCioIARgBIiQ3YTAwMjY1Mi1mZjM5LTQ1NGUtODgxNC1kNjNjNTk1ZWI3Y',
    page_age: 'April 30, 2025',
  },
  {
    type: 'web_search_result',
    url: 'https://www.britannica.com/biography/Claude-Shannon',
    title: 'Claude Shannon | Biography & Facts | Britannica',
    encrypted_content: 'EpYBCioIARgBIiQ3YTAwMjY1Mi1mZjM5LTQ1NGUtODgxNC1kNjNjNTk1ZWI3Y',
    page_age: null,
  },
];
const CITATION = {
  type: 'web_search_result_location',
  url: WIKIPEDIA,
  title: WIKIPEDIA_TITLE,
  encrypted_index: 'Eo8BCioIAhgBIiQyYjQ0OWJmZi1lM2M1LTQyYWEtOTEzNS1iNmRkM2M2Zjg2YzASDHd7N',
  cited_text: CITED_TEXT,
};
/** A document citation (citations-enabled document): no URL, so no `url_citation` to make of it. */
const DOCUMENT_CITATION = {
  type: 'char_location',
  cited_text: 'The grass is green.',
  document_index: 0,
  document_title: 'Example Document',
  start_char_index: 0,
  end_char_index: 20,
};

/** The documented web search answer, with a closing text block citing a document. */
const ANSWER = {
  id: 'msg_a930390d3a',
  type: 'message',
  role: 'assistant',
  model: 'claude-opus-5-5',
  content: [
    { type: 'text', text: INTRO },
    { type: 'server_tool_use', id: SEARCH_ID, name: 'web_search', input: { query: QUERY } },
    { type: 'web_search_tool_result', tool_use_id: SEARCH_ID, content: SEARCH_RESULTS },
    { type: 'text', text: LEAD },
    { type: 'text', text: CITED, citations: [CITATION] },
    { type: 'text', text: '.', citations: [DOCUMENT_CITATION] },
  ],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 6039, output_tokens: 931, server_tool_use: { web_search_requests: 1 } },
} as unknown as MessagesResponse;

/** The same answer streamed: the citation's `citations_delta` comes before the text it cites. */
const STREAM = messagesSse(
  {
    type: 'message_start',
    message: { ...ANSWER, content: [], stop_reason: null, usage: { input_tokens: 6039, output_tokens: 1 } },
  },
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: INTRO } },
  { type: 'content_block_stop', index: 0 },
  {
    type: 'content_block_start',
    index: 1,
    content_block: { type: 'server_tool_use', id: SEARCH_ID, name: 'web_search', input: {} },
  },
  {
    type: 'content_block_delta',
    index: 1,
    delta: { type: 'input_json_delta', partial_json: '{"query": "claude' },
  },
  {
    type: 'content_block_delta',
    index: 1,
    delta: { type: 'input_json_delta', partial_json: ' shannon birth date"}' },
  },
  { type: 'content_block_stop', index: 1 },
  {
    type: 'content_block_start',
    index: 2,
    content_block: { type: 'web_search_tool_result', tool_use_id: SEARCH_ID, content: SEARCH_RESULTS },
  },
  { type: 'content_block_stop', index: 2 },
  { type: 'content_block_start', index: 3, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 3, delta: { type: 'text_delta', text: LEAD } },
  { type: 'content_block_stop', index: 3 },
  { type: 'content_block_start', index: 4, content_block: { type: 'text', text: '', citations: [] } },
  { type: 'content_block_delta', index: 4, delta: { type: 'citations_delta', citation: CITATION } },
  { type: 'content_block_delta', index: 4, delta: { type: 'text_delta', text: 'Claude Shannon was born ' } },
  {
    type: 'content_block_delta',
    index: 4,
    delta: { type: 'text_delta', text: 'on April 30, 1916, in Petoskey, Michigan' },
  },
  { type: 'content_block_stop', index: 4 },
  { type: 'content_block_start', index: 5, content_block: { type: 'text', text: '', citations: [] } },
  { type: 'content_block_delta', index: 5, delta: { type: 'citations_delta', citation: DOCUMENT_CITATION } },
  { type: 'content_block_delta', index: 5, delta: { type: 'text_delta', text: '.' } },
  { type: 'content_block_stop', index: 5 },
  {
    type: 'message_delta',
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: 931, server_tool_use: { web_search_requests: 1 } },
  },
  { type: 'message_stop' },
);

/** Chat: one text, `content`; the citation spans the cited block in it (45 + 29 = 74, + 64 = 138). */
const CHAT_CONTENT = `${INTRO}${LEAD}${CITED}.`;
const CHAT_ANNOTATIONS = [
  {
    type: 'url_citation',
    url_citation: { url: WIKIPEDIA, title: WIKIPEDIA_TITLE, start_index: 74, end_index: 138 },
  },
];

/** Responses: the text before the search, the search, then the text after it (29 + 64 = 93). */
const SECOND_MESSAGE = `${LEAD}${CITED}.`;
const RESPONSES_ANNOTATIONS = [
  { type: 'url_citation', start_index: 29, end_index: 93, url: WIKIPEDIA, title: WIKIPEDIA_TITLE },
];
const SEARCH_ITEM = {
  id: expect.stringMatching(/^ws_/),
  type: 'web_search_call',
  status: 'completed',
  action: {
    type: 'search',
    query: QUERY,
    sources: [
      { type: 'url', url: WIKIPEDIA },
      { type: 'url', url: 'https://www.britannica.com/biography/Claude-Shannon' },
    ],
  },
};

function messageWith(text: string, annotations: unknown[]) {
  return expect.objectContaining({
    type: 'message',
    status: 'completed',
    // The SDK's stream helper adds `parsed` to each part: the documented fields are compared.
    content: [expect.objectContaining({ type: 'output_text', text, annotations, logprobs: [] })],
  });
}

const RESPONSES_OUTPUT = [
  messageWith(INTRO, []),
  SEARCH_ITEM,
  messageWith(SECOND_MESSAGE, RESPONSES_ANNOTATIONS),
];

describe('Claude web search → Chat client', () => {
  it('answers with the page citations as message.annotations, the usage without the search count', async () => {
    const body = chatResponseFromMessages(ANSWER, chatContext());
    const message = body.choices[0]?.message as unknown as Record<string, unknown>;
    expect(message.content).toBe(CHAT_CONTENT);
    expect(message.annotations).toEqual(CHAT_ANNOTATIONS);
    expect(message.tool_calls).toBeUndefined();
    expect(body.choices[0]?.finish_reason).toBe('stop');
    expect(JSON.stringify(body.usage)).not.toContain('web_search_requests');
  });

  it('streams the annotations in one chunk before the finish, which the openai SDK accumulates', async () => {
    const sse = translateToChat(STREAM, chatContext());
    const chunks = chatChunksOf(sse);
    const deltas = chunks.map(
      (chunk) => (chunk.choices as Array<{ delta: Record<string, unknown> }>)[0]?.delta,
    );
    const annotated = deltas.flatMap((delta, at) => (delta?.annotations ? [at] : []));
    expect(annotated).toHaveLength(1);
    const finish = chunks.findIndex(
      (chunk) => (chunk.choices as Array<{ finish_reason: unknown }>)[0]?.finish_reason !== null,
    );
    expect(annotated[0]).toBe(finish - 1);
    expect(deltas[annotated[0] as number]?.annotations).toEqual(CHAT_ANNOTATIONS);
    expect(sse).not.toContain('web_search_requests');
    expect(sse).not.toContain('tool_calls');

    const completion = await sdkFinalCompletion(sse);
    const message = completion.choices[0]?.message;
    expect(message?.content).toBe(CHAT_CONTENT);
    expect(message?.annotations).toEqual(CHAT_ANNOTATIONS);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
  });
});

describe('Claude web search → Responses client', () => {
  it('answers with a web_search_call item and url_citation annotations on the text after it', async () => {
    const body = responsesResponseFromMessages(ANSWER, responsesContext());
    expect(body.output).toEqual(RESPONSES_OUTPUT);
    expect(JSON.stringify(body.usage)).not.toContain('web_search_requests');
    const sdk = await sdkResponse(body);
    expect(sdk.output_text).toBe(`${INTRO}${SECOND_MESSAGE}`);
  });

  it('streams the search as an item and the citation as output_text.annotation.added', async () => {
    const sse = translateToResponses('messages', [STREAM], responsesContext());
    expect(streamProblems(sse)).toEqual([]);

    const events = await sdkEvents(sse);
    const types = events.map((event) => event.type);
    const search = events.flatMap((event) =>
      event.type === 'response.output_item.added' && event.item.type === 'web_search_call' ? [event] : [],
    );
    expect(search).toHaveLength(1);
    const searchIndex = search[0]?.output_index;
    expect(
      events.flatMap((event) =>
        event.type.startsWith('response.web_search_call.') && 'output_index' in event
          ? [[event.type, event.output_index]]
          : [],
      ),
    ).toEqual([
      ['response.web_search_call.in_progress', searchIndex],
      ['response.web_search_call.searching', searchIndex],
      ['response.web_search_call.completed', searchIndex],
    ]);
    const added = events.flatMap((event) =>
      event.type === 'response.output_text.annotation.added' ? [event] : [],
    );
    expect(added.map((event) => [event.output_index, event.content_index, event.annotation_index])).toEqual([
      [2, 0, 0],
    ]);
    expect(added[0]?.annotation).toEqual(RESPONSES_ANNOTATIONS[0]);
    // The annotation is announced while its message is open: before its text is done.
    expect(types.indexOf('response.output_text.annotation.added')).toBeLessThan(
      types.lastIndexOf('response.output_text.done'),
    );
    const partDone = events.flatMap((event) =>
      event.type === 'response.content_part.done' && event.output_index === 2 ? [event.part] : [],
    );
    expect(partDone).toEqual([
      { type: 'output_text', text: SECOND_MESSAGE, annotations: RESPONSES_ANNOTATIONS, logprobs: [] },
    ]);

    const response = await sdkFinalResponse(sse);
    expect(response.output).toEqual(RESPONSES_OUTPUT);
    expect(response.output_text).toBe(`${INTRO}${SECOND_MESSAGE}`);
  });
});

/**
 * OpenAI counts annotation offsets in code points (Python string indexes): a character outside the
 * BMP before the cited text counts once, where JavaScript's `length` counts two.
 */
describe('offsets in code points', () => {
  const EARTH = { ...CITATION, url: 'https://example.com/earth', title: 'Earth' };
  const blocks = [
    { type: 'text', text: '🌍 ' }, // 2 code points (3 UTF-16 units)
    { type: 'text', text: 'Earth', citations: [EARTH] }, // 5
  ];
  const answer = { ...ANSWER, content: blocks } as unknown as MessagesResponse;
  const stream = messagesSse(
    { type: 'message_start', message: { ...ANSWER, content: [], stop_reason: null } },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: '🌍 ' } },
    { type: 'content_block_stop', index: 0 },
    { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '', citations: [] } },
    { type: 'content_block_delta', index: 1, delta: { type: 'citations_delta', citation: EARTH } },
    { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Earth' } },
    { type: 'content_block_stop', index: 1 },
    {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 3 },
    },
    { type: 'message_stop' },
  );
  const span = { start_index: 2, end_index: 7 };
  const chat = [{ type: 'url_citation', url_citation: { url: EARTH.url, title: 'Earth', ...span } }];
  const responses = [
    messageWith('🌍 Earth', [{ type: 'url_citation', ...span, url: EARTH.url, title: 'Earth' }]),
  ];

  it('Chat, whole and streamed', async () => {
    const body = chatResponseFromMessages(answer, chatContext());
    expect(body.choices[0]?.message).toHaveProperty('annotations', chat);
    const completion = await sdkFinalCompletion(translateToChat(stream, chatContext()));
    expect(completion.choices[0]?.message.annotations).toEqual(chat);
  });

  it('Responses, whole and streamed', async () => {
    expect(responsesResponseFromMessages(answer, responsesContext()).output).toEqual(responses);
    const sse = translateToResponses('messages', [stream], responsesContext());
    expect(streamProblems(sse)).toEqual([]);
    expect((await sdkFinalResponse(sse)).output).toEqual(responses);
  });
});

describe('citations the OpenAI dialects cannot carry', () => {
  it('leaves out document citations (no URL) and keeps their text', () => {
    const answer = {
      ...ANSWER,
      content: [{ type: 'text', text: 'The grass is green.', citations: [DOCUMENT_CITATION] }],
    } as unknown as MessagesResponse;
    const chat = chatResponseFromMessages(answer, chatContext());
    expect(chat.choices[0]?.message).not.toHaveProperty('annotations');
    expect(chat.choices[0]?.message.content).toBe('The grass is green.');
    const responses = responsesResponseFromMessages(answer, responsesContext());
    expect(responses.output).toEqual([messageWith('The grass is green.', [])]);
  });
});

/**
 * Through the gateway, with the real openai SDK, against the strict fake as Anthropic: it answers a
 * request carrying Anthropic's web search tool with its documented search (test/support/fake-provider/
 * README.md, "Web search (Anthropic Messages)"): the query is the user's text, two pages, then the
 * text below carrying one `web_search_result_location` citation of iana.org's page over the whole block.
 */
describe('through the gateway: an OpenAI-dialect client searching on a Claude model', () => {
  let fake: FakeProvider;
  let gateway: TestGateway;
  withFakeAndGateway((started) => ({ fake, gateway } = started));
  const openai = () => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });

  const QUESTION = 'What are example domains for?';
  const TEXT = 'Example domains are reserved for use in documentation.'; // 54 code points
  const IANA = { url: 'https://www.iana.org/help/example-domains', title: 'Example Domains' };
  const searchItem = {
    id: expect.stringMatching(/^ws_/),
    type: 'web_search_call',
    status: 'completed',
    action: {
      type: 'search',
      query: QUESTION,
      sources: [
        { type: 'url', url: IANA.url },
        { type: 'url', url: expect.stringMatching(/^https:\/\//) },
      ],
    },
  };
  const output = [
    searchItem,
    messageWith(TEXT, [{ type: 'url_citation', start_index: 0, end_index: 54, ...IANA }]),
  ];
  const chatAnnotations = [
    { type: 'url_citation', url_citation: { ...IANA, start_index: 0, end_index: 54 } },
  ];
  const responsesRequest = {
    model: 'claude-sonnet-4-6',
    input: QUESTION,
    tools: [{ type: 'web_search' as const }],
  };
  const chatRequest = {
    model: 'claude-sonnet-4-6',
    messages: [{ role: 'user' as const, content: QUESTION }],
    web_search_options: {},
  };

  it('Responses, whole: a web_search_call item, then the text with its url_citation', async () => {
    const response = await openai().responses.create(responsesRequest);
    expect(fake.lastRequest()?.provider).toBe('anthropic');
    expect(response.output).toEqual(output);
    expect(response.output_text).toBe(TEXT);
  });

  it('Responses, streamed: the same output accumulated by the SDK', async () => {
    const response = await openai().responses.stream(responsesRequest).finalResponse();
    expect(fake.lastRequest()?.body).toMatchObject({ stream: true });
    expect(response.output).toEqual(output);
  });

  it('Chat, whole: message.annotations with the url_citation over the cited text', async () => {
    const completion = await openai().chat.completions.create(chatRequest);
    expect(completion.choices[0]?.message.content).toBe(TEXT);
    expect(completion.choices[0]?.message.annotations).toEqual(chatAnnotations);
  });

  it('Chat, streamed: the same annotations accumulated by the SDK', async () => {
    const stream = openai().chat.completions.stream(chatRequest);
    const completion = await stream.finalChatCompletion();
    expect(fake.lastRequest()?.body).toMatchObject({ stream: true });
    expect(completion.choices[0]?.message.content).toBe(TEXT);
    expect(completion.choices[0]?.message.annotations).toEqual(chatAnnotations);
  });
});
