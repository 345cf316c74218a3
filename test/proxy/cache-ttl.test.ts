/**
 * `cache: { ttl: 1h }` (issue 17): the prompt-cache breakpoints ekai adds when it translates an
 * OpenAI-dialect request into Messages use Anthropic's 1-hour TTL instead of the 5-minute default.
 * Expected marks written by hand from https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
 * (`cache_control: {type: "ephemeral", ttl: "1h"}`).
 */
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { configFileSchema } from '../../src/config/schema.js';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started), { config: { cache: { ttl: '1h' } } });

const ONE_HOUR = { type: 'ephemeral', ttl: '1h' };

describe('cache.ttl: 1h', () => {
  it('an OpenAI SDK request on Claude gets 1-hour breakpoints on the system prompt and the last turn', async () => {
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });
    await openai.chat.completions.create({
      model: 'claude-sonnet-4-5',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'hi' },
      ],
    });
    const body = fake.lastRequest()!.body as {
      system: Array<{ cache_control?: unknown }>;
      messages: Array<{ content: Array<{ cache_control?: unknown }> }>;
    };
    expect(body.system.at(-1)!.cache_control).toEqual(ONE_HOUR);
    expect(body.messages.at(-1)!.content.at(-1)!.cache_control).toEqual(ONE_HOUR);
  });

  it('only 5m or 1h is accepted in a config file', () => {
    expect(configFileSchema.safeParse({ cache: { ttl: '1h' } }).success).toBe(true);
    const wrong = configFileSchema.safeParse({ cache: { ttl: '2h' } });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]?.message).toBe('expected 5m or 1h');
  });
});
