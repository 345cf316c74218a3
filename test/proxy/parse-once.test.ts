/**
 * Issue 16, "each upstream event in a translated stream is parsed once": the translation's reader is
 * also the stream's tap (usage, error, end), so no event is parsed a second time for the bill. A
 * spy on JSON.parse records every text parsed while translated streams pass through the gateway; an
 * upstream event's data parsed twice (once by a tap, once by a translator) shows as a duplicate.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;

withFakeAndGateway((started) => ({ fake, gateway } = started));
afterEach(() => {
  vi.restoreAllMocks();
});

/** Upstream event data: a Chat chunk or a Messages event (the request bodies look like neither). */
const UPSTREAM_EVENT = /"object":"chat\.completion\.chunk"|^\{"type":"(message_|content_block_|ping|error)/;

async function parsedWhileStreaming(path: string, body: object): Promise<string[]> {
  const parse = JSON.parse;
  const parsed: string[] = [];
  vi.spyOn(JSON, 'parse').mockImplementation(
    (text: string, reviver?: (key: string, value: unknown) => unknown) => {
      if (typeof text === 'string' && UPSTREAM_EVENT.test(text)) parsed.push(text);
      return parse(text, reviver);
    },
  );
  const recorded = gateway.nextEvents();
  const response = await fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ ...body, stream: true }),
  });
  const text = await response.text();
  const [event] = await recorded;
  vi.restoreAllMocks();
  expect(response.status, text).toBe(200);
  expect(event?.outputTokens).toBeGreaterThan(0);
  return parsed;
}

const duplicates = (texts: string[]) => texts.filter((text, index) => texts.indexOf(text) !== index);

describe('a translated stream parses each upstream event once', () => {
  it.each([
    ['Messages client on a Chat provider', '/v1/messages', 'gpt-4o', 'messages'],
    ['Chat client on a Messages provider', '/v1/chat/completions', 'claude-sonnet-4', 'chat'],
    ['Responses client on a Messages provider', '/v1/responses', 'claude-sonnet-4', 'responses'],
    ['Responses client on a Chat provider', '/v1/responses', 'grok-4', 'responses'],
  ])('%s', async (_name, path, model, client) => {
    const body =
      client === 'responses'
        ? { model, input: 'Say hi', max_output_tokens: 50 }
        : { model, max_tokens: 50, messages: [{ role: 'user', content: 'Say hi' }] };
    const parsed = await parsedWhileStreaming(path, body);
    // The usage-carrying events are among them: a separate tap would parse exactly those again.
    expect(parsed.some((text) => /"usage"/.test(text))).toBe(true);
    expect(duplicates(parsed)).toEqual([]);
  });
});
