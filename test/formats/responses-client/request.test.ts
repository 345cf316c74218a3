/**
 * Responses requests → Chat and Messages requests, one table per feature from
 * translation/responses-client/requests/*.json: each case holds the whole outgoing body, the
 * warnings, the tool-name map and the custom tools (or the expected UnsupportedRequestError).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messagesRequestFromResponses } from '../../../src/formats/anthropic-messages/request-from-responses.js';
import { chatRequestFromResponses } from '../../../src/formats/openai-chat/request-from-responses.js';
import type { ResponsesRequest } from '../../../src/formats/openai-responses/wire.js';
import { type TranslationContext, UnsupportedRequestError } from '../../../src/formats/translation.js';
import { defaultProfile, profileFor, withProviderRules } from '../../../src/providers/index.js';
import { FIXTURES, OWN, readJsonFixture, UPDATE } from './support.js';

/** `reasoningModel: true`: an OpenAI reasoning model (the openai profile's rules apply). */
type ChatRequestContext = TranslationContext & { reasoningModel?: boolean };

interface Translated {
  body: object;
  warnings: string[];
  toolNames?: Record<string, string>;
  customTools?: string[];
  jsonTool?: string;
}

interface RequestCase {
  name: string;
  context?: ChatRequestContext;
  /** The client's request, inline or as a file under requests/ (shared by several tables). */
  request?: ResponsesRequest;
  requestFile?: string;
  expected?: Translated;
  /** The param of the expected UnsupportedRequestError (400). */
  throws?: string;
}

interface RequestTable {
  feature: string;
  /** The provider's wire format. */
  to: 'chat' | 'messages';
  cases: RequestCase[];
}

const DIRECTORY = `${OWN}/requests`;
const FILES = readdirSync(join(FIXTURES, DIRECTORY)).filter((file) => file.endsWith('.table.json'));
const TABLES = FILES.map((file) => ({ file, ...readJsonFixture<RequestTable>(`${DIRECTORY}/${file}`) }));
const DEFAULT_CONTEXT = {
  chat: { upstreamModel: 'grok-4' },
  messages: { upstreamModel: 'claude-sonnet-4-5' },
};

function requestOf(testCase: RequestCase): ResponsesRequest {
  if (testCase.request) return testCase.request;
  return readJsonFixture<ResponsesRequest>(`${DIRECTORY}/${testCase.requestFile}`);
}

function translate(
  to: RequestTable['to'],
  request: ResponsesRequest,
  context: ChatRequestContext,
): Translated {
  // The upstream body as forward.ts builds it: converter, then the provider's rules.
  const target = { ...context, profile: context.reasoningModel ? profileFor('openai') : defaultProfile };
  const translation =
    to === 'chat'
      ? withProviderRules(chatRequestFromResponses(request, context), 'chat', target)
      : withProviderRules(messagesRequestFromResponses(request, context), 'messages', target);
  return {
    body: translation.body,
    warnings: translation.warnings,
    ...(translation.toolNames.size > 0 && { toolNames: Object.fromEntries(translation.toolNames) }),
    ...(translation.customTools.length > 0 && { customTools: translation.customTools }),
    ...(translation.jsonTool !== undefined && { jsonTool: translation.jsonTool }),
  };
}

describe.each(TABLES)('$file: $feature', (table) => {
  it.each(table.cases)('$name', (testCase) => {
    const context = testCase.context ?? DEFAULT_CONTEXT[table.to];
    const request = requestOf(testCase);
    if (testCase.throws !== undefined) {
      const attempt = () => translate(table.to, request, context);
      expect(attempt).toThrow(UnsupportedRequestError);
      expect(attempt).toThrow(expect.objectContaining({ param: testCase.throws, status: 400 }));
      return;
    }
    const actual = translate(table.to, request, context);
    if (UPDATE) {
      testCase.expected = actual;
      const { file, ...content } = table;
      writeFileSync(join(FIXTURES, DIRECTORY, file), `${JSON.stringify(content, null, 2)}\n`);
    }
    expect(actual).toEqual(testCase.expected);
  });

  it('does not change the client request', () => {
    for (const testCase of table.cases) {
      if (testCase.throws !== undefined) continue;
      const request = requestOf(testCase);
      const before = structuredClone(request);
      translate(table.to, request, testCase.context ?? DEFAULT_CONTEXT[table.to]);
      expect(request).toEqual(before);
    }
  });
});
