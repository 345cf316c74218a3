/**
 * A request for a retired model is still forwarded (the provider's answer decides; some still serve it)
 * and the client is told the successor in `x-ekai-warnings` (issue 17). Retired = `retiredOn` has
 * passed, or `status: retired`. Expected notes written by hand.
 */
import { fileURLToPath } from 'node:url';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

const RETIRED_CATALOG = fileURLToPath(new URL('../fixtures/proxy/retired-catalog.yaml', import.meta.url));

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started), { userCatalog: RETIRED_CATALOG });

const hi = [{ role: 'user' as const, content: 'hi' }];
const openai = () => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });
const anthropic = () => new Anthropic({ baseURL: gateway.url, apiKey: 'client', maxRetries: 0 });

describe('a retired model', () => {
  it('bundled claude-sonnet-4 (retired 2026-06-15): forwarded, 200, the note names claude-sonnet-4-6', async () => {
    const recorded = gateway.nextEvents(1);
    const { response, data } = await anthropic()
      .messages.create({ model: 'claude-sonnet-4', max_tokens: 64, messages: hi })
      .withResponse();
    expect(response.status).toBe(200);
    expect(data.type).toBe('message');
    expect(fake.lastRequest()!.body).toMatchObject({ model: 'claude-sonnet-4-20250514' });
    expect(response.headers.get('x-ekai-warnings')).toBe(
      'model claude-sonnet-4 is retired since 2026-06-15; its successor is claude-sonnet-4-6',
    );
    // The record carries the note too.
    const [event] = await recorded;
    expect(event?.warnings).toEqual([
      'model claude-sonnet-4 is retired since 2026-06-15; its successor is claude-sonnet-4-6',
    ]);
  });

  it('a model past its retiredOn date counts as retired whatever its status says (Chat client)', async () => {
    const { response } = await openai()
      .chat.completions.create({ model: 'gone-by-date', messages: hi })
      .withResponse();
    expect(response.status).toBe(200);
    expect(fake.lastRequest()!.body).toMatchObject({ model: 'gone-by-date' });
    expect(response.headers.get('x-ekai-warnings')).toBe(
      'model gone-by-date is retired since 2020-01-01; its successor is gpt-4o',
    );
  });
});

describe('no note', () => {
  it('for a current model (bundled claude-opus-5-5)', async () => {
    const { response } = await anthropic()
      .messages.create({ model: 'claude-opus-5-5', max_tokens: 64, messages: hi })
      .withResponse();
    expect(response.status).toBe(200);
    expect(fake.lastRequest()!.body).toMatchObject({ model: 'claude-opus-5-5' });
    expect(response.headers.get('x-ekai-warnings')).toBeNull();
  });

  it('for a legacy model before its retiredOn date', async () => {
    const { response } = await openai()
      .chat.completions.create({ model: 'ends-later', messages: hi })
      .withResponse();
    expect(response.status).toBe(200);
    expect(fake.lastRequest()!.body).toMatchObject({ model: 'ends-later' });
    expect(response.headers.get('x-ekai-warnings')).toBeNull();
  });
});
