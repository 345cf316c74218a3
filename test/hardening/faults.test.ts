import { describe, expect, it } from 'vitest';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;

withFakeAndGateway((started) => ({ fake, gateway } = started));

function stream(model: string, tag: string, signal?: AbortSignal) {
  const path = model.startsWith('claude') ? '/v1/messages' : '/v1/chat/completions';
  return fetch(`${gateway.url}${path}`, {
    method: 'POST',
    signal: signal ?? null,
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-ekai-tag': tag },
    body: JSON.stringify({
      model,
      max_tokens: 50,
      stream: true,
      messages: [{ role: 'user', content: '[long 20] go' }],
    }),
  });
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** The usage event of the request tagged `tag`, once recorded (polled: requests finish in any order). */
async function eventFor(tag: string) {
  for (let poll = 0; poll < 200; poll++) {
    const event = gateway.recorder.events.find((each) => each.tag === tag);
    if (event) return event;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no usage event for ${tag}`);
}

describe('upstream faults', () => {
  it('an invalid JSON frame inside a stream is passed on, the stream goes on, usage is still read', async () => {
    fake.inject({ invalidJsonFrame: { afterChunks: 3 } }, { provider: 'anthropic' });
    const text = await (await stream('claude-sonnet-4', 'invalid-frame')).text();
    expect(text).toContain('data: {not json');
    expect(text).toContain('event: message_stop');
    const event = await eventFor('invalid-frame');
    expect(event).toMatchObject({ outcome: 'ok' });
    expect(event.outputTokens).toBe(20);
  });

  it('1,000 concurrent streams with random client aborts: each recorded once, right outcome; sockets back to baseline', async () => {
    const next = random(42);
    const baselineHandles = process.getActiveResourcesInfo().length;
    fake.inject({ chunkDelayMs: 2 }, { count: Number.POSITIVE_INFINITY });
    const before = gateway.recorder.events.length;
    const count = 1000;
    const aborted = new Set<string>();
    const results = await Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const tag = `soak-${index}`;
        const model = index % 2 ? 'claude-sonnet-4' : 'gpt-4o';
        const controller = new AbortController();
        const abortAfterChunks = next() < 0.3 ? 1 + Math.floor(next() * 5) : Number.POSITIVE_INFINITY;
        try {
          const response = await stream(model, tag, controller.signal);
          const reader = response.body!.getReader();
          for (let chunks = 0; ; chunks++) {
            if (chunks >= abortAfterChunks) {
              aborted.add(tag);
              controller.abort();
              return { tag, complete: false };
            }
            const { done } = await reader.read();
            if (done) return { tag, complete: true };
          }
        } catch {
          return { tag, complete: false };
        }
      }),
    );
    const events = (await gateway.waitForEvents(before + count)).slice(before);
    fake.reset();
    expect(events).toHaveLength(count);
    const byTag = new Map<string, (typeof events)[number][]>();
    for (const event of events) byTag.set(event.tag!, [...(byTag.get(event.tag!) ?? []), event]);
    expect(byTag.size).toBe(count);
    for (const { tag, complete } of results) {
      const [event, ...more] = byTag.get(tag) ?? [];
      expect(more, tag).toHaveLength(0);
      if (complete) expect(event?.outcome, tag).toBe('ok');
      else expect(event?.outcome, tag).toBe('aborted');
    }
    expect(aborted.size).toBeGreaterThan(200);

    // Nothing left running: upstream requests finished, gateway connections closed or idle, handles back.
    for (let poll = 0; poll < 100 && fake.activeRequests() > 0; poll++)
      await new Promise((r) => setTimeout(r, 20));
    expect(fake.activeRequests()).toBe(0);
    // Every client connection is idle (none stuck mid-request): closing the idle ones closes them all.
    const openConnections = () =>
      new Promise<number>((resolve) =>
        gateway.gateway.server.getConnections((_error, open) => resolve(open)),
      );
    for (let poll = 0; poll < 400 && (await openConnections()) > 0; poll++) {
      gateway.gateway.server.closeIdleConnections();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await openConnections()).toBe(0);
    for (let poll = 0; poll < 100; poll++) {
      if (process.getActiveResourcesInfo().length <= baselineHandles + 20) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(process.getActiveResourcesInfo().length).toBeLessThanOrEqual(baselineHandles + 20);
  }, 120_000);
});
