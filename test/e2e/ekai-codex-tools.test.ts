/**
 * The real Codex CLI (node_modules/.bin/codex, 0.169) on a Claude model through `ekai codex`,
 * offline, calling one of its own namespaced tools (issue 18, "Codex's own tools on every model").
 * Codex 0.169 sends its sub-agent tools as a `namespace` tool (`multi_agent_v1`); ekai sends them to
 * Anthropic as flat tools (`multi_agent_v1__spawn_agent`) and gives a call back to Codex as a
 * `function_call` with `namespace` restored. The scripted model calls spawn_agent once: Codex only
 * starts the sub-agent if it recognised the call, and the sub-agent's own first request (its
 * prompt as the user's message) reaching the fake proves it did. Everything else the fake answers
 * with its default text, so the parent's turn and the sub-agent's end.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requireCli } from '../support/agent-clis.js';
import { codexProject, runEkaiCodex } from '../support/ekai-codex.js';
import { type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';

requireCli('codex');

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const project = () => codexProject(fake, ['anthropic']);
const run = runEkaiCodex;

const SUB_AGENT_TASK = 'Count to three.';

describe('the real Codex on Claude through `ekai codex`: its namespaced sub-agent tools', () => {
  it('calls multi_agent_v1.spawn_agent, and the sub-agent starts', async () => {
    const folder = await project();
    fake.script(
      { toolCalls: [{ name: 'multi_agent_v1__spawn_agent', arguments: { message: SUB_AGENT_TASK } }] },
      { provider: 'anthropic' },
    );
    const result = await run(
      [
        'codex',
        'exec',
        '--skip-git-repo-check',
        '-m',
        'claude-sonnet-4',
        'Delegate counting to a sub-agent.',
      ],
      folder,
    );
    expect(result.code, result.output).toBe(0);

    const bodies = fake.requests
      .filter((request) => request.provider === 'anthropic' && request.dialect === 'messages')
      .map((request) => request.body as { tools?: Array<{ name: string }>; messages: unknown[] });
    // The first request offered the flattened tools.
    expect(bodies[0]?.tools?.map((tool) => tool.name)).toContain('multi_agent_v1__spawn_agent');
    // The sub-agent's own conversation: a first request with its task as the user's message.
    const started = bodies.filter(
      (body) => body.messages.length === 1 && JSON.stringify(body.messages).includes(SUB_AGENT_TASK),
    );
    expect(started).toHaveLength(1);
    // The parent got the call's result back, under the flat name it was sent as: the new agent's id.
    const answered = JSON.stringify(
      bodies.find((body) => JSON.stringify(body.messages).includes('"type":"tool_result"'))?.messages,
    );
    expect(answered).toContain('"name":"multi_agent_v1__spawn_agent"');
    expect(answered).toMatch(/"type":"tool_result","tool_use_id":"[^"]+","content":"\{\\"agent_id\\":/);
  }, 120_000);
});
