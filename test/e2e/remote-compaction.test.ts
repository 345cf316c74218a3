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
import { describe, expect, it } from 'vitest';
import { requireCli } from '../support/agent-clis.js';
import { builtInProviderFolder, runCodex } from '../support/ekai-codex.js';
import type { FakeProvider } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

requireCli('codex');

let fake: FakeProvider;
let gateway: TestGateway;
withFakeAndGateway((started) => ({ fake, gateway } = started));

const SUMMARY = 'Summary: notes.txt was read; it says the answer is 42.';

const project = () => builtInProviderFolder(gateway.url, ['model_auto_compact_token_limit = 2000']);
const codex = runCodex;

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
