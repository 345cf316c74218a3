/**
 * Chat request → Messages request, one table per feature from
 * test/fixtures/translation/chat-client/requests/*.json: each case holds the whole outgoing body.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { messagesRequestFromChat } from '../../../src/formats/anthropic-messages/request-from-chat.js';
import type { MessagesRequest } from '../../../src/formats/anthropic-messages/wire.js';
import type { ChatRequest } from '../../../src/formats/openai-chat/wire.js';
import { type TranslationContext, UnsupportedRequestError } from '../../../src/formats/translation.js';
import { defaultProfile, withProviderRules } from '../../../src/providers/index.js';
import { CHAT_CLIENT_FIXTURES, readJson } from './support.js';

interface RequestCase {
  name: string;
  context?: TranslationContext;
  chat: ChatRequest;
  /** The whole expected Messages body… */
  messages?: MessagesRequest;
  /** …or the expected UnsupportedRequestError (`message`: a substring of its message, to tell causes apart). */
  throws?: { param: string; status: number; message?: string };
  /** One substring per expected warning, in order. */
  warnings?: string[];
  jsonTool?: string;
}

const DEFAULT_CONTEXT: TranslationContext = { upstreamModel: 'claude-sonnet-4-5' };

/** The upstream body, as forward.ts builds it for a Messages provider without model rules (thinking as a budget). */
function translate(chat: ChatRequest, context: TranslationContext) {
  return withProviderRules(messagesRequestFromChat(chat, context), 'messages', {
    ...context,
    profile: defaultProfile,
  });
}
interface RequestTable {
  feature: string;
  cases: RequestCase[];
}

const TABLES = readdirSync(`${CHAT_CLIENT_FIXTURES}requests`)
  .filter((file) => file.endsWith('.json'))
  .map((file) => readJson<RequestTable>(`translation/chat-client/requests/${file}`));

describe.each(TABLES)('$feature', ({ cases }) => {
  it.each(cases)('$name', (testCase) => {
    const context = testCase.context ?? DEFAULT_CONTEXT;
    if (testCase.throws) {
      const attempt = () => translate(testCase.chat, context);
      const { message, ...fields } = testCase.throws;
      expect(attempt).toThrow(UnsupportedRequestError);
      expect(attempt).toThrow(expect.objectContaining(fields));
      if (message !== undefined) expect(attempt).toThrow(message);
      return;
    }
    const translated = translate(testCase.chat, context);
    expect(translated.body).toEqual(testCase.messages);
    expect(translated.warnings).toHaveLength(testCase.warnings?.length ?? 0);
    testCase.warnings?.forEach((expected, index) => {
      expect(translated.warnings[index]).toContain(expected);
    });
    expect(translated.jsonTool).toBe(testCase.jsonTool);
    expect(translated.toolNames.size).toBe(0);
  });
});

it('does not change the client body it was given', () => {
  const chat: ChatRequest = {
    model: 'gpt-4o',
    messages: [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello   ' },
    ],
  };
  const before = structuredClone(chat);
  messagesRequestFromChat(chat, DEFAULT_CONTEXT);
  expect(chat).toEqual(before);
});
