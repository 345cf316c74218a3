/**
 * Reasoning text a Chat provider returns reaches the client in its own format (issue 17): xAI's
 * `reasoning_content` and OpenRouter's `reasoning` / `reasoning_details` become a Messages client's
 * thinking block (unsigned: only Anthropic signs thinking) and a Responses client's reasoning
 * summary, whole and streamed, through the real SDKs and the gateway against the strict fake
 * (whose `[thinking]` marker makes each provider reason in its recorded shape).
 * Shapes: https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking,
 * https://platform.openai.com/docs/api-reference/responses/object (reasoning items, summary_text).
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

/** The fake's reasoning text (scenarios.ts DEFAULT_THINKING). */
const THOUGHT = 'Let me think about what the user asked.';
/** `responsesVia`: where a Responses client goes (OpenRouter serves Responses itself: native). */
const CASES = [
  { provider: 'xai', model: 'grok-3-mini', field: 'reasoning_content', responsesVia: 'chat' },
  {
    provider: 'openrouter',
    model: 'gemini-2.5-pro',
    field: 'reasoning and reasoning_details',
    responsesVia: 'responses',
  },
] as const;

describe.each(CASES)('$provider ($field) → ', ({ provider, model, responsesVia }) => {
  const anthropic = () => new Anthropic({ baseURL: gateway.url, apiKey: 'client', maxRetries: 0 });
  const openai = () => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'client', maxRetries: 0 });
  const ask = '[thinking] Why is the sky blue?';

  it('a Messages client: a thinking block before the text, whole and streamed', async () => {
    const whole = await anthropic().messages.create({
      model,
      max_tokens: 512,
      messages: [{ role: 'user', content: ask }],
    });
    expect(fake.lastRequest()).toMatchObject({ provider, dialect: 'chat' });
    expect(whole.content[0]).toEqual({ type: 'thinking', thinking: THOUGHT, signature: '' });
    expect(whole.content[1]).toMatchObject({ type: 'text' });

    const streamed = await anthropic()
      .messages.stream({ model, max_tokens: 512, messages: [{ role: 'user', content: ask }] })
      .finalMessage();
    expect(streamed.content[0]).toEqual({ type: 'thinking', thinking: THOUGHT, signature: '' });
  });

  it('a Responses client: a reasoning item with the text as its summary, whole and streamed', async () => {
    const whole = await openai().responses.create({ model, input: ask });
    expect(fake.lastRequest()).toMatchObject({ provider, dialect: responsesVia });
    const reasoning = whole.output.find((item) => item.type === 'reasoning');
    expect(reasoning?.summary).toEqual([{ type: 'summary_text', text: THOUGHT }]);

    const stream = await openai().responses.create({ model, input: ask, stream: true });
    let summary = '';
    for await (const event of stream)
      if (event.type === 'response.reasoning_summary_text.delta') summary += event.delta;
    expect(summary).toBe(THOUGHT);
  });
});
