/**
 * The real Codex 0.169 with its built-in OpenAI provider pointed at ekai (`openai_base_url`): that
 * provider talks Responses over WebSocket (`OpenAI-Beta: responses_websockets=2026-02-06`, on by
 * default; it falls back to HTTP only after 5 failed reconnects, which costs seconds and logs
 * "Reconnecting... n/5" then "Falling back from WebSockets to HTTPS transport"). A tool turn must
 * complete on a native model and on a translated one over the socket, with none of that in the log.
 * Offline: the gateway runs in this process against the strict fake; Codex gets a scratch HOME.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN_FOLDER, requireCli } from '../support/agent-clis.js';
import type { FakeProvider, ProviderName } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

const CODEX = requireCli('codex');

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

/** A scratch project with a file to read and an empty CODEX_HOME whose config points OpenAI at ekai. */
function project(): string {
  const folder = mkdtempSync(join(tmpdir(), 'ekai-codex-ws-'));
  mkdirSync(join(folder, '.codex'));
  writeFileSync(join(folder, 'notes.txt'), 'The answer is 42.\n');
  // The built-in provider, not a custom one: only its base URL changes.
  writeFileSync(join(folder, '.codex', 'config.toml'), `openai_base_url = "${gateway.url}/v1"\n`);
  return folder;
}

function codex(args: string[], folder: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(CODEX, args, {
    cwd: folder,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: `${BIN_FOLDER}:${dirname(process.execPath)}:/usr/bin:/bin`,
      HOME: folder,
      CODEX_HOME: join(folder, '.codex'),
      // `codex exec` sends it as Authorization: Bearer (the gateway has no keys here: any will do).
      CODEX_API_KEY: 'ekai-local',
      // Codex's transport log: the socket's connect, and any reconnect or fallback.
      RUST_LOG: 'codex_api=info,codex_core=warn',
    },
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

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
