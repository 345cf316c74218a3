/**
 * The client's session keeps one prompt cache upstream when translated, without the session id
 * itself reaching another vendor (issue 17): Claude Code's `x-claude-code-session-id` becomes
 * OpenAI's `prompt_cache_key` (https://platform.openai.com/docs/guides/prompt-caching) and xAI's
 * `x-grok-conv-id` header (https://docs.x.ai/docs/guides/prompt-caching), both the first 32 hex
 * digits of the session's SHA-256; Claude Code's identifying headers go to Anthropic only.
 */
import { createHash } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

const SESSION = '2b6f0c1e-5d7a-4c83-9f1e-0a1b2c3d4e5f';
const KEY = createHash('sha256').update(SESSION).digest('hex').slice(0, 32);
const CLAUDE_CODE_HEADERS = {
  'x-claude-code-session-id': SESSION,
  'x-app': 'cli',
  'x-stainless-os': 'Linux',
};

const claudeCode = () =>
  new Anthropic({
    baseURL: gateway.url,
    apiKey: 'client',
    maxRetries: 0,
    defaultHeaders: CLAUDE_CODE_HEADERS,
  });
const hi = [{ role: 'user' as const, content: 'hi' }];

describe('Claude Code’s session, translated', () => {
  it('to OpenAI Chat: prompt_cache_key from the session, no Claude Code headers upstream', async () => {
    await claudeCode().messages.create({ model: 'gpt-4o', max_tokens: 64, messages: hi });
    const upstream = fake.lastRequest()!;
    expect(upstream).toMatchObject({ provider: 'openai', dialect: 'chat' });
    expect(upstream.body).toMatchObject({ prompt_cache_key: KEY });
    expect(upstream.headers['x-claude-code-session-id']).toBeUndefined();
    expect(upstream.headers['x-app']).toBeUndefined();
    expect(upstream.headers['x-stainless-os']).toBeUndefined();
  });

  it('to xAI Chat: the x-grok-conv-id header', async () => {
    await claudeCode().messages.create({ model: 'grok-3', max_tokens: 64, messages: hi });
    const upstream = fake.lastRequest()!;
    expect(upstream).toMatchObject({ provider: 'xai', dialect: 'chat' });
    expect(upstream.headers['x-grok-conv-id']).toBe(KEY);
    expect(upstream.headers['x-claude-code-session-id']).toBeUndefined();
  });

  it('to Anthropic itself: Claude Code’s headers pass as they are', async () => {
    await claudeCode().messages.create({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: hi });
    const upstream = fake.lastRequest()!;
    expect(upstream).toMatchObject({ provider: 'anthropic', dialect: 'messages' });
    expect(upstream.headers['x-claude-code-session-id']).toBe(SESSION);
    expect(upstream.headers['x-app']).toBe('cli');
    expect(upstream.headers['x-grok-conv-id']).toBeUndefined();
  });
});
