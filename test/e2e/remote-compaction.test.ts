/**
 * The real Codex 0.169 with its built-in OpenAI provider pointed at ekai (`openai_base_url`, the
 * Responses WebSocket), forced to compact (`model_auto_compact_token_limit` below what one tool turn
 * uses): it compacts in band, with a `response.create` whose input ends with `compaction_trigger`,
 * and stops with "remote compaction v2 expected exactly one compaction output item" unless the
 * answer holds exactly one `compaction` item (codex-rs/core/src/compact_remote_v2.rs). On
 * claude-opus-5-5 ekai asks Claude for the summary and answers with that item; the turn completes,
 * and the request after the compaction carries the summary to Claude.
 * Offline: the gateway runs in this process against the strict fake; Codex gets a scratch HOME.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN_FOLDER, requireCli } from '../support/agent-clis.js';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

const CODEX = requireCli('codex');

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

const SUMMARY = 'Summary: notes.txt was read; it says the answer is 42.';

function project(): string {
  const folder = mkdtempSync(join(tmpdir(), 'ekai-codex-compact-'));
  mkdirSync(join(folder, '.codex'));
  writeFileSync(join(folder, 'notes.txt'), 'The answer is 42.\n');
  // The built-in provider (remote compaction v2 is its own), only its base URL changed.
  writeFileSync(
    join(folder, '.codex', 'config.toml'),
    `openai_base_url = "${gateway.url}/v1"\nmodel_auto_compact_token_limit = 2000\n`,
  );
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
      CODEX_API_KEY: 'ekai-local',
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

describe('the real Codex, built-in OpenAI provider, compacting on claude-opus-5-5', () => {
  it('one compaction item answers the trigger; the next request carries the summary', async () => {
    const folder = project();
    fake.script(
      { toolCalls: [{ name: 'exec_command', arguments: { cmd: 'cat notes.txt' } }] },
      { provider: 'anthropic' },
    );
    fake.script({ text: SUMMARY }, { provider: 'anthropic' });
    fake.script({ text: 'It says 42.' }, { provider: 'anthropic', count: 3 });
    const result = await codex(
      ['exec', '--skip-git-repo-check', '-m', 'claude-opus-5-5', 'What does notes.txt say?'],
      folder,
    );
    const bodies = fake.requests.map((request) => JSON.stringify(request.body));
    expect(result.output).not.toContain('expected exactly one compaction output item');
    expect(result.code, result.output).toBe(0);
    // The compaction went up as Codex's own checkpoint prompt, and came back as its summary message.
    const asked = bodies.findIndex((body) => body.includes('CONTEXT CHECKPOINT COMPACTION'));
    expect(asked, bodies.join('\n')).toBeGreaterThan(0);
    expect(bodies.slice(asked + 1).some((body) => body.includes(`analysis:\\n${SUMMARY}`))).toBe(true);
  }, 120_000);
});
