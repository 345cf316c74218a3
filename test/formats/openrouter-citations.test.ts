/**
 * OpenRouter's web search citations answering a Messages client (issue 17, citations "and back"):
 * the `url_citation` annotations of a Chat answer (`message.annotations`, streamed as
 * `delta.annotations`) become `web_search_result_location` citations of the client's text block,
 * whole and streamed. The upstream answers are written by hand in the shape OpenRouter documents;
 * the expected citations by hand from Anthropic's documented shape, offsets counted by hand (code
 * points) in the literal answer. OpenRouter reports no search of its own: no search blocks appear.
 * @see https://openrouter.ai/docs/features/web-search (annotations: url, title, content "added by
 *   OpenRouter if available", start_index, end_index)
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool#response
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool#streaming
 */
import { describe, expect, it } from 'vitest';
import { messagesResponseFromChat } from '../../src/formats/anthropic-messages/response-from-chat.js';
import type { ChatResponse } from '../../src/formats/openai-chat/wire.js';
import { streamProblems } from './messages-client/stream-invariants.js';
import { responseContext, sdkEvents, sdkFinalMessage, translateStream } from './messages-client/support.js';

const LINK = '[openrouter.ai](https://openrouter.ai/docs)'; // 43 code points
// "OpenRouter " 11, "🌐" 1 (two UTF-16 units), " unifies LLM APIs (" 19: the link starts at 31.
const ANSWER = `OpenRouter 🌐 unifies LLM APIs (${LINK}).`;
const PAGE = 'OpenRouter provides a unified API that gives you access to hundreds of AI models.';

/** One annotation with the page text OpenRouter adds, one without (its span of the answer is cited). */
const ANNOTATIONS = [
  {
    type: 'url_citation',
    url_citation: {
      url: 'https://openrouter.ai/',
      title: 'OpenRouter',
      content: PAGE,
      start_index: 0,
      end_index: 10,
    },
  },
  {
    type: 'url_citation',
    url_citation: {
      url: 'https://openrouter.ai/docs',
      title: 'OpenRouter Quickstart',
      start_index: 31,
      end_index: 74,
    },
  },
];
const CITATIONS = [
  {
    type: 'web_search_result_location',
    url: 'https://openrouter.ai/',
    title: 'OpenRouter',
    cited_text: PAGE,
    encrypted_index: '',
  },
  {
    type: 'web_search_result_location',
    url: 'https://openrouter.ai/docs',
    title: 'OpenRouter Quickstart',
    // No page text: the span of the answer, counted in code points past the emoji.
    cited_text: LINK,
    encrypted_index: '',
  },
];

describe('OpenRouter url_citation annotations → Messages citations', () => {
  it('a whole answer: the text block carries them, no search blocks are invented', () => {
    const completion = {
      id: 'gen-1764780000-abcdefghij0123456789',
      object: 'chat.completion',
      created: 1764780000,
      model: 'anthropic/claude-opus-4.5',
      choices: [
        {
          index: 0,
          finish_reason: 'stop',
          message: { role: 'assistant', content: ANSWER, annotations: ANNOTATIONS },
        },
      ],
      usage: { prompt_tokens: 20, completion_tokens: 12, total_tokens: 32 },
    } as unknown as ChatResponse;
    const response = messagesResponseFromChat(completion, responseContext());
    expect(response.content).toEqual([{ type: 'text', text: ANSWER, citations: CITATIONS }]);
    expect(response.usage).not.toHaveProperty('server_tool_use');
  });

  it('a message without annotations gets no citations field', () => {
    const completion = {
      id: 'gen-2',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Hi' } }],
    } as unknown as ChatResponse;
    expect(messagesResponseFromChat(completion, responseContext()).content).toEqual([
      { type: 'text', text: 'Hi' },
    ]);
  });
});

const frame = (choices: unknown[], extra: object = {}): string =>
  `data: ${JSON.stringify({ id: 'gen-3', object: 'chat.completion.chunk', created: 1, model: 'm', choices, ...extra })}\n\n`;
const delta = (fields: object, finish: string | null = null) =>
  frame([{ index: 0, delta: { role: 'assistant', ...fields }, finish_reason: finish }]);
const USAGE = frame([], { usage: { prompt_tokens: 20, completion_tokens: 12, total_tokens: 32 } });
// The emoji's two UTF-16 units split over two chunks would be invalid JSON text: split around it.
const TEXT = [
  delta({ content: 'OpenRouter 🌐' }),
  delta({ content: ' unifies LLM APIs (' }),
  delta({ content: `${LINK}).` }),
];

/** Each streamed shape: annotations on the finish chunk, on a chunk of their own, after the finish. */
const STREAMS: Record<string, string[]> = {
  'on the finish chunk': [
    ...TEXT,
    delta({ content: '', annotations: ANNOTATIONS }, 'stop'),
    USAGE,
    'data: [DONE]\n\n',
  ],
  'in a chunk before the finish': [
    ...TEXT,
    delta({ content: '', annotations: ANNOTATIONS }),
    delta({ content: '' }, 'stop'),
    USAGE,
    'data: [DONE]\n\n',
  ],
  'in a chunk after the finish, repeated': [
    ...TEXT,
    delta({ content: '' }, 'stop'),
    delta({ annotations: ANNOTATIONS }),
    delta({ annotations: ANNOTATIONS }),
    USAGE,
    'data: [DONE]\n\n',
  ],
};

describe('OpenRouter url_citation annotations streamed → citations_delta', () => {
  it.each(Object.entries(STREAMS))('%s', async (_name, pieces) => {
    const sse = translateStream(pieces);
    expect(streamProblems(sse)).toEqual([]);
    const message = await sdkFinalMessage(sse);
    expect(message.content).toEqual([{ type: 'text', text: ANSWER, citations: CITATIONS }]);
    expect(message.stop_reason).toBe('end_turn');
    const events = await sdkEvents(sse);
    const kinds = events.map((event) =>
      event.type === 'content_block_delta' ? event.delta.type : event.type,
    );
    // Each citation once, inside the text block, before it stops.
    expect(kinds.filter((kind) => kind === 'citations_delta')).toHaveLength(2);
    expect(kinds.lastIndexOf('citations_delta')).toBeLessThan(kinds.indexOf('content_block_stop'));
  });
});
