/**
 * A Codex session that moves to an OpenAI model carries reasoning items ekai made from another
 * provider's answer (`rs_…` with a summary, no `encrypted_content`). With `store: false` OpenAI keeps
 * nothing to look them up by, and answers 404 "Items are not persisted when `store` is set to false"
 * on this and every later turn (issue 18; the strict fake does the same). They are dropped on the
 * native path, with a note; items carrying their encrypted content go as sent.
 * @see https://platform.openai.com/docs/guides/reasoning#keeping-reasoning-items-in-context
 */
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

const openai = () => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });
const ASK = { role: 'user' as const, content: 'Why is the sky blue?' };
const ANSWERED = { role: 'assistant' as const, content: 'Rayleigh scattering.' };
const AGAIN = { role: 'user' as const, content: 'And sunsets?' };
/** What ekai's Responses writer made of Claude's thinking: a summary, nothing encrypted. */
const MADE_BY_EKAI = {
  type: 'reasoning' as const,
  id: 'rs_0123456789abcdef01234567',
  summary: [{ type: 'summary_text' as const, text: 'Think about scattering.' }],
};

describe('reasoning items OpenAI cannot look up (store: false)', () => {
  it('are dropped from the input with a note; 200', async () => {
    const { response } = await openai()
      .responses.create({ model: 'gpt-6.2-sol', store: false, input: [ASK, MADE_BY_EKAI, ANSWERED, AGAIN] })
      .withResponse();
    expect(response.status).toBe(200);
    expect(fake.lastRequest()).toMatchObject({ provider: 'openai', dialect: 'responses' });
    expect((fake.lastRequest()!.body as { input: unknown[] }).input).toEqual([ASK, ANSWERED, AGAIN]);
    expect(response.headers.get('x-ekai-warnings')).toBe(
      'dropped 1 reasoning item(s) without encrypted_content: with store false the provider keeps none to look up',
    );
  });

  it('an item with its encrypted content goes as the client sent it (spliced)', async () => {
    const own = { ...MADE_BY_EKAI, encrypted_content: 'gAAAAABopaque' };
    const body = { model: 'gpt-6.2-sol', store: false, input: [ASK, own, ANSWERED, AGAIN] };
    const { response } = await openai().responses.create(body).withResponse();
    expect(response.status).toBe(200);
    expect(fake.lastRequest()!.rawBody).toBe(JSON.stringify(body));
    expect(response.headers.get('x-ekai-warnings')).toBeNull();
  });

  it('with store left on, OpenAI looks items up itself: nothing is dropped', async () => {
    await openai().responses.create({ model: 'gpt-6.2-sol', input: [ASK, MADE_BY_EKAI, ANSWERED, AGAIN] });
    expect((fake.lastRequest()!.body as { input: unknown[] }).input).toHaveLength(4);
  });
});
