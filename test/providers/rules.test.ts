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
  upstream: 'chat' | 'messages',
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

    it.each(CHAT_PROVIDERS)('%s, messages client: the first 4 stop_sequences', (provider) => {
      const sent = upstreamRequest('messages', 'chat', provider, 'grok-4', {
        model: 'claude-sonnet-4-5',
        max_tokens: 10,
        messages: hiChat,
        stop_sequences: ['a', 'b', 'c', 'd', 'e'],
      });
      expect(sent.body).toEqual({
        model: 'grok-4',
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
          messages: hiMessages,
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
      expect(sent.body).toEqual({
        model: 'claude-sonnet-4-5',
        messages: hiMessages,
        max_tokens: 5096,
        thinking: { type: 'enabled', budget_tokens: 4096 },
      });
      expect(sent.warnings).toEqual(['max_tokens raised from 1000 to 5096 to make room for thinking']);
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
      expect(sent.body).toEqual({ model, messages: hiMessages, max_tokens: 100, temperature: 0.5 });
      expect(sent.warnings).toEqual([note]);
    });

    it('messages client (native): likewise', () => {
      const sent = upstreamRequest('messages', 'messages', 'anthropic', 'claude-opus-4-7', {
        model: 'claude-opus-4-7',
        max_tokens: 100,
        temperature: 0.5,
        top_p: 0.9,
        messages: hiMessages,
      });
      expect(sent.body).toEqual({
        model: 'claude-opus-4-7',
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
