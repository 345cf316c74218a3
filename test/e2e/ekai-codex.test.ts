import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requireCli } from '../support/agent-clis.js';
import { codexProject, runEkaiCodex } from '../support/ekai-codex.js';
import { type FakeProvider, type ProviderName, startFakeProvider } from '../support/fake-provider/index.js';

requireCli('codex');

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** A scratch project: OpenAI and Anthropic on the fake, a file, an empty CODEX_HOME. */
const project = () => codexProject(fake, ['openai', 'anthropic'], { 'notes.txt': 'The answer is 42.\n' });
const run = runEkaiCodex;

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
