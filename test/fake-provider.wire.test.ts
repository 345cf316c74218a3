/**
 * The fake's wire output, byte for byte (after normalising ids and timestamps), against
 * recorded-shape fixtures in test/fixtures/fake-provider/. Regenerate deliberately with
 * `UPDATE_FAKE_PROVIDER_FIXTURES=1 npx vitest run test/fake-provider.wire.test.ts`, then review the
 * diff against real recordings before committing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Dialect,
  type FakeProvider,
  normalizeJson,
  normalizeWire,
  type ProviderName,
  postJson,
  startFakeProvider,
} from './support/fake-provider/index.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'fake-provider');
const UPDATE = process.env.UPDATE_FAKE_PROVIDER_FIXTURES === '1';

const weatherSchema = {
  type: 'object',
  properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
  required: ['city'],
};
const timeSchema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

const chatTools = [
  {
    type: 'function',
    function: { name: 'get_weather', description: 'Current weather', parameters: weatherSchema },
  },
  { type: 'function', function: { name: 'get_time', description: 'Local time', parameters: timeSchema } },
];
const messagesTools = [
  { name: 'get_weather', description: 'Current weather', input_schema: weatherSchema },
  { name: 'get_time', description: 'Local time', input_schema: timeSchema },
];
const responsesTools = [
  {
    type: 'function',
    name: 'get_weather',
    description: 'Current weather',
    parameters: weatherSchema,
    strict: false,
  },
];

const withUsage = { stream: true, stream_options: { include_usage: true } };

function chat(content: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'gpt-4o', messages: [{ role: 'user', content }], ...extra };
}

function messages(content: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    model: 'claude-sonnet-4-5-20250929',
    max_tokens: 1024,
    messages: [{ role: 'user', content }],
    ...extra,
  };
}

function responses(input: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'gpt-5', input, ...extra };
}

interface WireCase {
  fixture: string;
  provider: ProviderName;
  dialect: Dialect;
  body: Record<string, unknown>;
}

const userItems = (text: string) => [
  { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'Be brief.' }] },
  { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
];

const CASES: WireCase[] = [
  // Chat Completions
  { fixture: 'chat-text.stream.txt', provider: 'openai', dialect: 'chat', body: chat('Say hi', withUsage) },
  {
    fixture: 'chat-text-no-usage.stream.txt',
    provider: 'openai',
    dialect: 'chat',
    body: chat('Say hi', { stream: true }),
  },
  {
    fixture: 'chat-tool-call.stream.txt',
    provider: 'openai',
    dialect: 'chat',
    body: chat('[tool] Weather in Paris?', { ...withUsage, tools: chatTools.slice(0, 1) }),
  },
  {
    fixture: 'chat-parallel-tools.stream.txt',
    provider: 'openai',
    dialect: 'chat',
    body: chat('[parallel-tools] Weather and time?', { ...withUsage, tools: chatTools }),
  },
  {
    fixture: 'chat-thinking.xai.stream.txt',
    provider: 'xai',
    dialect: 'chat',
    body: chat('[thinking] Why is the sky blue?', { ...withUsage, model: 'grok-3-mini' }),
  },
  {
    fixture: 'chat-cache.openrouter.stream.txt',
    provider: 'openrouter',
    dialect: 'chat',
    body: chat('[cache] Summarise the doc', { stream: true, model: 'anthropic/claude-sonnet-4.5' }),
  },
  { fixture: 'chat-text.json', provider: 'openai', dialect: 'chat', body: chat('Say hi') },
  {
    fixture: 'chat-tool-call.json',
    provider: 'openai',
    dialect: 'chat',
    body: chat('[tool] Weather in Paris?', { tools: chatTools.slice(0, 1) }),
  },
  {
    fixture: 'chat-cache.json',
    provider: 'openai',
    dialect: 'chat',
    body: chat('[cache] Summarise the doc'),
  },
  {
    fixture: 'chat-thinking.xai.json',
    provider: 'xai',
    dialect: 'chat',
    body: chat('[thinking] Why is the sky blue?', { model: 'grok-3-mini' }),
  },
  {
    fixture: 'chat-thinking.openrouter.json',
    provider: 'openrouter',
    dialect: 'chat',
    body: chat('[thinking] Why is the sky blue?', { model: 'x-ai/grok-code-fast-1' }),
  },
  // Messages
  {
    fixture: 'messages-text.stream.txt',
    provider: 'anthropic',
    dialect: 'messages',
    body: messages('Say hi', { stream: true }),
  },
  {
    fixture: 'messages-tool-use.stream.txt',
    provider: 'anthropic',
    dialect: 'messages',
    body: messages('[tool] Weather in Paris?', { stream: true, tools: messagesTools.slice(0, 1) }),
  },
  {
    fixture: 'messages-parallel-tools.stream.txt',
    provider: 'anthropic',
    dialect: 'messages',
    body: messages('[parallel-tools] Weather and time?', { stream: true, tools: messagesTools }),
  },
  {
    fixture: 'messages-thinking.stream.txt',
    provider: 'anthropic',
    dialect: 'messages',
    body: messages('[thinking] Why is the sky blue?', {
      stream: true,
      thinking: { type: 'enabled', budget_tokens: 1024 },
    }),
  },
  {
    fixture: 'messages-cache.stream.txt',
    provider: 'anthropic',
    dialect: 'messages',
    body: messages('[cache] Summarise the doc', {
      stream: true,
      system: [{ type: 'text', text: 'A long document…', cache_control: { type: 'ephemeral' } }],
    }),
  },
  {
    fixture: 'messages-text.zai.stream.txt',
    provider: 'zai',
    dialect: 'messages',
    body: messages('Say hi', { stream: true, model: 'glm-4.6' }),
  },
  { fixture: 'messages-text.json', provider: 'anthropic', dialect: 'messages', body: messages('Say hi') },
  {
    fixture: 'messages-tool-use.json',
    provider: 'anthropic',
    dialect: 'messages',
    body: messages('[tool] Weather in Paris?', { tools: messagesTools.slice(0, 1) }),
  },
  {
    fixture: 'messages-thinking.json',
    provider: 'anthropic',
    dialect: 'messages',
    body: messages('[thinking] Why is the sky blue?', { thinking: { type: 'enabled', budget_tokens: 1024 } }),
  },
  // Responses
  {
    fixture: 'responses-text.stream.txt',
    provider: 'openai',
    dialect: 'responses',
    body: responses('Say hi', { stream: true }),
  },
  {
    fixture: 'responses-function-call.stream.txt',
    provider: 'openai',
    dialect: 'responses',
    body: responses(userItems('[tool] Weather in Paris?'), { stream: true, tools: responsesTools }),
  },
  {
    fixture: 'responses-reasoning.stream.txt',
    provider: 'openai',
    dialect: 'responses',
    body: responses(userItems('[thinking] Why is the sky blue?'), {
      stream: true,
      store: false,
      reasoning: { effort: 'low', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
    }),
  },
  { fixture: 'responses-text.json', provider: 'openai', dialect: 'responses', body: responses('Say hi') },
  {
    fixture: 'responses-function-call.json',
    provider: 'openai',
    dialect: 'responses',
    body: responses(userItems('[tool] Weather in Paris?'), { tools: responsesTools }),
  },
];

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(async () => {
  await fake.close();
});

async function normalizedOutput(wireCase: WireCase): Promise<string> {
  const response = await postJson(fake, wireCase.provider, wireCase.dialect, wireCase.body);
  expect(response.status).toBe(200);
  if (wireCase.body.stream === true) {
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    return normalizeWire(await response.text());
  }
  expect(response.headers.get('content-type')).toBe('application/json');
  return normalizeJson(await response.json());
}

describe('wire output equals the recorded-shape fixtures', () => {
  it.each(CASES)('$fixture', async (wireCase) => {
    const actual = await normalizedOutput(wireCase);
    const path = join(FIXTURES, wireCase.fixture);
    if (UPDATE) {
      mkdirSync(FIXTURES, { recursive: true });
      writeFileSync(path, actual);
    }
    if (!existsSync(path)) throw new Error(`missing fixture ${path}; see the header of this file`);
    expect(actual).toBe(readFileSync(path, 'utf8'));
  });

  it('is stable: the same request twice normalises to the same bytes', async () => {
    const wireCase = CASES.find((c) => c.fixture === 'messages-parallel-tools.stream.txt');
    if (!wireCase) throw new Error('case missing');
    expect(await normalizedOutput(wireCase)).toBe(await normalizedOutput(wireCase));
  });
});
