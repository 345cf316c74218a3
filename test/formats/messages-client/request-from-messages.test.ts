/**
 * Messages requests → Chat requests, one fixture per feature (request in, whole upstream request,
 * warnings and tool-name map out): translation/messages-client/requests/*.json.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MessagesRequest } from '../../../src/formats/anthropic-messages/wire.js';
import { chatRequestFromMessages } from '../../../src/formats/openai-chat/request-from-messages.js';
import { type TranslationContext, UnsupportedRequestError } from '../../../src/formats/translation.js';
import { defaultProfile, profileFor, withProviderRules } from '../../../src/providers/index.js';
import { OWN_FIXTURES, readJsonFixture } from './support.js';

/** `reasoningModel: true`: an OpenAI reasoning model (the openai profile's rules apply). */
type ChatRequestContext = TranslationContext & { reasoningModel?: boolean };

interface RequestCase {
  description: string;
  context: ChatRequestContext;
  request: MessagesRequest;
  expected: { body: object; warnings: string[]; toolNames: Record<string, string> };
}

const FILES = readdirSync(join(OWN_FIXTURES, 'requests')).filter((file) => file.endsWith('.json'));

const CASES = FILES.flatMap((file) => {
  const loaded = readJsonFixture<RequestCase | RequestCase[]>(`translation/messages-client/requests/${file}`);
  return (Array.isArray(loaded) ? loaded : [loaded]).map((testCase) => ({ file, ...testCase }));
});

function translate(request: MessagesRequest, context: ChatRequestContext) {
  const profile = context.reasoningModel ? profileFor('openai') : defaultProfile;
  const translation = chatRequestFromMessages(request, context);
  const { body, warnings, toolNames } = withProviderRules(translation, 'chat', { ...context, profile });
  return { body, warnings, toolNames: Object.fromEntries(toolNames) };
}

describe('chatRequestFromMessages', () => {
  it.each(CASES)('$file: $description', ({ request, context, expected }) => {
    expect(translate(request, context)).toEqual(expected);
  });

  it('does not change the client request', () => {
    for (const { request, context } of CASES) {
      const before = structuredClone(request);
      translate(request, context);
      expect(request).toEqual(before);
    }
  });

  it('refuses a body without a conversation (400), instead of crashing', () => {
    const context = { upstreamModel: 'gpt-4o' };
    const noMessages = { model: 'm', max_tokens: 10 } as unknown as MessagesRequest;
    expect(() => chatRequestFromMessages(noMessages, context)).toThrow(UnsupportedRequestError);
    const badContent = { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 42 }] };
    expect(() => chatRequestFromMessages(badContent as unknown as MessagesRequest, context)).toThrow(
      /messages\.0\.content/,
    );
  });
});
