/**
 * The non-rule parts of the provider profiles (auth, headers, natively served formats) and the
 * endpoint table, as each provider documents them.
 */
import { describe, expect, it } from 'vitest';
import {
  authHeaders,
  ENDPOINTS,
  generationEndpoint,
  profileFor,
  servesNatively,
  type WireFormat,
} from '../../src/providers/index.js';

describe('auth', () => {
  const cases: Array<[string, WireFormat, Record<string, string>]> = [
    // https://docs.anthropic.com/en/api/overview#authentication
    ['anthropic', 'messages', { 'x-api-key': 'k' }],
    ['openai', 'chat', { authorization: 'Bearer k' }],
    ['openai', 'responses', { authorization: 'Bearer k' }],
    // xAI and catalog-only providers: each format's own convention.
    ['xai', 'chat', { authorization: 'Bearer k' }],
    ['xai', 'messages', { 'x-api-key': 'k' }],
    ['a-user-catalog-provider', 'messages', { 'x-api-key': 'k' }],
    ['a-user-catalog-provider', 'chat', { authorization: 'Bearer k' }],
    // https://docs.z.ai/scenario-example/develop-tools/claude: ANTHROPIC_AUTH_TOKEN, a Bearer token.
    ['zai', 'messages', { authorization: 'Bearer k' }],
    ['openrouter', 'chat', { authorization: 'Bearer k' }],
  ];
  it.each(cases)('%s on %s', (provider, format, expected) => {
    expect(authHeaders(profileFor(provider), format, 'k')).toEqual(expected);
  });
});

describe('headers', () => {
  it('Messages gets a default anthropic-version; OpenAI formats get no anthropic-* headers', () => {
    for (const provider of ['anthropic', 'zai', 'xai', 'openai', 'openrouter', 'other']) {
      const { headers } = profileFor(provider);
      expect(headers.messages.defaults).toEqual({ 'anthropic-version': '2023-06-01' });
      expect(headers.chat.refused).toEqual(['anthropic-']);
      expect(headers.responses.refused).toEqual(['anthropic-']);
    }
  });

  it('OpenRouter gets its attribution headers on every format', () => {
    // https://openrouter.ai/docs/api-reference/overview#headers
    const attribution = { 'http-referer': 'https://github.com/ekailabs/ekai-gateway', 'x-title': 'ekai' };
    const { headers } = profileFor('openrouter');
    for (const format of ['chat', 'messages', 'responses'] as const)
      expect(headers[format].set).toEqual(attribution);
    expect(profileFor('openai').headers.chat.set).toBeUndefined();
  });
});

describe('natively served formats beyond the catalog', () => {
  // Responses APIs: OpenAI's; xAI's (https://docs.x.ai/developers/rest-api-reference/inference/responses);
  // OpenRouter's, for every model it lists (https://openrouter.ai/docs/api/reference/responses/overview);
  // Z.AI's at /api/v1 (current-models.md). Anthropic has none.
  it.each([
    ['openai', 'gpt-5-codex', true],
    ['xai', 'grok-4.7', true],
    ['xai', 'grok-3-mini', false],
    ['openrouter', 'google/gemini-2.5-pro', true],
    ['zai', 'glm-5.3', true],
    ['zai', 'glm-4.6', false],
    ['anthropic', 'claude-opus-5-5', false],
    ['other', 'gpt-5-codex', false],
  ])('%s serves Responses itself for %s: %s', (provider, model, serves) => {
    expect(servesNatively(profileFor(provider), 'responses', model)).toBe(serves);
  });

  it('an unknown provider name, even an Object.prototype one, gets the default profile', () => {
    expect(profileFor('constructor').name).toBe('default');
  });
});

describe('the endpoint table', () => {
  it('paths and formats', () => {
    expect(ENDPOINTS).toEqual({
      chat: { path: '/v1/chat/completions', format: 'chat', generates: true },
      messages: { path: '/v1/messages', format: 'messages', generates: true },
      count_tokens: { path: '/v1/messages/count_tokens', format: 'messages', generates: false },
      responses: { path: '/v1/responses', format: 'responses', generates: true },
      // https://platform.openai.com/docs/api-reference/responses/input-tokens
      input_tokens: { path: '/v1/responses/input_tokens', format: 'responses', generates: false },
    });
  });

  it('each format’s generation endpoint', () => {
    expect(generationEndpoint('chat')).toBe('chat');
    expect(generationEndpoint('messages')).toBe('messages');
    expect(generationEndpoint('responses')).toBe('responses');
  });
});
