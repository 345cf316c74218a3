/**
 * Messages requests → Chat requests, one fixture per feature (request in, whole upstream request,
 * warnings and tool-name map out): translation/messages-client/requests/*.json; requests that must be
 * refused (400, nothing sent): translation/messages-client/refused-requests/*.json.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MessagesRequest } from '../../../src/formats/anthropic-messages/wire.js';
import { chatRequestFromMessages } from '../../../src/formats/openai-chat/request-from-messages.js';
import { type TranslationContext, UnsupportedRequestError } from '../../../src/formats/translation.js';
import { defaultProfile, profileFor, withProviderRules } from '../../../src/providers/index.js';
import { OWN_FIXTURES, readJsonFixture } from './support.js';

/**
 * Whose Chat API the request is for: `provider` names a catalog provider (its profile), else
 * `reasoningModel: true` is OpenAI's (a reasoning model: the openai profile's rules apply), else a
 * provider only a user catalog knows (the default profile).
 */
type ChatRequestContext = TranslationContext & { reasoningModel?: boolean; provider?: string };

interface RequestCase<Expected> {
  description: string;
  context: ChatRequestContext;
  request: MessagesRequest;
  expected: Expected;
}
type TranslatedCase = RequestCase<{ body: object; warnings: string[]; toolNames: Record<string, string> }>;
/** The 400 the client gets (UnsupportedRequestError: status, the offending parameter, the message). */
type RefusedCase = RequestCase<{ error: { status: 400; param: string; message: string } }>;

function casesIn<T>(folder: string) {
  const files = readdirSync(join(OWN_FIXTURES, folder)).filter((file) => file.endsWith('.json'));
  return files.flatMap((file) => {
    const loaded = readJsonFixture<T | T[]>(`translation/messages-client/${folder}/${file}`);
    return (Array.isArray(loaded) ? loaded : [loaded]).map((testCase) => ({ file, ...testCase }));
  });
}

const CASES = casesIn<TranslatedCase>('requests');
const REFUSED = casesIn<RefusedCase>('refused-requests');

function translate(request: MessagesRequest, context: ChatRequestContext) {
  const profile = context.provider
    ? profileFor(context.provider)
    : context.reasoningModel
      ? profileFor('openai')
      : defaultProfile;
  // As the proxy does (bridges.ts): the converter and the rules get the same target, profile included.
  const target = { ...context, profile };
  const translation = chatRequestFromMessages(request, target);
  const { body, warnings, toolNames } = withProviderRules(translation, 'chat', target);
  return { body, warnings, toolNames: Object.fromEntries(toolNames) };
}

describe('chatRequestFromMessages', () => {
  it.each(CASES)('$file: $description', ({ request, context, expected }) => {
    expect(translate(request, context)).toEqual(expected);
  });

  it.each(REFUSED)('$file: $description', ({ request, context, expected }) => {
    expect(() => translate(request, context)).toThrow(UnsupportedRequestError);
    expect(() => translate(request, context)).toThrow(expect.objectContaining(expected.error));
  });

  it('does not change the client request', () => {
    for (const { request, context } of [...CASES, ...REFUSED]) {
      const before = structuredClone(request);
      try {
        translate(request, context);
      } catch {
        // A refused request is checked above; here only that it is left as it was.
      }
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
