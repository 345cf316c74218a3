/**
 * Reasoning text from Chat providers that return it reaches Messages clients as thinking and
 * Responses clients as a reasoning summary, whole and streamed, whichever field the provider uses.
 * Expected values written by hand from:
 * - xAI: `reasoning_content` on the message and on stream deltas — https://docs.x.ai/docs/guides/reasoning
 * - OpenRouter: `reasoning` (text) and `reasoning_details` (`reasoning.text` {text},
 *   `reasoning.summary` {summary}, `reasoning.encrypted` {data}), sent side by side with the same
 *   reasoning — https://openrouter.ai/docs/use-cases/reasoning-tokens
 * - Messages thinking blocks: https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 *   (made from another provider's reasoning they carry an empty signature: docs/translation.md)
 * - Responses reasoning items with `summary_text` parts:
 *   https://platform.openai.com/docs/api-reference/responses/object
 */
import { describe, expect, it } from 'vitest';
import { messagesResponseFromChat } from '../../src/formats/anthropic-messages/response-from-chat.js';
import type { ChatResponse } from '../../src/formats/openai-chat/wire.js';
import { responsesResponseFromChat } from '../../src/formats/openai-responses/response-from-chat.js';
import { SseParser } from '../../src/formats/sse.js';
import { TranslatedStream, type WireFormat } from '../../src/formats/stream-translation.js';
import type { ResponseContext } from '../../src/formats/translation.js';
import { sdkFinalMessage } from './messages-client/support.js';
import { sdkFinalResponse } from './responses-client/support.js';

const CONTEXT: ResponseContext = { model: 'grok-4.7', toolNames: new Map() };

/** One reasoning text, as each provider sends it on a whole message (besides `content`). */
const MESSAGES: Record<string, { reasoning: string; fields: Record<string, unknown> }> = {
  'xAI reasoning_content': {
    reasoning: 'The user greets me. I answer briefly.',
    fields: { reasoning_content: 'The user greets me. I answer briefly.' },
  },
  'OpenRouter reasoning with its reasoning_details (the same text, once)': {
    reasoning: 'The user greets me. I answer briefly.',
    fields: {
      reasoning: 'The user greets me. I answer briefly.',
      reasoning_details: [
        {
          type: 'reasoning.text',
          text: 'The user greets me. I answer briefly.',
          signature: 'EqQBCkgIARABGAIiQL',
          format: 'anthropic-claude-v1',
          index: 0,
        },
      ],
    },
  },
  'OpenRouter reasoning_details alone: text and summary, encrypted skipped': {
    reasoning: 'The user greets me.\n\n**Answering briefly**',
    fields: {
      reasoning: null,
      reasoning_details: [
        { type: 'reasoning.text', text: 'The user greets me.', format: 'anthropic-claude-v1', index: 0 },
        {
          type: 'reasoning.encrypted',
          data: 'gAAAAABo95AdNmqxM6HBeqh0',
          format: 'openai-responses-v1',
          index: 1,
        },
        {
          type: 'reasoning.summary',
          summary: '**Answering briefly**',
          format: 'openai-responses-v1',
          index: 2,
        },
      ],
    },
  },
};

function chatAnswer(fields: Record<string, unknown>): ChatResponse {
  return {
    id: 'gen-1750000000-abc',
    object: 'chat.completion',
    created: 1750000000,
    model: 'grok-4.7',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'Hello!', ...fields },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 },
  };
}

describe.each(Object.entries(MESSAGES))('a whole answer with %s', (_name, { reasoning, fields }) => {
  it('reaches a Messages client as a thinking block before the text', () => {
    expect(messagesResponseFromChat(chatAnswer(fields), CONTEXT).content).toEqual([
      { type: 'thinking', thinking: reasoning, signature: '' },
      { type: 'text', text: 'Hello!' },
    ]);
  });

  it('reaches a Responses client as a reasoning item with the text as its summary', () => {
    const output = responsesResponseFromChat(chatAnswer(fields), CONTEXT).output;
    expect(output.map((item) => item.type)).toEqual(['reasoning', 'message']);
    expect(output[0]).toMatchObject({
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: reasoning }],
    });
  });
});

/** The reasoning as each provider streams it: one delta object per chunk. */
const STREAMS: Record<string, { reasoning: string; deltas: Array<Record<string, unknown>> }> = {
  'xAI reasoning_content deltas': {
    reasoning: 'The user greets me. I answer briefly.',
    deltas: [{ reasoning_content: 'The user greets me.' }, { reasoning_content: ' I answer briefly.' }],
  },
  'OpenRouter reasoning deltas with their reasoning_details': {
    reasoning: 'The user greets me. I answer briefly.',
    deltas: [
      {
        reasoning: 'The user greets me.',
        reasoning_details: [{ type: 'reasoning.text', text: 'The user greets me.', index: 0 }],
      },
      {
        reasoning: ' I answer briefly.',
        reasoning_details: [{ type: 'reasoning.text', text: ' I answer briefly.', index: 0 }],
      },
    ],
  },
  'OpenRouter reasoning_details deltas alone (summary, then encrypted)': {
    reasoning: '**Answering** briefly',
    deltas: [
      {
        reasoning: null,
        reasoning_details: [{ type: 'reasoning.summary', summary: '**Answering**', index: 0 }],
      },
      {
        reasoning: null,
        reasoning_details: [{ type: 'reasoning.summary', summary: ' briefly', index: 0 }],
      },
      {
        reasoning: null,
        reasoning_details: [{ type: 'reasoning.encrypted', data: 'gAAAAABo95AdNmqxM6HBeqh0', index: 1 }],
      },
    ],
  },
};

/** A Chat stream: role chunk, the reasoning deltas, the text, the finish, usage, [DONE]. */
function chatStream(deltas: Array<Record<string, unknown>>): string {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
    id: 'gen-1750000000-abc',
    object: 'chat.completion.chunk',
    created: 1750000000,
    model: 'grok-4.7',
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  const chunks = [
    chunk({ role: 'assistant', content: '' }),
    ...deltas.map((delta) => chunk({ role: 'assistant', content: '', ...delta })),
    chunk({ content: 'Hello!' }),
    chunk({}, 'stop'),
    { ...chunk({}), choices: [], usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 } },
  ];
  return `${chunks.map((data) => `data: ${JSON.stringify(data)}\n\n`).join('')}data: [DONE]\n\n`;
}

function translate(upstream: string, client: WireFormat): string {
  const translator = new TranslatedStream('chat', client, CONTEXT);
  let output = '';
  const parser = new SseParser((event) => {
    output += translator.push(event);
  });
  parser.push(upstream);
  parser.end();
  return output + translator.finish();
}

describe.each(Object.entries(STREAMS))('a stream with %s', (_name, { reasoning, deltas }) => {
  it('reaches a Messages client as a thinking block before the text', async () => {
    const message = await sdkFinalMessage(translate(chatStream(deltas), 'messages'));
    expect(message.content).toEqual([
      { type: 'thinking', thinking: reasoning, signature: '' },
      { type: 'text', text: 'Hello!' },
    ]);
  });

  it('reaches a Responses client as a reasoning item with the text as its summary', async () => {
    const response = await sdkFinalResponse(translate(chatStream(deltas), 'responses'));
    expect(response.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
    expect(response.output[0]).toMatchObject({
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: reasoning }],
    });
  });
});
