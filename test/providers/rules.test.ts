/**
 * Each provider rule row, applied to a request arriving in each of the three wire formats: the
 * upstream body as forward.ts builds it (native: `applyProviderRules` on the client's body, as
 * `sameFormatBody` does; translated: `Bridge.request`, the converter then the same hook). Expected
 * values are written from the providers' documentation, not produced by ekai's code.
 */
import { describe, expect, it } from 'vitest';
import {
  applyProviderRules,
  PROFILES,
  type ProviderProfile,
  profileFor,
  type WireFormat,
} from '../../src/providers/index.js';
import { bridgeFor } from '../../src/proxy/bridges.js';

type Json = Record<string, unknown>;
type Client = WireFormat;

/** What goes upstream when a `client` request reaches `provider`'s `model` over `upstream`. */
function upstreamRequest(
  client: Client,
  upstream: WireFormat,
  provider: string,
  model: string,
  body: Json,
  maxOutput?: number,
): { body: Json; warnings: string[] } {
  const profile = profileFor(provider);
  if (client === upstream) {
    const ruled = applyProviderRules(profile, { body, format: client, model, maxOutput });
    return { body: ruled.body, warnings: ruled.warnings };
  }
  const bridge = bridgeFor(client, upstream);
  if (!bridge) throw new Error(`no translation ${client} -> ${upstream}`);
  const translated = bridge.request(structuredClone(body), { upstreamModel: model, maxOutput, profile });
  return { body: translated.body as Json, warnings: translated.warnings };
}

const hiChat = [{ role: 'user', content: 'hi' }];
const hiMessages = [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }];
/**
 * `hiMessages` as a Chat or Responses client's request reaches Messages: ekai marks the last block of
 * the last message as a cache breakpoint for clients that cannot mark one (no system prompt or tools
 * here, so that is the only mark; src/formats/anthropic-messages/cache-breakpoints.ts).
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
 */
const hiMessagesCached = [
  { role: 'user', content: [{ type: 'text', text: 'hi', cache_control: { type: 'ephemeral' } }] },
];

/** Rule ids a test below covers; every row of every profile must be among them. */
const COVERED = new Set<string>();
function rule(id: string, tests: () => void) {
  COVERED.add(id);
  describe(id, tests);
}

describe('OpenAI reasoning models on Chat (https://platform.openai.com/docs/guides/reasoning)', () => {
  rule('reasoning-max-completion-tokens', () => {
    it('chat client (native): max_tokens is sent as max_completion_tokens, in place, with a note', () => {
      const sent = upstreamRequest('chat', 'chat', 'openai', 'gpt-5', {
        model: 'gpt-5',
        max_tokens: 100,
        messages: hiChat,
      });
      expect(sent.body).toEqual({ model: 'gpt-5', max_completion_tokens: 100, messages: hiChat });
      expect(Object.keys(sent.body)).toEqual(['model', 'max_completion_tokens', 'messages']);
      expect(sent.warnings).toEqual([
        'max_tokens sent as max_completion_tokens: reasoning models take only that',
      ]);
    });

    it('chat client (native): a client sending both keeps its max_completion_tokens', () => {
      const sent = upstreamRequest('chat', 'chat', 'openai', 'o3', {
        model: 'o3',
        messages: hiChat,
        max_tokens: 100,
        max_completion_tokens: 200,
      });
      expect(sent.body).toEqual({ model: 'o3', messages: hiChat, max_completion_tokens: 200 });
    });

    it('messages client: its max_tokens becomes max_completion_tokens, silently (ekai chose the name)', () => {
      const sent = upstreamRequest('messages', 'chat', 'openai', 'codex-mini-latest', {
        model: 'claude-sonnet-4-5',
        max_tokens: 100,
        messages: hiChat,
      });
      expect(sent.body).toEqual({ model: 'codex-mini-latest', messages: hiChat, max_completion_tokens: 100 });
      expect(sent.warnings).toEqual([]);
    });

    it('responses client: max_output_tokens becomes max_completion_tokens', () => {
      const sent = upstreamRequest('responses', 'chat', 'openai', 'gpt-5-codex', {
        model: 'gpt-5-codex',
        input: 'hi',
        max_output_tokens: 100,
      });
      expect(sent.body).toEqual({ model: 'gpt-5-codex', messages: hiChat, max_completion_tokens: 100 });
      expect(sent.warnings).toEqual([]);
    });

    it.each(['gpt-4o', 'gpt-5-chat-latest', 'gpt-4.1'])(
      '%s is not a reasoning model: max_tokens stays',
      (model) => {
        const native = upstreamRequest('chat', 'chat', 'openai', model, {
          model,
          max_tokens: 100,
          messages: hiChat,
        });
        expect(native.body).toEqual({ model, max_tokens: 100, messages: hiChat });
        const messages = upstreamRequest('messages', 'chat', 'openai', model, {
          model,
          max_tokens: 100,
          messages: hiChat,
        });
        expect(messages.body).toEqual({ model, messages: hiChat, max_tokens: 100 });
      },
    );

    it('only OpenAI: the same gpt-5 through OpenRouter keeps max_tokens, as before', () => {
      const sent = upstreamRequest('messages', 'chat', 'openrouter', 'openai/gpt-5', {
        model: 'gpt-5',
        max_tokens: 100,
        messages: hiChat,
      });
      expect(sent.body).toEqual({ model: 'openai/gpt-5', messages: hiChat, max_tokens: 100 });
    });
  });

  rule('reasoning-default-sampling', () => {
    it('chat client (native): temperature and top_p are not sent; the default (1) goes silently', () => {
      const sent = upstreamRequest('chat', 'chat', 'openai', 'gpt-5', {
        model: 'gpt-5',
        messages: hiChat,
        temperature: 0.5,
        top_p: 1,
      });
      expect(sent.body).toEqual({ model: 'gpt-5', messages: hiChat });
      expect(sent.warnings).toEqual(['temperature not sent: reasoning models take only the default']);
    });

    it('messages client: both dropped, each with a note', () => {
      const sent = upstreamRequest('messages', 'chat', 'openai', 'o4-mini', {
        model: 'claude-sonnet-4-5',
        max_tokens: 10,
        messages: hiChat,
        temperature: 0.7,
        top_p: 0.9,
      });
      expect(sent.body).toEqual({ model: 'o4-mini', messages: hiChat, max_completion_tokens: 10 });
      expect(sent.warnings).toEqual([
        'temperature not sent: reasoning models take only the default',
        'top_p not sent: reasoning models take only the default',
      ]);
    });

    it('responses client: dropped with a note', () => {
      const sent = upstreamRequest('responses', 'chat', 'openai', 'gpt-5', {
        model: 'gpt-5',
        input: 'hi',
        temperature: 0.2,
      });
      expect(sent.body).toEqual({ model: 'gpt-5', messages: hiChat });
      expect(sent.warnings).toEqual(['temperature not sent: reasoning models take only the default']);
    });

    it('gpt-4o keeps its sampling', () => {
      const sent = upstreamRequest('chat', 'chat', 'openai', 'gpt-4o', {
        model: 'gpt-4o',
        messages: hiChat,
        temperature: 0.5,
        top_p: 0.9,
      });
      expect(sent.body).toEqual({ model: 'gpt-4o', messages: hiChat, temperature: 0.5, top_p: 0.9 });
    });
  });

  rule('reasoning-no-stop', () => {
    it('chat client (native): `stop` (a string here) is not sent', () => {
      const sent = upstreamRequest('chat', 'chat', 'openai', 'gpt-5', {
        model: 'gpt-5',
        messages: hiChat,
        stop: 'END',
      });
      expect(sent.body).toEqual({ model: 'gpt-5', messages: hiChat });
      expect(sent.warnings).toEqual(['stop not sent: reasoning models do not take `stop`']);
    });

    it('messages client: stop_sequences are not sent, named as the client sent them', () => {
      const sent = upstreamRequest('messages', 'chat', 'openai', 'gpt-5', {
        model: 'claude-sonnet-4-5',
        max_tokens: 10,
        messages: hiChat,
        stop_sequences: ['a', 'b', 'c', 'd', 'e'],
      });
      expect(sent.body).toEqual({ model: 'gpt-5', messages: hiChat, max_completion_tokens: 10 });
      // Not also "beyond the first 4": nothing is sent at all.
      expect(sent.warnings).toEqual(['stop_sequences not sent: reasoning models do not take `stop`']);
    });

    it('responses client: Responses has no stop sequences, so none can reach the model', () => {
      const sent = upstreamRequest('responses', 'chat', 'openai', 'gpt-5', {
        model: 'gpt-5',
        input: 'hi',
        stop: ['END'],
      });
      expect(sent.body).toEqual({ model: 'gpt-5', messages: hiChat });
      expect(sent.warnings).toEqual(['stop not sent: Chat has no equivalent']);
    });
  });
});

/** Every profile carries OpenAI's Chat limits for Chat upstreams, as every Chat upstream got them before. */
const CHAT_PROVIDERS = ['openai', 'xai', 'openrouter', 'zai', 'anthropic', 'a-user-catalog-provider'];

describe('OpenAI Chat limits (https://platform.openai.com/docs/api-reference/chat/create)', () => {
  rule('chat-stop-at-most-4', () => {
    it('openai, chat client (native): the first 4 stop sequences', () => {
      const sent = upstreamRequest('chat', 'chat', 'openai', 'gpt-4o', {
        model: 'gpt-4o',
        messages: hiChat,
        stop: ['a', 'b', 'c', 'd', 'e', 'f'],
      });
      expect(sent.body).toEqual({ model: 'gpt-4o', messages: hiChat, stop: ['a', 'b', 'c', 'd'] });
      expect(sent.warnings).toEqual(['stop beyond the first 4 dropped']);
    });

    // OpenAI's limit is ekai's guess only for bodies it writes: a client speaking another provider's
    // Chat API itself knows that provider's limits, and its body goes as sent.
    it.each(CHAT_PROVIDERS.filter((provider) => provider !== 'openai'))(
      '%s, chat client (native): stop sequences as sent',
      (provider) => {
        const stop = ['a', 'b', 'c', 'd', 'e', 'f'];
        const sent = upstreamRequest('chat', 'chat', provider, 'gpt-4o', {
          model: 'gpt-4o',
          messages: hiChat,
          stop,
        });
        expect(sent.body).toEqual({ model: 'gpt-4o', messages: hiChat, stop });
        expect(sent.warnings).toEqual([]);
      },
    );

    // grok-3: xAI's reasoning models take no stop at all (a rule of their own).
    it.each(CHAT_PROVIDERS)('%s, messages client: the first 4 stop_sequences', (provider) => {
      const sent = upstreamRequest('messages', 'chat', provider, 'grok-3', {
        model: 'claude-sonnet-4-5',
        max_tokens: 10,
        messages: hiChat,
        stop_sequences: ['a', 'b', 'c', 'd', 'e'],
      });
      expect(sent.body).toEqual({
        model: 'grok-3',
        messages: hiChat,
        max_tokens: 10,
        stop: ['a', 'b', 'c', 'd'],
      });
      expect(sent.warnings).toEqual(['stop_sequences beyond the first 4 dropped']);
    });

    it('responses client: Responses has no stop sequences', () => {
      const sent = upstreamRequest('responses', 'chat', 'xai', 'grok-4', {
        model: 'grok-4',
        input: 'hi',
        stop: ['a', 'b', 'c', 'd', 'e'],
      });
      expect(sent.body).not.toHaveProperty('stop');
    });

    it('4 or fewer, or a single string, go as they are', () => {
      const four = { model: 'gpt-4o', messages: hiChat, stop: ['a', 'b', 'c', 'd'] };
      expect(upstreamRequest('chat', 'chat', 'openai', 'gpt-4o', four).body).toBe(four);
      const one = { model: 'gpt-4o', messages: hiChat, stop: 'a' };
      expect(upstreamRequest('chat', 'chat', 'openai', 'gpt-4o', one).body).toBe(one);
    });
  });

  rule('responses-user-at-most-64', () => {
    const longId = 'user-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789'; // 70 characters
    // sha256 of longId, computed with `printf '%s' … | sha256sum`.
    const hashed = '282e19427f6b19e9bc58b4acc9a77a843eaad46aa57d2f068be5789298dd9783';

    it('openai, responses client (native): a longer user is sent as its SHA-256, noted', () => {
      const sent = upstreamRequest('responses', 'responses', 'openai', 'gpt-6.2-sol', {
        model: 'gpt-6.2-sol',
        input: 'hi',
        user: longId,
      });
      expect(sent.body).toEqual({ model: 'gpt-6.2-sol', input: 'hi', user: hashed });
      expect(sent.warnings).toEqual(['user longer than 64 characters sent as its SHA-256']);
    });

    it('openai, messages client (Claude Code on gpt-6.2-sol): metadata.user_id hashed silently', () => {
      const sent = upstreamRequest('messages', 'responses', 'openai', 'gpt-6.2-sol', {
        model: 'gpt-6.2-sol',
        max_tokens: 100,
        messages: hiChat,
        metadata: { user_id: longId },
      });
      expect(sent.body.user).toBe(hashed);
      expect(sent.warnings).toEqual([]);
    });
  });

  rule('chat-user-at-most-64', () => {
    const longId = 'user-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789'; // 70 characters
    // sha256 of longId, computed with `printf '%s' … | sha256sum`.
    const hashed = '282e19427f6b19e9bc58b4acc9a77a843eaad46aa57d2f068be5789298dd9783';

    it('openai, chat client (native): a longer user is sent as its SHA-256', () => {
      const sent = upstreamRequest('chat', 'chat', 'openai', 'gpt-4o', {
        model: 'gpt-4o',
        messages: hiChat,
        user: longId,
      });
      expect(sent.body).toEqual({ model: 'gpt-4o', messages: hiChat, user: hashed });
      expect(sent.warnings).toEqual(['user longer than 64 characters sent as its SHA-256']);
    });

    it.each(CHAT_PROVIDERS.filter((provider) => provider !== 'openai'))(
      '%s, chat client (native): user as sent',
      (provider) => {
        const sent = upstreamRequest('chat', 'chat', provider, 'gpt-4o', {
          model: 'gpt-4o',
          messages: hiChat,
          user: longId,
        });
        expect(sent.body).toEqual({ model: 'gpt-4o', messages: hiChat, user: longId });
        expect(sent.warnings).toEqual([]);
      },
    );

    it.each(CHAT_PROVIDERS)('%s, messages client: metadata.user_id, hashed silently', (provider) => {
      const sent = upstreamRequest('messages', 'chat', provider, 'gpt-4o', {
        model: 'claude-sonnet-4-5',
        max_tokens: 10,
        messages: hiChat,
        metadata: { user_id: longId },
      });
      expect(sent.body).toEqual({ model: 'gpt-4o', messages: hiChat, max_tokens: 10, user: hashed });
      expect(sent.warnings).toEqual([]);
    });

    it.each(CHAT_PROVIDERS)('%s, responses client: safety_identifier, hashed silently', (provider) => {
      const sent = upstreamRequest('responses', 'chat', provider, 'grok-4', {
        model: 'grok-4',
        input: 'hi',
        safety_identifier: longId,
      });
      expect(sent.body).toEqual({ model: 'grok-4', messages: hiChat, user: hashed });
      expect(sent.warnings).toEqual([]);
    });

    it('64 characters or fewer go as they are', () => {
      const id = longId.slice(0, 64);
      const sent = upstreamRequest('messages', 'chat', 'openai', 'gpt-4o', {
        model: 'claude-sonnet-4-5',
        max_tokens: 10,
        messages: hiChat,
        metadata: { user_id: id },
      });
      expect(sent.body.user).toBe(id);
    });

    it('a Messages upstream keeps the id whole (metadata.user_id has no such limit)', () => {
      const sent = upstreamRequest('responses', 'messages', 'anthropic', 'claude-sonnet-4', {
        model: 'claude-sonnet-4',
        input: 'hi',
        user: longId,
      });
      expect(sent.body.metadata).toEqual({ user_id: longId });
    });
  });
});

describe('Claude models on Messages', () => {
  rule('adaptive-thinking', () => {
    // https://docs.anthropic.com/en/docs/build-with-claude/adaptive-thinking
    it.each([
      ['chat', 'reasoning_effort', { messages: hiChat, max_tokens: 1000, reasoning_effort: 'high' }, 'high'],
      [
        'responses',
        'reasoning.effort',
        { input: 'hi', max_output_tokens: 1000, reasoning: { effort: 'medium' } },
        'medium',
      ],
    ] as const)(
      '%s client: %s becomes adaptive thinking at that effort, max_tokens unchanged',
      (client, _field, request, effort) => {
        const model = 'claude-opus-4-7';
        const sent = upstreamRequest(client, 'messages', 'anthropic', model, { model, ...request }, 128000);
        expect(sent.body).toEqual({
          model,
          messages: hiMessagesCached,
          max_tokens: 1000,
          thinking: { type: 'adaptive' },
          output_config: { effort },
        });
        expect(Object.keys(sent.body)).toEqual([
          'model',
          'messages',
          'max_tokens',
          'thinking',
          'output_config',
        ]);
        expect(sent.warnings).toEqual([]);
      },
    );

    it('messages client (native): a thinking budget, which this model refuses, becomes adaptive', () => {
      const sent = upstreamRequest('messages', 'messages', 'anthropic', 'claude-opus-4-7', {
        model: 'claude-opus-4-7',
        max_tokens: 8000,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        messages: hiMessages,
      });
      expect(sent.body).toEqual({
        model: 'claude-opus-4-7',
        max_tokens: 8000,
        thinking: { type: 'adaptive' },
        messages: hiMessages,
      });
      expect(sent.warnings).toEqual([
        'thinking.budget_tokens not sent: this model thinks adaptively, steered by output_config.effort',
      ]);
    });

    it('claude-sonnet-4-5 takes a budget (extended thinking): max_tokens grows to make room', () => {
      // https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking: budget_tokens < max_tokens.
      const sent = upstreamRequest(
        'chat',
        'messages',
        'anthropic',
        'claude-sonnet-4-5',
        { model: 'claude-sonnet-4-5', messages: hiChat, max_tokens: 1000, reasoning_effort: 'high' },
        64000,
      );
      // High thinks in a quarter of the model's output limit (64,000 / 4).
      expect(sent.body).toEqual({
        model: 'claude-sonnet-4-5',
        messages: hiMessagesCached,
        max_tokens: 17000,
        thinking: { type: 'enabled', budget_tokens: 16000 },
      });
      expect(sent.warnings).toEqual(['max_tokens raised from 1000 to 17000 to make room for thinking']);
      const native = {
        model: 'claude-sonnet-4-5',
        max_tokens: 8000,
        thinking: { type: 'enabled', budget_tokens: 2048 },
      };
      expect(upstreamRequest('messages', 'messages', 'anthropic', 'claude-sonnet-4-5', native).body).toBe(
        native,
      );
    });
  });

  rule('one-sampler', () => {
    // https://docs.anthropic.com/en/docs/about-claude/models/migrating-to-claude-4
    const note = 'top_p dropped: this model takes temperature or top_p, not both';

    it.each([
      ['chat', 'claude-sonnet-4-5', { messages: hiChat, max_tokens: 100 }],
      ['responses', 'claude-haiku-4-5', { input: 'hi', max_output_tokens: 100 }],
    ] as const)('%s client (%s): temperature stays, top_p goes', (client, model, request) => {
      const sent = upstreamRequest(client, 'messages', 'anthropic', model, {
        model,
        ...request,
        temperature: 0.5,
        top_p: 0.9,
      });
      expect(sent.body).toEqual({ model, messages: hiMessagesCached, max_tokens: 100, temperature: 0.5 });
      expect(sent.warnings).toEqual([note]);
    });

    // Opus 4.7 and later take only the default sampling (default-sampling-only).
    it('messages client (native): likewise', () => {
      const sent = upstreamRequest('messages', 'messages', 'anthropic', 'claude-sonnet-4-6', {
        model: 'claude-sonnet-4-6',
        max_tokens: 100,
        temperature: 0.5,
        top_p: 0.9,
        messages: hiMessages,
      });
      expect(sent.body).toEqual({
        model: 'claude-sonnet-4-6',
        max_tokens: 100,
        temperature: 0.5,
        messages: hiMessages,
      });
      expect(sent.warnings).toEqual([note]);
    });

    it('claude-sonnet-4, top_p alone, and other providers keep what was sent', () => {
      const both = {
        model: 'claude-sonnet-4',
        max_tokens: 100,
        temperature: 0.5,
        top_p: 0.9,
        messages: hiMessages,
      };
      expect(upstreamRequest('messages', 'messages', 'anthropic', 'claude-sonnet-4', both).body).toBe(both);
      const topP = { model: 'claude-sonnet-4-5', max_tokens: 100, top_p: 0.9, messages: hiMessages };
      expect(upstreamRequest('messages', 'messages', 'anthropic', 'claude-sonnet-4-5', topP).body).toBe(topP);
      const glm = { model: 'glm-4.6', max_tokens: 100, temperature: 0.5, top_p: 0.9, messages: hiMessages };
      expect(upstreamRequest('messages', 'messages', 'zai', 'glm-4.6', glm).body).toBe(glm);
    });
  });
});

describe('notes keep the request’s order among the converter’s warnings', () => {
  it('messages client on gpt-5: sampling notes before the fields Chat has no equivalent for', () => {
    const sent = upstreamRequest('messages', 'chat', 'openai', 'gpt-5', {
      model: 'claude-sonnet-4-5',
      max_tokens: 10,
      messages: hiChat,
      temperature: 0.5,
      top_k: 5,
    });
    expect(sent.warnings).toEqual([
      'temperature not sent: reasoning models take only the default',
      'top_k not sent: Chat has no equivalent',
    ]);
  });

  it('chat client on claude-sonnet-4-5: one-sampler note after the clamp, before the stop sequences', () => {
    const sent = upstreamRequest('chat', 'messages', 'anthropic', 'claude-sonnet-4-5', {
      model: 'claude-sonnet-4-5',
      messages: hiChat,
      temperature: 1.6,
      top_p: 0.9,
      stop: ['  ', 'END'],
    });
    expect(sent.warnings).toEqual([
      'temperature 1.6 clamped to 1 (Messages accepts 0 to 1)',
      'top_p dropped: this model takes temperature or top_p, not both',
      'whitespace-only stop sequences dropped: Messages rejects them',
    ]);
  });

  it('responses client on claude-sonnet-4: the budget note before the sampling dropped for thinking', () => {
    const sent = upstreamRequest('responses', 'messages', 'anthropic', 'claude-sonnet-4', {
      model: 'claude-sonnet-4',
      input: 'hi',
      max_output_tokens: 1000,
      reasoning: { effort: 'low' },
      temperature: 0.5,
    });
    expect(sent.body).toMatchObject({ max_tokens: 2024, thinking: { type: 'enabled', budget_tokens: 1024 } });
    expect(sent.warnings).toEqual([
      'max_tokens raised from 1000 to 2024 to make room for thinking',
      'temperature dropped: not allowed with thinking on',
    ]);
  });
});

/** A body the client sent in the provider's own format, through the provider's rules. */
function native(provider: string, format: Client, body: Json) {
  return upstreamRequest(format, format, provider, String(body.model), body);
}
const weather = { type: 'function', function: { name: 'weather', parameters: { type: 'object' } } };

describe('today’s Claude models (reference/current-models.md, Anthropic)', () => {
  rule('no-prefill', () => {
    // https://platform.claude.com/docs/en/about-claude/models/whats-new-claude-4-6#prefill-removal
    const prefill = [...hiMessages, { role: 'assistant', content: [{ type: 'text', text: '{' }] }];
    it.each([
      ['messages', { model: 'claude-opus-5-5', max_tokens: 10, messages: prefill }],
      ['chat', { model: 'claude-opus-5-5', messages: [...hiChat, { role: 'assistant', content: '{' }] }],
    ] as const)('%s client: refused before anything is sent, naming the model', (client, body) => {
      expect(() => upstreamRequest(client, 'messages', 'anthropic', 'claude-sonnet-4-6', body)).toThrow(
        expect.objectContaining({
          status: 400,
          param: 'messages',
          message:
            'claude-sonnet-4-6 does not take an assistant prefill: the conversation must end with a user turn',
        }),
      );
    });

    it('claude-sonnet-4-5 still takes one', () => {
      const body = { model: 'claude-sonnet-4-5', max_tokens: 10, messages: prefill };
      expect(native('anthropic', 'messages', body).body).toBe(body);
    });
  });

  rule('no-computer-20251124', () => {
    // current-models.md, Anthropic rule 8: computer_20251124 errors on the 5.5 models and Fable 5.2.
    const computer = {
      type: 'computer_20251124',
      name: 'computer',
      display_width_px: 1280,
      display_height_px: 800,
    };
    it.each(['claude-opus-5-5', 'claude-sonnet-5-5', 'claude-haiku-5-5', 'claude-fable-5-2'])(
      '%s (native): refused before anything is sent, naming the tool',
      (model) => {
        const body = { model, max_tokens: 10, tools: [computer], messages: hiMessages };
        expect(() => native('anthropic', 'messages', body)).toThrow(
          expect.objectContaining({
            status: 400,
            param: 'tools',
            message: `${model} does not take the computer_20251124 tool: send another computer-use tool version, or another model`,
          }),
        );
      },
    );

    it('an earlier tool version on claude-opus-5-5, and computer_20251124 on claude-opus-4-7, pass', () => {
      const older = { ...computer, type: 'computer_20250124' };
      const onOpus55 = { model: 'claude-opus-5-5', max_tokens: 10, tools: [older], messages: hiMessages };
      expect(native('anthropic', 'messages', onOpus55).body).toBe(onOpus55);
      const onOpus47 = { model: 'claude-opus-4-7', max_tokens: 10, tools: [computer], messages: hiMessages };
      expect(native('anthropic', 'messages', onOpus47).body).toBe(onOpus47);
    });
  });

  rule('default-sampling-only', () => {
    // https://platform.claude.com/docs/en/about-claude/models/whats-new-claude-4-7#sampling-parameters-removed
    it('messages client (native): temperature and top_p are not sent; the default (1) silently', () => {
      const sent = native('anthropic', 'messages', {
        model: 'claude-opus-5-5',
        max_tokens: 10,
        temperature: 0.2,
        top_p: 1,
        messages: hiMessages,
      });
      expect(sent.body).toEqual({ model: 'claude-opus-5-5', max_tokens: 10, messages: hiMessages });
      expect(sent.warnings).toEqual([
        'temperature not sent: claude-opus-5-5 takes only the default sampling',
      ]);
    });

    it('chat client: likewise, before one-sampler could keep temperature', () => {
      const sent = upstreamRequest('chat', 'messages', 'anthropic', 'claude-sonnet-5', {
        model: 'claude-sonnet-5',
        max_tokens: 10,
        messages: hiChat,
        temperature: 0.5,
        top_p: 0.9,
      });
      expect(sent.body).not.toHaveProperty('temperature');
      expect(sent.body).not.toHaveProperty('top_p');
      expect(sent.warnings).toEqual([
        'temperature not sent: claude-sonnet-5 takes only the default sampling',
        'top_p not sent: claude-sonnet-5 takes only the default sampling',
      ]);
    });
  });

  rule('no-top-k', () => {
    it('messages client (native): top_k (no default to send) is not sent', () => {
      const sent = native('anthropic', 'messages', {
        model: 'claude-haiku-5-5',
        max_tokens: 10,
        top_k: 1,
        messages: hiMessages,
      });
      expect(sent.body).toEqual({ model: 'claude-haiku-5-5', max_tokens: 10, messages: hiMessages });
      expect(sent.warnings).toEqual(['top_k not sent: claude-haiku-5-5 takes only the default sampling']);
    });
  });

  rule('thinking-always-on', () => {
    // https://platform.claude.com/docs/en/models/opus-5-5/whats-new-opus-5-5
    const note = 'thinking disabled not sent: claude-opus-5-5 always thinks (a lower effort thinks less)';
    it('messages client (native): thinking {type: disabled} is not sent', () => {
      const sent = native('anthropic', 'messages', {
        model: 'claude-opus-5-5',
        max_tokens: 10,
        thinking: { type: 'disabled' },
        messages: hiMessages,
      });
      expect(sent.body).toEqual({ model: 'claude-opus-5-5', max_tokens: 10, messages: hiMessages });
      expect(sent.warnings).toEqual([note]);
    });

    it.each(['claude-fable-5', 'claude-fable-5-2', 'claude-mythos-5-1'])('%s too', (model) => {
      const sent = native('anthropic', 'messages', {
        model,
        max_tokens: 10,
        thinking: { type: 'disabled' },
        messages: hiMessages,
      });
      expect(sent.body).not.toHaveProperty('thinking');
    });

    it('claude-opus-5 may turn it off: sent as is', () => {
      const body = {
        model: 'claude-opus-5',
        max_tokens: 10,
        thinking: { type: 'disabled' },
        messages: hiMessages,
      };
      expect(native('anthropic', 'messages', body).body).toBe(body);
    });
  });

  rule('sonnet-5-5-between-tools', () => {
    // https://platform.claude.com/docs/en/models/sonnet-5-5/whats-new-sonnet-5-5
    it('messages client (native): disabled becomes between_tools, its lowest thinking', () => {
      const sent = native('anthropic', 'messages', {
        model: 'claude-sonnet-5-5',
        max_tokens: 10,
        thinking: { type: 'disabled' },
        messages: hiMessages,
      });
      expect(sent.body.thinking).toEqual({ type: 'between_tools' });
      expect(sent.warnings).toEqual([
        'thinking disabled sent as between_tools: claude-sonnet-5-5 cannot turn thinking off, this is its lowest',
      ]);
    });
  });

  rule('between-tools-up-to-high', () => {
    it('messages client (native): between_tools at xhigh goes at high', () => {
      const sent = native('anthropic', 'messages', {
        model: 'claude-sonnet-5-5',
        max_tokens: 10,
        thinking: { type: 'disabled' },
        output_config: { effort: 'xhigh' },
        messages: hiMessages,
      });
      expect(sent.body).toMatchObject({
        thinking: { type: 'between_tools' },
        output_config: { effort: 'high' },
      });
      expect(sent.warnings).toEqual([
        'thinking disabled sent as between_tools: claude-sonnet-5-5 cannot turn thinking off, this is its lowest',
        'output_config.effort xhigh sent as high: claude-sonnet-5-5 thinks between tools only up to effort high',
      ]);
    });
  });

  rule('disabled-up-to-high', () => {
    // https://platform.claude.com/docs/en/about-claude/models/whats-new-opus-5
    it.each(['claude-opus-5', 'claude-haiku-5-5'])('%s: thinking off at max goes at high', (model) => {
      const sent = native('anthropic', 'messages', {
        model,
        max_tokens: 10,
        thinking: { type: 'disabled' },
        output_config: { effort: 'max' },
        messages: hiMessages,
      });
      expect(sent.body).toMatchObject({ thinking: { type: 'disabled' }, output_config: { effort: 'high' } });
      expect(sent.warnings).toEqual([
        `output_config.effort max sent as high: ${model} turns thinking off only up to effort high`,
      ]);
    });
  });

  rule('no-effort', () => {
    it('claude-haiku-4-5 (native): output_config.effort is not sent, nor the object it leaves empty', () => {
      const sent = native('anthropic', 'messages', {
        model: 'claude-haiku-4-5',
        max_tokens: 10,
        output_config: { effort: 'low' },
        messages: hiMessages,
      });
      expect(sent.body).toEqual({ model: 'claude-haiku-4-5', max_tokens: 10, messages: hiMessages });
      expect(sent.warnings).toEqual(['output_config.effort not sent: claude-haiku-4-5 takes no effort']);
    });

    it('its other output_config fields stay', () => {
      const format = { type: 'json_schema', schema: { type: 'object' } };
      const sent = native('anthropic', 'messages', {
        model: 'claude-sonnet-4-5',
        max_tokens: 10,
        output_config: { effort: 'low', format },
        messages: hiMessages,
      });
      expect(sent.body.output_config).toEqual({ format });
    });
  });

  // https://platform.claude.com/docs/en/build-with-claude/effort
  rule('effort-low-to-high', () => {
    it('claude-opus-4-5: max goes at high', () => {
      const sent = native('anthropic', 'messages', {
        model: 'claude-opus-4-5',
        max_tokens: 10,
        output_config: { effort: 'max' },
        messages: hiMessages,
      });
      expect(sent.body.output_config).toEqual({ effort: 'high' });
      expect(sent.warnings).toEqual([
        'output_config.effort max sent as high: claude-opus-4-5 takes low/medium/high',
      ]);
    });
  });

  rule('effort-no-xhigh', () => {
    it('claude-sonnet-4-6: xhigh goes at high (never more than asked), max stays', () => {
      const xhigh = native('anthropic', 'messages', {
        model: 'claude-sonnet-4-6',
        max_tokens: 10,
        output_config: { effort: 'xhigh' },
        messages: hiMessages,
      });
      expect(xhigh.body.output_config).toEqual({ effort: 'high' });
      const max = {
        model: 'claude-opus-4-6',
        max_tokens: 10,
        output_config: { effort: 'max' },
        messages: hiMessages,
      };
      expect(native('anthropic', 'messages', max).body).toBe(max);
    });
  });

  rule('effort-low-to-max', () => {
    it('messages client (native): none (no Claude effort) goes at low', () => {
      const sent = native('anthropic', 'messages', {
        model: 'claude-opus-5-5',
        max_tokens: 10,
        thinking: { type: 'adaptive' },
        output_config: { effort: 'none' },
        messages: hiMessages,
      });
      expect(sent.body.output_config).toEqual({ effort: 'low' });
      expect(sent.warnings).toEqual([
        'output_config.effort none sent as low: claude-opus-5-5 takes low/medium/high/xhigh/max',
      ]);
    });

    it('chat client: high becomes adaptive thinking at high, as accepted', () => {
      const model = 'claude-fable-5-2';
      const sent = upstreamRequest(
        'chat',
        'messages',
        'anthropic',
        model,
        { model, messages: hiChat, max_tokens: 1000, reasoning_effort: 'high' },
        128000,
      );
      expect(sent.body).toMatchObject({ thinking: { type: 'adaptive' }, output_config: { effort: 'high' } });
    });
  });

  rule('no-forced-tool-choice', () => {
    // https://platform.claude.com/docs/en/models/opus-5-5/whats-new-opus-5-5
    const tools = [{ name: 'f', input_schema: { type: 'object' } }];
    it('messages client (native): a named tool becomes auto, keeping disable_parallel_tool_use', () => {
      const sent = native('anthropic', 'messages', {
        model: 'claude-opus-5-5',
        max_tokens: 10,
        tools,
        tool_choice: { type: 'tool', name: 'f', disable_parallel_tool_use: true },
        messages: hiMessages,
      });
      expect(sent.body.tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
      expect(sent.warnings).toEqual([
        'tool_choice tool became auto: claude-opus-5-5 cannot be forced to use a tool',
      ]);
    });

    it('chat client: required (any) becomes auto', () => {
      const sent = upstreamRequest('chat', 'messages', 'anthropic', 'claude-fable-5-2', {
        model: 'claude-fable-5-2',
        max_tokens: 10,
        messages: hiChat,
        tools: [weather],
        tool_choice: 'required',
      });
      expect(sent.body.tool_choice).toEqual({ type: 'auto' });
      expect(sent.warnings).toContain(
        'tool_choice any became auto: claude-fable-5-2 cannot be forced to use a tool',
      );
    });

    it('claude-opus-5 is still forced', () => {
      const body = {
        model: 'claude-opus-5',
        max_tokens: 10,
        tools,
        tool_choice: { type: 'any' },
        messages: hiMessages,
      };
      expect(native('anthropic', 'messages', body).body).toBe(body);
    });
  });
});

describe('today’s GPT models (reference/current-models.md, OpenAI)', () => {
  rule('reasoning-effort-style', () => {
    it('messages client on gpt-5.6-sol: Claude Code’s effort becomes reasoning_effort', () => {
      const sent = upstreamRequest('messages', 'chat', 'openai', 'gpt-5.6-sol', {
        model: 'claude-opus-5-5',
        max_tokens: 100,
        output_config: { effort: 'low' },
        messages: hiChat,
      });
      expect(sent.body).toEqual({
        model: 'gpt-5.6-sol',
        messages: hiChat,
        max_completion_tokens: 100,
        reasoning_effort: 'low',
      });
    });

    it('messages client on gpt-4o (no reasoning): no effort sent, and said so', () => {
      const sent = upstreamRequest('messages', 'chat', 'openai', 'gpt-4o', {
        model: 'claude-opus-5-5',
        max_tokens: 100,
        output_config: { effort: 'high' },
        messages: hiChat,
      });
      expect(sent.body).toEqual({ model: 'gpt-4o', messages: hiChat, max_tokens: 100 });
      expect(sent.warnings).toEqual(['reasoning effort high not sent: gpt-4o takes none here']);
    });

    it('responses (native, no translation): the client’s own reasoning is left as sent', () => {
      const body = { model: 'gpt-6.2-sol', input: 'hi', reasoning: { effort: 'high' } };
      expect(native('openai', 'responses', body).body).toBe(body);
    });
  });

  rule('chat-tools-need-responses', () => {
    it.each(['chat', 'messages'] as const)(
      '%s client on gpt-6.2-sol with function tools: 400 naming Responses',
      (client) => {
        const body =
          client === 'chat'
            ? { model: 'gpt-6.2-sol', messages: hiChat, tools: [weather] }
            : {
                model: 'gpt-6.2-sol',
                max_tokens: 10,
                messages: hiChat,
                tools: [{ name: 'weather', input_schema: { type: 'object' } }],
              };
        expect(() => upstreamRequest(client, 'chat', 'openai', 'gpt-6.2-sol', body)).toThrow(
          'gpt-6.2-sol takes function tools only through the Responses API (/v1/responses), not Chat Completions',
        );
      },
    );
  });

  rule('chat-tools-without-reasoning', () => {
    const note = (value: string, model: string) =>
      `reasoning_effort ${value} sent as none: ${model} takes function tools on Chat Completions only without reasoning (Responses takes both)`;
    it('chat client (native) on gpt-5.6-terra: high becomes none', () => {
      const sent = native('openai', 'chat', {
        model: 'gpt-5.6-terra',
        messages: hiChat,
        tools: [weather],
        reasoning_effort: 'high',
      });
      expect(sent.body).toEqual({
        model: 'gpt-5.6-terra',
        messages: hiChat,
        tools: [weather],
        reasoning_effort: 'none',
      });
      expect(sent.warnings).toEqual([note('high', 'gpt-5.6-terra')]);
    });

    it('gpt-6-sol with no effort (its default reasons): none is sent', () => {
      const sent = native('openai', 'chat', { model: 'gpt-6-sol', messages: hiChat, tools: [weather] });
      expect(sent.body.reasoning_effort).toBe('none');
      expect(sent.warnings).toEqual([note('default', 'gpt-6-sol')]);
    });

    it('gpt-5.4 with no effort (its default is none) is left alone; with one, it goes', () => {
      const plain = { model: 'gpt-5.4', messages: hiChat, tools: [weather] };
      expect(native('openai', 'chat', plain).body).toBe(plain);
      expect(native('openai', 'chat', { ...plain, reasoning_effort: 'low' }).body.reasoning_effort).toBe(
        'none',
      );
    });

    it('without function tools the effort stays', () => {
      const body = { model: 'gpt-5.6-terra', messages: hiChat, reasoning_effort: 'high' };
      expect(native('openai', 'chat', body).body).toBe(body);
    });
  });

  rule('effort-no-none', () => {
    it('chat client (native) on gpt-6.1-sol: minimal goes at low', () => {
      const sent = native('openai', 'chat', {
        model: 'gpt-6.1-sol',
        messages: hiChat,
        reasoning_effort: 'minimal',
      });
      expect(sent.body.reasoning_effort).toBe('low');
      expect(sent.warnings).toEqual([
        'reasoning_effort minimal sent as low: gpt-6.1-sol takes low/medium/high/xhigh/max',
      ]);
    });

    it('responses client (native) on gpt-6-astra: none goes at low', () => {
      const sent = native('openai', 'responses', {
        model: 'gpt-6-astra',
        input: 'hi',
        reasoning: { effort: 'none', summary: 'auto' },
      });
      expect(sent.body.reasoning).toEqual({ effort: 'low', summary: 'auto' });
    });

    it('messages client with thinking disabled on gpt-6.2-astra: the lowest it takes, low', () => {
      const sent = upstreamRequest('messages', 'chat', 'openai', 'gpt-6.2-astra', {
        model: 'claude-opus-5-5',
        max_tokens: 100,
        thinking: { type: 'disabled' },
        messages: hiChat,
      });
      expect(sent.body.reasoning_effort).toBe('low');
    });

    it('gpt-6.1-terra takes none', () => {
      const body = { model: 'gpt-6.1-terra', messages: hiChat, reasoning_effort: 'none' };
      expect(native('openai', 'chat', body).body).toBe(body);
    });
  });

  rule('chat-effort-no-max', () => {
    it('chat client (native) on gpt-6.2-sol: max goes at xhigh on Chat', () => {
      const sent = native('openai', 'chat', {
        model: 'gpt-6.2-sol',
        messages: hiChat,
        reasoning_effort: 'max',
      });
      expect(sent.body.reasoning_effort).toBe('xhigh');
      expect(sent.warnings).toEqual([
        'reasoning_effort max sent as xhigh: gpt-6.2-sol takes max only through the Responses API',
      ]);
      const responses = { model: 'gpt-6.2-sol', input: 'hi', reasoning: { effort: 'max' } };
      expect(native('openai', 'responses', responses).body).toBe(responses);
    });
  });

  rule('gpt-5-efforts', () => {
    it('gpt-5 takes no none: minimal instead', () => {
      const sent = native('openai', 'chat', { model: 'gpt-5', messages: hiChat, reasoning_effort: 'none' });
      expect(sent.body.reasoning_effort).toBe('minimal');
    });
  });

  rule('o-series-efforts', () => {
    it('o3 takes low to high', () => {
      const sent = native('openai', 'responses', {
        model: 'o3',
        input: 'hi',
        reasoning: { effort: 'xhigh' },
      });
      expect(sent.body.reasoning).toEqual({ effort: 'high' });
    });
  });

  rule('reasoning-no-logprobs', () => {
    it('chat client (native): logprobs true is not sent; false silently', () => {
      const sent = native('openai', 'chat', {
        model: 'gpt-5.6-sol',
        messages: hiChat,
        logprobs: true,
        top_logprobs: 2,
      });
      expect(sent.body).toEqual({ model: 'gpt-5.6-sol', messages: hiChat });
      expect(sent.warnings).toEqual([
        'logprobs not sent: reasoning models do not return log probabilities',
        'top_logprobs not sent: reasoning models do not return log probabilities',
      ]);
      expect(
        native('openai', 'chat', { model: 'gpt-5.6-sol', messages: hiChat, logprobs: false }).warnings,
      ).toEqual([]);
    });
  });

  rule('reasoning-no-penalties', () => {
    it('chat client (native) on gpt-6.2-sol: penalties are not sent; 0 silently', () => {
      const sent = native('openai', 'chat', {
        model: 'gpt-6.2-sol',
        messages: hiChat,
        presence_penalty: 0.5,
        frequency_penalty: 0,
      });
      expect(sent.body).toEqual({ model: 'gpt-6.2-sol', messages: hiChat });
      expect(sent.warnings).toEqual(['presence_penalty not sent: reasoning models take no penalties']);
    });
  });

  rule('responses-reasoning-default-sampling', () => {
    it('responses client (native): temperature is not sent', () => {
      const sent = native('openai', 'responses', {
        model: 'gpt-6.2-sol',
        input: 'hi',
        temperature: 0.3,
        top_p: 1,
      });
      expect(sent.body).toEqual({ model: 'gpt-6.2-sol', input: 'hi' });
      expect(sent.warnings).toEqual(['temperature not sent: reasoning models take only the default']);
    });
  });

  rule('responses-reasoning-no-top-logprobs', () => {
    it('responses client (native): top_logprobs is not sent', () => {
      const sent = native('openai', 'responses', { model: 'gpt-5.6-sol', input: 'hi', top_logprobs: 3 });
      expect(sent.body).toEqual({ model: 'gpt-5.6-sol', input: 'hi' });
    });
  });
});

describe('xAI and Z.AI (reference/current-models.md, xAI / Z.AI)', () => {
  rule('reasoning-no-penalties-or-stop', () => {
    it('chat client (native) on grok-4.7: penalties and stop are not sent', () => {
      const sent = native('xai', 'chat', {
        model: 'grok-4.7',
        messages: hiChat,
        presence_penalty: 0.3,
        frequency_penalty: 0,
        stop: ['END'],
      });
      expect(sent.body).toEqual({ model: 'grok-4.7', messages: hiChat });
      expect(sent.warnings).toEqual([
        'presence_penalty not sent: xAI reasoning models refuse it',
        'stop not sent: xAI reasoning models refuse it',
      ]);
    });

    it('messages client on grok-3-mini: its stop_sequences, under its own name', () => {
      const sent = upstreamRequest('messages', 'chat', 'xai', 'grok-3-mini', {
        model: 'grok-3-mini',
        max_tokens: 10,
        messages: hiChat,
        stop_sequences: ['END'],
      });
      expect(sent.body).not.toHaveProperty('stop');
      expect(sent.warnings).toEqual(['stop_sequences not sent: xAI reasoning models refuse it']);
    });

    it('the non-reasoning variants keep them', () => {
      const body = { model: 'grok-4.20-0309-non-reasoning', messages: hiChat, stop: ['END'] };
      expect(native('xai', 'chat', body).body).toBe(body);
    });
  });

  rule('no-effort-dial', () => {
    it('responses client on grok-4: reasoning.effort is not sent', () => {
      const sent = upstreamRequest('responses', 'chat', 'xai', 'grok-4', {
        model: 'grok-4',
        input: 'hi',
        reasoning: { effort: 'high' },
      });
      expect(sent.body).toEqual({ model: 'grok-4', messages: hiChat });
      expect(sent.warnings).toEqual([
        'reasoning_effort not sent: grok-4 reasons at its own pace and refuses an effort',
      ]);
    });

    it('grok-3-mini takes one', () => {
      const body = { model: 'grok-3-mini', messages: hiChat, reasoning_effort: 'high' };
      expect(native('xai', 'chat', body).body).toBe(body);
    });
  });

  rule('efforts', () => {
    it('messages client with thinking disabled on grok-4.7: none goes at low', () => {
      const sent = upstreamRequest('messages', 'chat', 'xai', 'grok-4.7', {
        model: 'grok-4.7',
        max_tokens: 10,
        thinking: { type: 'disabled' },
        messages: hiChat,
      });
      expect(sent.body.reasoning_effort).toBe('low');
      expect(sent.warnings).toEqual(['thinking none sent as low: grok-4.7 takes low/medium/high/xhigh']);
    });
  });

  rule('reasoning-object-style', () => {
    it('messages client on OpenRouter: the effort in OpenRouter’s reasoning object', () => {
      const sent = upstreamRequest('messages', 'chat', 'openrouter', 'openai/gpt-6-sol', {
        model: 'claude-opus-5-5',
        max_tokens: 10,
        output_config: { effort: 'max' },
        messages: hiChat,
      });
      expect(sent.body).toEqual({
        model: 'openai/gpt-6-sol',
        messages: hiChat,
        max_tokens: 10,
        reasoning: { effort: 'max' },
      });
    });
  });

  rule('glm-5-3-thinking-always-on', () => {
    it('messages client (native): thinking disabled is not sent', () => {
      const sent = native('zai', 'messages', {
        model: 'glm-5.3',
        max_tokens: 10,
        thinking: { type: 'disabled' },
        messages: hiMessages,
      });
      expect(sent.body).toEqual({ model: 'glm-5.3', max_tokens: 10, messages: hiMessages });
      expect(sent.warnings).toEqual([
        'thinking disabled not sent: glm-5.3 always thinks (a lower effort thinks less)',
      ]);
    });

    it('chat client with reasoning_effort none: disabled is rendered, then not sent', () => {
      const sent = upstreamRequest('chat', 'messages', 'zai', 'glm-5.3', {
        model: 'glm-5.3',
        max_tokens: 10,
        reasoning_effort: 'none',
        messages: hiChat,
      });
      expect(sent.body).not.toHaveProperty('thinking');
    });
  });

  rule('glm-5-3-max-tokens', () => {
    it('messages client (native): max_tokens above 131072 is sent as 131072', () => {
      const sent = native('zai', 'messages', { model: 'glm-5.3', max_tokens: 200000, messages: hiMessages });
      expect(sent.body.max_tokens).toBe(131072);
      expect(sent.warnings).toEqual(['max_tokens 200000 sent as 131072: the most glm-5.3 writes']);
    });
  });

  rule('glm-5-3-efforts', () => {
    it('chat (native): medium goes at low, xhigh at high', () => {
      const medium = native('zai', 'chat', {
        model: 'glm-5.3',
        messages: hiChat,
        reasoning_effort: 'medium',
      });
      expect(medium.body.reasoning_effort).toBe('low');
      const xhigh = native('zai', 'chat', { model: 'glm-5.3', messages: hiChat, reasoning_effort: 'xhigh' });
      expect(xhigh.body.reasoning_effort).toBe('high');
    });
  });
});

describe('OpenRouter Responses, stateless (https://openrouter.ai/docs/api/reference/responses/overview)', () => {
  rule('responses-store-false-only', () => {
    it('responses client (native): store true is not sent, noted; store false passes untouched', () => {
      const sent = upstreamRequest('responses', 'responses', 'openrouter', 'google/gemini-2.5-pro', {
        model: 'google/gemini-2.5-pro',
        input: 'hi',
        store: true,
      });
      expect(sent.body).toEqual({ model: 'google/gemini-2.5-pro', input: 'hi' });
      expect(sent.warnings).toEqual([
        'store not sent: OpenRouter keeps no responses (its Responses API is stateless)',
      ]);
      const stateless = { model: 'google/gemini-2.5-pro', input: 'hi', store: false };
      expect(
        upstreamRequest('responses', 'responses', 'openrouter', 'google/gemini-2.5-pro', stateless),
      ).toEqual({
        body: stateless,
        warnings: [],
      });
    });
  });

  rule('responses-no-previous-response', () => {
    it('responses client (native): previous_response_id is refused before anything is sent', () => {
      const body = { model: 'google/gemini-2.5-pro', input: 'hi', previous_response_id: 'resp_1' };
      expect(() =>
        upstreamRequest('responses', 'responses', 'openrouter', 'google/gemini-2.5-pro', body),
      ).toThrow(
        'OpenRouter keeps no responses to continue: send the whole conversation in `input` instead of previous_response_id',
      );
    });
  });
});

describe('the hook', () => {
  it('leaves a clean body alone: the same object, so forward.ts keeps splicing its raw text', () => {
    const body = { model: 'gpt-5', messages: hiChat, max_completion_tokens: 10 };
    const ruled = applyProviderRules(profileFor('openai'), { body, format: 'chat', model: 'gpt-5' });
    expect(ruled).toEqual({ body, warnings: [], changed: false });
    expect(ruled.body).toBe(body);
  });

  it('never changes the body it was given', () => {
    const body = { model: 'gpt-5', max_tokens: 10, messages: hiChat, stop: ['a', 'b', 'c', 'd', 'e'] };
    const before = structuredClone(body);
    const ruled = applyProviderRules(profileFor('openai'), { body, format: 'chat', model: 'gpt-5' });
    expect(ruled.changed).toBe(true);
    expect(body).toEqual(before);
  });

  it('applies rules of the body’s own format only', () => {
    const body = { model: 'gpt-5', max_tokens: 10, input: 'hi' };
    const ruled = applyProviderRules(profileFor('openai'), { body, format: 'responses', model: 'gpt-5' });
    expect(ruled.body).toBe(body);
  });

  it('every rule row of every profile is covered above', () => {
    const profiles: ProviderProfile[] = [...Object.values(PROFILES), profileFor('a-user-catalog-provider')];
    const ids = new Set(profiles.flatMap((profile) => profile.rules.map((row) => row.id)));
    expect([...ids].filter((id) => !COVERED.has(id))).toEqual([]);
  });
});
