/**
 * Provider rules on the native (same-format) path, over HTTP against the strict fake: a request
 * the provider would refuse with a 400 is mended and answered, with a note in x-ekai-warnings; a
 * clean request still goes upstream byte for byte (the splicing fast path).
 */
import { describe, expect, it } from 'vitest';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;

withFakeAndGateway((started) => ({ fake, gateway } = started));

async function send(path: string, text: string) {
  const response = await fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: text,
  });
  const answer = await response.text();
  const upstream = fake.requests.find((request) => request.dialect !== 'count_tokens');
  return {
    status: response.status,
    answer,
    raw: upstream?.rawBody,
    sent: (upstream?.body ?? {}) as Record<string, unknown>,
    warnings: response.headers.get('x-ekai-warnings'),
  };
}

const hi = [{ role: 'user', content: 'hi' }];

describe('Chat client on an OpenAI reasoning model', () => {
  it('max_tokens, temperature and stop (each a 400 from OpenAI) are mended and noted', async () => {
    // gpt-5.1: served over Chat (the current GPT models go through Responses), retiring only in
    // 2027, so no retirement note joins these (gpt-5 retires on 2026-12-11).
    const body = { model: 'gpt-5.1', messages: hi, max_tokens: 100, temperature: 0.5, stop: ['END'] };
    const { status, answer, sent, warnings } = await send('/v1/chat/completions', JSON.stringify(body));
    expect(status, answer).toBe(200);
    expect(sent).toEqual({ model: 'gpt-5.1', messages: hi, max_completion_tokens: 100 });
    expect(warnings).toBe(
      'max_tokens sent as max_completion_tokens: reasoning models take only that; ' +
        'temperature not sent: reasoning models take only the default; ' +
        'stop not sent: reasoning models do not take `stop`',
    );
  });

  it('a clean request goes upstream as the client wrote it', async () => {
    const text =
      '{ "model" : "gpt-5", "messages":[{"role":"user","content":"hi"}],"max_completion_tokens":100}';
    const { status, raw, warnings } = await send('/v1/chat/completions', text);
    expect(status).toBe(200);
    expect(raw).toBe(text);
    expect(warnings).toBeNull();
  });
});

describe('Messages client on Claude', () => {
  it('a thinking budget on claude-opus-4-7 (a 400 from Anthropic) becomes adaptive thinking', async () => {
    const body = {
      model: 'claude-opus-4-7',
      max_tokens: 8000,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: hi,
    };
    const { status, answer, sent, warnings } = await send('/v1/messages', JSON.stringify(body));
    expect(status, answer).toBe(200);
    expect(sent.thinking).toEqual({ type: 'adaptive' });
    expect(warnings).toBe(
      'thinking.budget_tokens not sent: this model thinks adaptively, steered by output_config.effort',
    );
  });

  it('temperature and top_p on claude-sonnet-4-5 (a 400 from Anthropic): top_p goes', async () => {
    const body = { model: 'claude-sonnet-4-5', max_tokens: 10, temperature: 0.5, top_p: 0.9, messages: hi };
    const { status, answer, sent, warnings } = await send('/v1/messages', JSON.stringify(body));
    expect(status, answer).toBe(200);
    expect(sent).toMatchObject({ temperature: 0.5 });
    expect(sent).not.toHaveProperty('top_p');
    // Sonnet 4.5 retired on 2026-11-30 (still forwarded): that note comes first.
    expect(warnings).toBe(
      'model claude-sonnet-4-5 is retired since 2026-11-30; its successor is claude-sonnet-5-5; ' +
        'top_p dropped: this model takes temperature or top_p, not both',
    );
  });
});
