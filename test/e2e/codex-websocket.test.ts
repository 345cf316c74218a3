/**
 * The real Codex 0.169 with its built-in OpenAI provider pointed at ekai (`openai_base_url`): that
 * provider talks Responses over WebSocket (`OpenAI-Beta: responses_websockets=2026-02-06`, on by
 * default; it falls back to HTTP only after 5 failed reconnects, which costs seconds and logs
 * "Reconnecting... n/5" then "Falling back from WebSockets to HTTPS transport"). A tool turn must
 * complete on a native model and on a translated one over the socket, with none of that in the log.
 * Offline: the gateway runs in this process against the strict fake; Codex gets a scratch HOME.
 */
import { describe, expect, it } from 'vitest';
import { requireCli } from '../support/agent-clis.js';
import { builtInProviderFolder, runCodex } from '../support/ekai-codex.js';
import type { FakeProvider, ProviderName } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

requireCli('codex');

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

/** A scratch project with a file to read and an empty CODEX_HOME whose config points OpenAI at ekai. */
const project = () => builtInProviderFolder(gateway.url, []);
const codex = runCodex;

const CASES: Array<{ model: string; provider: ProviderName; dialect: string; toolResult: RegExp }> = [
  {
    model: 'gpt-6.2-sol',
    provider: 'openai',
    dialect: 'responses',
    toolResult: /"type":"function_call_output"/,
  },
  {
    model: 'claude-opus-5-5',
    provider: 'anthropic',
    dialect: 'messages',
    toolResult: /"type":"tool_result"/,
  },
];

describe('the real Codex, built-in OpenAI provider, over the Responses WebSocket', () => {
  it.each(CASES)(
    '$model: a tool turn over one socket, no reconnect, no HTTP fallback, both rows recorded',
    async ({ model, provider, dialect, toolResult }) => {
      const folder = project();
      fake.script(
        { toolCalls: [{ name: 'exec_command', arguments: { cmd: 'cat notes.txt' } }] },
        { provider },
      );
      const before = gateway.recorder.events.length;
      const result = await codex(
        ['exec', '--skip-git-repo-check', '-m', model, 'What does notes.txt say?'],
        folder,
      );
      expect(result.code, result.output).toBe(0);
      expect(result.output).toContain(`Hello from ${provider}!`);
      expect(result.output).toContain('successfully connected to Responses WebSocket');
      for (const retry of [
        'Reconnecting',
        'Falling back from WebSockets',
        'failed to connect to Responses WebSocket',
      ])
        expect(result.output, retry).not.toContain(retry);

      const turns = fake.requests.filter(
        (request) => request.provider === provider && request.dialect === dialect,
      );
      expect(turns).toHaveLength(2);
      // Turn 2 came over the socket as the tool output and previous_response_id only: upstream it
      // carries the whole conversation, the user's question included.
      const second = JSON.stringify(turns[1]?.body);
      expect(second).toMatch(toolResult);
      expect(second).toContain('What does notes.txt say?');
      expect(second).not.toContain('previous_response_id');

      // The prewarm asks no model: two rows, both from Codex over /v1/responses.
      const events = gateway.recorder.events.slice(before);
      expect(events).toHaveLength(2);
      for (const event of events) {
        expect(event).toMatchObject({
          provider,
          model,
          clientName: 'codex',
          clientDialect: 'responses',
          endpoint: '/v1/responses',
          outcome: 'ok',
        });
        expect(event.outputTokens).toBeGreaterThan(0);
      }
    },
    120_000,
  );
});
