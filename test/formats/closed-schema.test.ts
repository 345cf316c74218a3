/**
 * Claude's structured outputs take closed objects only ("For 'object' type, 'additionalProperties'
 * must be explicitly set to false"): a Chat client's json_schema that leaves objects open is closed
 * on the way, and the client is told (issue 17). The strict fake refuses an open object, so the
 * HTTP case would be a 400 without the mapping.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs#json-schema-limitations
 */
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { closedSchema } from '../../src/formats/anthropic-messages/closed-schema.js';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

const OPEN = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    address: { type: 'object', properties: { city: { type: 'string' } } },
    tags: { type: 'array', items: { type: 'object', properties: { label: { type: 'string' } } } },
    extra: { anyOf: [{ type: 'object', additionalProperties: false, properties: {} }, { type: 'null' }] },
  },
  required: ['name'],
};
const CLOSED = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    address: { type: 'object', properties: { city: { type: 'string' } }, additionalProperties: false },
    tags: {
      type: 'array',
      items: { type: 'object', properties: { label: { type: 'string' } }, additionalProperties: false },
    },
    extra: { anyOf: [{ type: 'object', additionalProperties: false, properties: {} }, { type: 'null' }] },
  },
  required: ['name'],
  additionalProperties: false,
};

describe('closedSchema', () => {
  it('closes every open object, nested in properties, items and anyOf; counts them', () => {
    expect(closedSchema(OPEN)).toEqual({ schema: CLOSED, closed: 3 });
  });

  it('a closed schema comes back as the same object', () => {
    const result = closedSchema(CLOSED);
    expect(result.closed).toBe(0);
    expect(result.schema).toBe(CLOSED);
  });
});

describe('an OpenAI SDK json_schema with open objects on claude-sonnet-5-5', () => {
  it('is sent closed, answered 200, and the client is told', async () => {
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });
    const { response } = await openai.chat.completions
      .create({
        model: 'claude-sonnet-5-5',
        messages: [{ role: 'user', content: 'A person, as JSON' }],
        response_format: { type: 'json_schema', json_schema: { name: 'person', schema: OPEN } },
      })
      .withResponse();
    expect(response.status).toBe(200);
    expect(fake.lastRequest()!.body).toMatchObject({
      output_config: { format: { type: 'json_schema', schema: CLOSED } },
    });
    expect(response.headers.get('x-ekai-warnings')).toContain(
      "response_format schema: additionalProperties false added to 3 objects (Claude's structured outputs take closed objects only)",
    );
  });
});
