import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway(fake, { config: { maxBodyBytes: 256 * 1024 } });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/** A raw POST (any bytes, any headers), read to the end. */
function post(path: string, body: Uint8Array | string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${gateway.url}${path}`, { method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: String(response.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** Every answer is either a success or a well-formed error in the endpoint's wire format. */
function expectWellFormed(answer: Answer, format: 'chat' | 'messages'): void {
  expect(answer.status, answer.body).toBeGreaterThanOrEqual(200);
  expect(answer.status, answer.body).toBeLessThan(600);
  expect(answer.status, answer.body).not.toBe(500);
  if (answer.contentType.includes('text/event-stream')) {
    expect(answer.body.length).toBeGreaterThan(0);
    return;
  }
  const parsed = JSON.parse(answer.body) as Record<string, unknown>;
  if (answer.status < 400) return;
  if (format === 'messages') {
    expect(parsed).toMatchObject({
      type: 'error',
      error: { type: expect.any(String), message: expect.any(String) },
    });
  } else {
    expect(parsed).toMatchObject({ error: { message: expect.any(String), type: expect.any(String) } });
  }
}

const ENDPOINTS = [
  {
    path: '/v1/chat/completions',
    format: 'chat' as const,
    models: ['gpt-4o', 'claude-sonnet-4', 'grok-4', 'nope'],
  },
  {
    path: '/v1/messages',
    format: 'messages' as const,
    models: ['claude-sonnet-4', 'gpt-4o', 'glm-4.6', 'nope'],
  },
];

/** JSON nested `depth` levels deep. */
const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe.each(ENDPOINTS)('hostile input at $path', ({ path, format, models }) => {
  const json = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' };

  it('arbitrary bytes, strings and JSON values: a well-formed answer every time', async () => {
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 512 }),
      fc.string({ maxLength: 300 }),
      fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => expectWellFormed(await post(path, payload, json), format)),
      { numRuns: 150 },
    );
  });

  it('valid envelopes with wrongly typed or odd fields: a well-formed answer every time', async () => {
    const anything = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined));
    const message = fc.record(
      {
        role: fc.oneof(fc.constantFrom('user', 'assistant', 'system', 'tool', 'developer'), fc.string()),
        content: anything,
      },
      { requiredKeys: [] },
    );
    const request = fc.record(
      {
        model: fc.oneof(fc.constantFrom(...models), anything),
        messages: fc.oneof(fc.array(message, { maxLength: 4 }), anything),
        stream: fc.oneof(fc.boolean(), anything),
        max_tokens: fc.oneof(fc.integer(), anything),
        tools: anything,
        tool_choice: anything,
        system: anything,
        stream_options: anything,
        thinking: anything,
        n: fc.oneof(fc.integer({ min: 0, max: 3 }), anything),
      },
      { requiredKeys: ['model', 'messages'] },
    );
    await fc.assert(
      fc.asyncProperty(request, async (candidate) =>
        expectWellFormed(await post(path, JSON.stringify(candidate), json), format),
      ),
      { numRuns: 250 },
    );
  });

  it('huge and deep JSON, invalid UTF-8, odd headers', async () => {
    expectWellFormed(await post(path, deep(100_000), json), format);
    const huge = await post(
      path,
      JSON.stringify({ model: models[0], messages: 'x'.repeat(300 * 1024) }),
      json,
    );
    expect(huge.status).toBe(413);
    expectWellFormed(huge, format);
    const invalid = Buffer.from([0x7b, 0x22, 0x6d, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]);
    expectWellFormed(await post(path, invalid, json), format);
    expectWellFormed(
      await post(path, '{"model":"gpt-4o"}', { 'content-type': 'text/plain', 'x-ekai-provider': '\u00ff' }),
      format,
    );
    expectWellFormed(
      await post(path, '{}', { ...json, 'content-length': '2', 'x-ekai-provider': 'nobody' }),
      format,
    );
  });

  it('the gateway is still up and serving', async () => {
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
  });
});
