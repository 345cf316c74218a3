import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BIN_FOLDER, requireCli } from '../support/agent-clis.js';
import { EKAI_BIN, freePort } from '../support/cli.js';
import {
  FAKE_KEYS,
  type FakeProvider,
  type ProviderName,
  startFakeProvider,
} from '../support/fake-provider/index.js';

requireCli('codex');

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** A scratch project: .ekairc.yaml pointing OpenAI and Anthropic at the fake, a file, an empty CODEX_HOME. */
async function project(): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'ekai-codex-'));
  mkdirSync(join(folder, '.codex'));
  writeFileSync(join(folder, 'notes.txt'), 'The answer is 42.\n');
  writeFileSync(
    join(folder, '.ekairc.yaml'),
    [
      `port: ${await freePort()}`,
      'db: ./usage.db',
      'providers:',
      `  openai: { apiKey: ${FAKE_KEYS.openai}, baseUrl: "${fake.baseUrl('openai')}" }`,
      `  anthropic: { apiKey: ${FAKE_KEYS.anthropic}, baseUrl: "${fake.baseUrl('anthropic')}" }`,
      '',
    ].join('\n'),
  );
  return folder;
}

function run(args: string[], folder: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [EKAI_BIN, ...args], {
    cwd: folder,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: `${BIN_FOLDER}:${dirname(process.execPath)}:/usr/bin:/bin`,
      HOME: folder,
      CODEX_HOME: join(folder, '.codex'),
    },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

const CASES: Array<{ name: string; model: string; provider: ProviderName; dialect: string }> = [
  { name: 'an OpenAI model (native Responses)', model: 'gpt-4o', provider: 'openai', dialect: 'responses' },
  {
    name: 'a Claude model (translated to Messages)',
    model: 'claude-sonnet-4',
    provider: 'anthropic',
    dialect: 'messages',
  },
];

describe('the real Codex CLI through `ekai codex`, offline', () => {
  it.each(CASES)(
    '$name: a turn with one tool call, exit 0, rows recorded as codex',
    async ({ model, provider, dialect }) => {
      const folder = await project();
      // Turn 1: the model runs a command with Codex's own exec_command tool.
      fake.script(
        { toolCalls: [{ name: 'exec_command', arguments: { cmd: 'cat notes.txt' } }] },
        { provider },
      );
      const result = await run(
        ['codex', 'exec', '--skip-git-repo-check', '-m', model, 'What does notes.txt say?'],
        folder,
      );
      expect(result.code, result.output).toBe(0);
      expect(result.output).toContain(`Hello from ${provider}!`);

      const turns = fake.requests.filter(
        (request) => request.provider === provider && request.dialect === dialect,
      );
      expect(turns).toHaveLength(2);
      // Turn 2 carries the command's result back (whatever the sandbox let it print).
      const second = JSON.stringify(turns[1]!.body);
      expect(second).toMatch(
        dialect === 'responses' ? /"type":"function_call_output"/ : /"type":"tool_result"/,
      );

      const db = new Database(join(folder, 'usage.db'), { readonly: true });
      const rows = db
        .prepare('SELECT provider, model, client_name, client_dialect, outcome, output_tokens FROM requests')
        .all() as Array<Record<string, unknown>>;
      db.close();
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row).toMatchObject({
          provider,
          model,
          client_name: 'codex',
          client_dialect: 'responses',
          outcome: 'ok',
        });
        expect(row.output_tokens).toBeGreaterThan(0);
      }
    },
    120_000,
  );
});
