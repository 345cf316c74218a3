import { stripVTControlCharacters } from 'node:util';
import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { LiveView } from '../../src/tui/live/live-view.js';
import { addToTotals, EMPTY_TOTALS } from '../../src/tui/live/totals.js';
import type { UsageEvent } from '../../src/usage/event.js';
import { LIVE_INFO as INFO, NOW, usageEvent } from './fixtures.js';

process.env.TZ = 'UTC';

const at = (seconds: number) => NOW.getTime() + seconds * 1000;

function sampleEvents(): UsageEvent[] {
  return [
    usageEvent({
      id: 'a',
      cacheReadTokens: 41_200,
      cacheWriteTokens: 1_300,
      costUsd: 0.0299,
      latencyMs: 4_210,
    }),
    usageEvent({
      id: 'b',
      ts: at(2),
      clientName: 'codex',
      clientDialect: 'chat',
      model: 'gpt-5',
      provider: 'openrouter',
      attempts: [
        { provider: 'openai', status: 429, durationMs: 90, error: 'rate limited' },
        { provider: 'openrouter', status: 200, durationMs: 3_000 },
      ],
      inputTokens: 18_200,
      outputTokens: 2_310,
      costUsd: 0.0459,
      latencyMs: 3_100,
    }),
    usageEvent({
      id: 'c',
      ts: at(5),
      status: 529,
      outcome: 'error',
      attempts: [{ provider: 'anthropic', status: 529, durationMs: 1_020, error: 'overloaded' }],
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      errorMessage: 'overloaded: Anthropic is overloaded\nretry later',
      latencyMs: 1_020,
    }),
    usageEvent({
      id: 'd',
      ts: at(7),
      clientName: null,
      clientDialect: 'chat',
      model: 'glm-4.6',
      provider: 'zai',
      attempts: [{ provider: 'zai', status: 200, durationMs: 830 }],
      costUsd: null,
      latencyMs: 830,
    }),
  ];
}

function render(events: UsageEvent[], columns = 80) {
  const totals = events.reduce(addToTotals, EMPTY_TOTALS);
  return stripVTControlCharacters(
    renderToString(<LiveView info={INFO} events={events} totals={totals} columns={columns} />, { columns }),
  );
}

describe('ekai serve live view', () => {
  it('renders the header, one line per request and the running totals at 80 columns', () => {
    expect(`\n${render(sampleEvents())}\n`).toBe(`
ekai 0.1.0 · gateway listening
  proxy      http://127.0.0.1:3001  OpenAI SDKs: add /v1 · Anthropic SDKs: as is
  dashboard  http://127.0.0.1:3000
  providers  openai, anthropic, openrouter
  no key     xai, zai
  config     /home/dev/.ekairc.yaml

TIME     HTTP CLIENT     MODEL           PROVIDER        IN   OUT     COST  TOOK
14:05:00 200  claude-cli claude-sonnet-4 anthropic    43.7k   350  $0.0299  4.2s
14:05:02 200  codex      gpt-5           …→openrouter 18.2k  2.3k  $0.0459  3.1s
14:05:05 529  claude-cli claude-sonnet-4 anthropic: overloaded: Anthropic…  1.0s
14:05:07 200  chat       glm-4.6         zai           1.2k   350        ? 830ms
────────────────────────────────────────────────────────────────────────────────
4 requests  1 error  in 63.1k  out 3.0k  $0.0758 +1 unpriced  since start
http://127.0.0.1:3001 · Ctrl-C to stop
`);
  });

  it('keeps every line within the width, wide or narrow', () => {
    for (const columns of [80, 100, 140]) {
      for (const line of render(sampleEvents(), columns).split('\n')) {
        expect(line.length, line).toBeLessThanOrEqual(columns);
      }
    }
  });

  it('spells the fallback chain out when there is room', () => {
    expect(render(sampleEvents(), 120)).toContain('openai→openrouter');
  });

  it('starts with an empty log and zero totals, never an invented spend', () => {
    const output = render([]);
    expect(output).toContain('0 requests  in 0  out 0  $0  since start');
    expect(output).toContain('Ctrl-C to stop');
  });

  it('calls spend unknown when no request so far had a price', () => {
    expect(render([usageEvent({ costUsd: null })])).toContain('spend unknown');
  });

  it('names providers that have no key, and says so when none has one', () => {
    const output = stripVTControlCharacters(
      renderToString(
        <LiveView
          info={{
            ...INFO,
            providers: [{ name: 'openai', configured: false }],
            urls: { proxy: INFO.urls.proxy },
          }}
          events={[]}
          totals={EMPTY_TOTALS}
          columns={80}
        />,
        { columns: 80 },
      ),
    );
    expect(output).toContain('none configured: set a provider API key');
    expect(output).not.toContain('dashboard');
  });
});

describe('records the database refused', () => {
  it('the footer says how many, at once, from the live store (no request need follow)', async () => {
    const { LiveStore } = await import('../../src/tui/live/live-store.js');
    const store = new LiveStore(10);
    store.setAside(2);
    expect(store.getSnapshot().setAside).toBe(2);
    const frame = stripVTControlCharacters(
      renderToString(<LiveView info={INFO} events={[]} totals={EMPTY_TOTALS} columns={80} setAside={2} />, {
        columns: 80,
      }),
    );
    expect(frame).toContain('2 usage records refused by the database, kept in usage_dead_letter');
    const none = stripVTControlCharacters(
      renderToString(<LiveView info={INFO} events={[]} totals={EMPTY_TOTALS} columns={80} />, {
        columns: 80,
      }),
    );
    expect(none).not.toContain('refused by the database');
  });
});
