/**
 * The fake's prompt cache behaves as Anthropic documents explicit prompt caching
 * (https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching), also on OpenRouter's Chat
 * API for `anthropic/*` models (https://openrouter.ai/docs/features/prompt-caching):
 * - the prefix up to a `cache_control` block (tools, system, messages) is written, then read by a
 *   later request with the same prefix, model and provider, within its lifetime;
 * - from a breakpoint the API looks back about 20 blocks for an earlier entry;
 * - prefixes below the model's minimum cacheable length are not cached;
 * - `input_tokens` is what was neither read nor written.
 * Expected numbers are computed here from the fake's documented estimate (README, "Usage":
 * `ceil(JSON.stringify({system, messages}).length / 4)`), on the prefix as sent without its marks.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeProvider, parseSse, postJson, startFakeProvider } from './support/fake-provider/index.js';

type Json = Record<string, unknown>;

let fake: FakeProvider;
let now = 0;
beforeAll(async () => {
  fake = await startFakeProvider({ clock: () => now });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  now = 0;
});

const MINUTE = 60_000;
const FIVE_MINUTES = { type: 'ephemeral' };
const ONE_HOUR = { type: 'ephemeral', ttl: '1h' };

/** The README's estimate, written out here rather than imported from the fake. */
const estimate = (system: unknown, messages: unknown[]): number =>
  Math.max(1, Math.ceil(JSON.stringify({ system, messages }).length / 4));

/** About 1,500 tokens of fixed text: above Sonnet 4.5's 1,024 minimum, below Haiku 4.5's 4,096. */
const LONG = Array.from(
  { length: 110 },
  (_, i) => `Rule ${i + 1}: read the file before you edit it, and say which file you read.`,
).join('\n');

const system = (cacheControl?: Json) => [
  { type: 'text', text: LONG, ...(cacheControl && { cache_control: cacheControl }) },
];
const user = (text: string, cacheControl?: Json) => ({
  role: 'user',
  content: [{ type: 'text', text, ...(cacheControl && { cache_control: cacheControl }) }],
});
const assistant = (text: string) => ({ role: 'assistant', content: [{ type: 'text', text }] });

interface MessagesUsage {
  input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
  cache_creation?: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

async function messages(body: Json): Promise<MessagesUsage> {
  const response = await postJson(fake, 'anthropic', 'messages', {
    model: 'claude-sonnet-4-5',
    max_tokens: 64,
    ...body,
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { usage: MessagesUsage }).usage;
}

const cached = (read: number, write: number, total: number) => ({
  cache_read_input_tokens: read,
  cache_creation_input_tokens: write,
  input_tokens: total - read - write,
});

describe('Anthropic Messages: a marked prefix is written, then read', () => {
  it('the system prompt: written by the first request, read by the next one', async () => {
    const first = [{ role: 'user', content: 'q1' }];
    const second = [{ role: 'user', content: 'q2, a longer question' }];
    const systemTokens = estimate(system(), []);

    const one = await messages({ system: system(FIVE_MINUTES), messages: first });
    expect(one).toMatchObject(cached(0, systemTokens, estimate(system(FIVE_MINUTES), first)));
    expect(one.cache_creation).toEqual({
      ephemeral_5m_input_tokens: systemTokens,
      ephemeral_1h_input_tokens: 0,
    });

    const two = await messages({ system: system(FIVE_MINUTES), messages: second });
    expect(two).toMatchObject(cached(systemTokens, 0, estimate(system(FIVE_MINUTES), second)));
  });

  it('the same request without any breakpoint is never cached', async () => {
    const body = { system: system(), messages: [{ role: 'user', content: 'q1' }] };
    await messages(body);
    expect(await messages(body)).toMatchObject(cached(0, 0, estimate(system(), body.messages)));
  });

  it('an agent turn reads what the previous turn wrote, its breakpoint having moved on', async () => {
    const turn1 = [user('q1', FIVE_MINUTES)];
    const one = await messages({ system: system(FIVE_MINUTES), messages: turn1 });
    const upToQ1 = estimate(system(), [user('q1')]);
    expect(one).toMatchObject(cached(0, upToQ1, estimate(system(FIVE_MINUTES), turn1)));

    // Like Claude Code: the mark leaves q1 for the newest user block.
    const turn2 = [user('q1'), assistant('a1'), user('q2', FIVE_MINUTES)];
    const two = await messages({ system: system(FIVE_MINUTES), messages: turn2 });
    const upToQ2 = estimate(system(), [user('q1'), assistant('a1'), user('q2')]);
    expect(two).toMatchObject(cached(upToQ1, upToQ2 - upToQ1, estimate(system(FIVE_MINUTES), turn2)));
  });

  it('a string content is the same prompt as its one text block', async () => {
    await messages({ system: system(FIVE_MINUTES), messages: [user('q1', FIVE_MINUTES)] });
    const turn2 = [{ role: 'user', content: 'q1' }, assistant('a1'), user('q2', FIVE_MINUTES)];
    const two = await messages({ system: system(FIVE_MINUTES), messages: turn2 });
    expect(two.cache_read_input_tokens).toBe(estimate(system(), [{ role: 'user', content: 'q1' }]));
  });

  it('the lookback reaches about 20 blocks back from a breakpoint, not further', async () => {
    const blocks = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ type: 'text', text: `note ${i}` }));
    const lastMarked = (count: number) => {
      const content: Json[] = blocks(count);
      content[count - 1] = { ...content[count - 1], cache_control: FIVE_MINUTES };
      return { role: 'user', content };
    };
    const upToQ1 = estimate(system(), [user('q1')]);

    await messages({ system: system(FIVE_MINUTES), messages: [user('q1', FIVE_MINUTES)] });
    // 10 blocks after q1's: found.
    const near = await messages({
      system: system(FIVE_MINUTES),
      messages: [user('q1'), assistant('a1'), lastMarked(9)],
    });
    expect(near.cache_read_input_tokens).toBe(upToQ1);

    fake.reset();
    await messages({ system: system(FIVE_MINUTES), messages: [user('q1', FIVE_MINUTES)] });
    // 30 blocks after q1's: only the system prompt's own breakpoint hits.
    const far = await messages({
      system: system(FIVE_MINUTES),
      messages: [user('q1'), assistant('a1'), lastMarked(29)],
    });
    expect(far.cache_read_input_tokens).toBe(estimate(system(), []));
  });

  it('one changed byte before the breakpoint, another model or fake.reset() → a fresh write', async () => {
    const body = { system: system(FIVE_MINUTES), messages: [{ role: 'user', content: 'q1' }] };
    const systemTokens = estimate(system(), []);
    await messages(body);

    const edited = [{ type: 'text', text: `${LONG}.`, cache_control: FIVE_MINUTES }];
    expect(await messages({ ...body, system: edited })).toMatchObject({ cache_read_input_tokens: 0 });
    expect(await messages({ ...body, model: 'claude-sonnet-4-6' })).toMatchObject({
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: systemTokens,
    });
    expect(await messages(body)).toMatchObject({ cache_read_input_tokens: systemTokens });
    fake.reset();
    expect(await messages(body)).toMatchObject({
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: systemTokens,
    });
  });

  it('changing thinking invalidates the cached messages, not the system prompt', async () => {
    const turn = [user('q1', FIVE_MINUTES)];
    await messages({ system: system(FIVE_MINUTES), messages: turn });
    const withThinking = await messages({
      system: system(FIVE_MINUTES),
      messages: turn,
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 1024 },
    });
    expect(withThinking.cache_read_input_tokens).toBe(estimate(system(), []));
  });

  it('a top-level cache_control marks the last block and moves with the conversation', async () => {
    const automatic = { type: 'ephemeral' };
    const turn1 = [{ role: 'user', content: 'q1' }];
    const one = await messages({ cache_control: automatic, system: LONG, messages: turn1 });
    expect(one).toMatchObject(cached(0, estimate(LONG, turn1), estimate(LONG, turn1)));

    const turn2 = [...turn1, assistant('a1'), { role: 'user', content: 'q2' }];
    const two = await messages({ cache_control: automatic, system: LONG, messages: turn2 });
    const upToQ2 = estimate(LONG, turn2);
    expect(two).toMatchObject(cached(estimate(LONG, turn1), upToQ2 - estimate(LONG, turn1), upToQ2));
  });

  it('streams report the same numbers in message_start and message_delta', async () => {
    const body = { system: system(FIVE_MINUTES), messages: [{ role: 'user', content: 'q1' }] };
    await messages(body);
    const response = await postJson(fake, 'anthropic', 'messages', {
      model: 'claude-sonnet-4-5',
      max_tokens: 64,
      stream: true,
      ...body,
    });
    const events = parseSse(await response.text()).map((event) => event.json as Json);
    const start = events.find((event) => event.type === 'message_start') as { message: { usage: Json } };
    const delta = events.find((event) => event.type === 'message_delta') as { usage: Json };
    const read = { cache_read_input_tokens: estimate(system(), []), cache_creation_input_tokens: 0 };
    expect(start.message.usage).toMatchObject(read);
    expect(delta.usage).toMatchObject(read);
  });
});

describe('minimum cacheable length, per model', () => {
  it('Haiku 4.5 needs 4,096 tokens: the same 1,500-token system prompt is not cached', async () => {
    const body = {
      model: 'claude-haiku-4-5',
      system: system(FIVE_MINUTES),
      messages: [{ role: 'user', content: 'q' }],
    };
    expect(estimate(system(), [])).toBeGreaterThan(1024);
    expect(estimate(system(), [])).toBeLessThan(4096);
    await messages(body);
    expect(await messages(body)).toMatchObject(cached(0, 0, estimate(system(FIVE_MINUTES), body.messages)));
  });

  it('a short system prompt is not cached on Sonnet 4.5 either', async () => {
    const short = [{ type: 'text', text: 'You are terse.', cache_control: FIVE_MINUTES }];
    const body = { system: short, messages: [{ role: 'user', content: 'q' }] };
    await messages(body);
    expect(await messages(body)).toMatchObject(cached(0, 0, estimate(short, body.messages)));
  });
});

describe('lifetimes: 5 minutes from the last use, or an hour', () => {
  const body = { system: system(FIVE_MINUTES), messages: [{ role: 'user', content: 'q' }] };

  it('each read refreshes the 5-minute entry; 5 idle minutes expire it', async () => {
    const systemTokens = estimate(system(), []);
    await messages(body);
    now = 4 * MINUTE;
    expect(await messages(body)).toMatchObject({ cache_read_input_tokens: systemTokens });
    now = 8 * MINUTE; // 4 minutes after the read
    expect(await messages(body)).toMatchObject({ cache_read_input_tokens: systemTokens });
    now = 13 * MINUTE + 1;
    expect(await messages(body)).toMatchObject({
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: systemTokens,
    });
  });

  it('a read found by the lookback refreshes that entry too', async () => {
    const upToQ1 = estimate(system(), [user('q1')]);
    await messages({ system: system(FIVE_MINUTES), messages: [user('q1', FIVE_MINUTES)] });
    now = 4 * MINUTE;
    const branch = (answer: string) => [user('q1'), assistant(answer), user('next', FIVE_MINUTES)];
    expect(await messages({ system: system(FIVE_MINUTES), messages: branch('a1') })).toMatchObject({
      cache_read_input_tokens: upToQ1,
    });
    now = 8 * MINUTE; // another branch from q1, 8 minutes after q1 was written, 4 after it was read
    expect(await messages({ system: system(FIVE_MINUTES), messages: branch('b1') })).toMatchObject({
      cache_read_input_tokens: upToQ1,
    });
  });

  it('ttl 1h outlives 5 minutes, and its writes are reported as 1-hour writes', async () => {
    const hour = { ...body, system: system(ONE_HOUR), messages: [user('q', FIVE_MINUTES)] };
    const systemTokens = estimate(system(), []);
    const upToQ = estimate(system(), [user('q')]);
    const one = await messages(hour);
    expect(one).toMatchObject({ cache_creation_input_tokens: upToQ });
    // 1h up to the last 1-hour breakpoint, 5m after it (the "mixing TTLs" billing).
    expect(one.cache_creation).toEqual({
      ephemeral_5m_input_tokens: upToQ - systemTokens,
      ephemeral_1h_input_tokens: systemTokens,
    });
    now = 30 * MINUTE;
    expect(await messages(hour)).toMatchObject({ cache_read_input_tokens: systemTokens });
  });
});

describe('OpenRouter Chat on anthropic/* models: cache_control on content parts', () => {
  const systemMessage = (cacheControl?: Json) => ({ role: 'system', content: system(cacheControl) });

  async function chat(model: string, messagesList: Json[]): Promise<Json> {
    const response = await postJson(fake, 'openrouter', 'chat', { model, messages: messagesList });
    expect(response.status).toBe(200);
    return ((await response.json()) as { usage: Json }).usage;
  }

  it('reports reads as cached_tokens and writes as cache_write_tokens, inside prompt_tokens', async () => {
    const first = [systemMessage(FIVE_MINUTES), { role: 'user', content: 'q1' }];
    const second = [systemMessage(FIVE_MINUTES), { role: 'user', content: 'q2' }];
    // Chat has no top-level system: the estimate is JSON.stringify({messages}).
    const systemTokens = estimate(undefined, [systemMessage()]);

    const one = await chat('anthropic/claude-sonnet-4.5', first);
    expect(one).toMatchObject({
      prompt_tokens: estimate(undefined, first),
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: systemTokens },
    });
    const two = await chat('anthropic/claude-sonnet-4.5', second);
    expect(two).toMatchObject({
      prompt_tokens: estimate(undefined, second),
      prompt_tokens_details: { cached_tokens: systemTokens, cache_write_tokens: 0 },
    });
  });

  it('other vendors’ models on OpenRouter are not simulated', async () => {
    const body = [systemMessage(FIVE_MINUTES), { role: 'user', content: 'q1' }];
    await chat('openai/gpt-4o', body);
    const two = await chat('openai/gpt-4o', body);
    expect(two).toMatchObject({ prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 } });
  });
});

describe('explicit scripts win', () => {
  const body = { system: system(FIVE_MINUTES), messages: [{ role: 'user', content: 'q1' }] };

  it('a [cache] marker keeps its fixed numbers', async () => {
    await messages(body);
    const marked = await messages({ ...body, messages: [{ role: 'user', content: '[cache] q1' }] });
    expect(marked).toMatchObject({
      input_tokens: 25,
      cache_read_input_tokens: 1200,
      cache_creation_input_tokens: 300,
    });
  });

  it('a scripted input count keeps the cache at zero', async () => {
    await messages(body);
    fake.script({ usage: { inputTokens: 7 } });
    expect(await messages(body)).toMatchObject({
      input_tokens: 7,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
    });
  });
});
