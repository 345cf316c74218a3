/**
 * The real Codex CLI (0.169) on Claude through `ekai codex`, offline (issue 18, done means 1):
 * a three-step tool loop with thinking on at every step — Claude's signed thinking travels in the
 * reasoning items' `encrypted_content`, which Codex echoes back, and comes back in place — with
 * Codex's sub-agent tools offered; then the same session resumed on gpt-6.2-sol (a model switch),
 * where the Claude-made reasoning items must not reach OpenAI.
 *
 * The strict fake signs thinking over its text, model and (5.5 models) exact prefix, refuses a
 * tool-result turn with thinking on whose calling turn lacks its thinking (Anthropic's rule), and
 * refuses on OpenAI any encrypted content OpenAI did not make.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#extended-thinking-with-tool-use
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

const project = () => codexProject(fake, ['openai', 'anthropic']);
const ekai = runEkaiCodex;

type Block = { type: string; name?: string };
type MessagesBody = {
  thinking?: { type: string };
  tools?: Array<{ name: string }>;
  messages: Array<{ role: string; content: Block[] | string }>;
};

/** Codex's ask, and what the scripted model does: two commands, then the answer, thinking each time. */
const ASK = 'Run two commands, then say done.';
function scriptLoop(): void {
  for (const cmd of ['echo one', 'echo two'])
    fake.script(
      { thinking: true, toolCalls: [{ name: 'exec_command', arguments: { cmd } }] },
      { provider: 'anthropic' },
    );
  fake.script({ thinking: true, text: 'Done.' }, { provider: 'anthropic' });
}

/** The assistant turns of a Messages request, as their block types. */
function assistantTurns(body: MessagesBody): string[][] {
  return body.messages
    .filter((message) => message.role === 'assistant' && Array.isArray(message.content))
    .map((message) => (message.content as Block[]).map((block) => block.type));
}

describe('the real Codex on Claude: thinking on through a three-step tool loop', () => {
  it.each([
    ['claude-opus-5-5', 'adaptive'],
    ['claude-sonnet-4-5', 'enabled'],
  ])(
    '%s (thinking %s): every step thinks, every earlier thinking block comes back first in its turn',
    async (model, thinkingType) => {
      const folder = await project();
      scriptLoop();
      const result = await ekai(
        ['codex', 'exec', '--skip-git-repo-check', '-m', model, '-c', 'model_reasoning_effort="high"', ASK],
        folder,
      );
      expect(result.code, result.output).toBe(0);
      expect(result.output).toContain('Done.');

      const steps = fake.requests.filter(
        (request) => request.provider === 'anthropic' && request.dialect === 'messages',
      );
      expect(steps.map((step) => step.status)).toEqual([200, 200, 200]);
      const bodies = steps.map((step) => step.body as MessagesBody);
      for (const body of bodies) expect(body.thinking?.type).toBe(thinkingType);
      // Codex's sub-agent tools were offered (flattened from its multi_agent_v1 namespace).
      expect(bodies[0]!.tools?.map((tool) => tool.name)).toContain('multi_agent_v1__spawn_agent');
      expect(assistantTurns(bodies[1]!)).toEqual([['thinking', 'tool_use']]);
      expect(assistantTurns(bodies[2]!)).toEqual([
        ['thinking', 'tool_use'],
        ['thinking', 'tool_use'],
      ]);
    },
    120_000,
  );

  it('resumed on gpt-6.2-sol: the Claude-made reasoning stays behind, OpenAI answers', async () => {
    const folder = await project();
    scriptLoop();
    const first = await ekai(
      [
        'codex',
        'exec',
        '--skip-git-repo-check',
        '-m',
        'claude-opus-5-5',
        '-c',
        'model_reasoning_effort="high"',
        ASK,
      ],
      folder,
    );
    expect(first.code, first.output).toBe(0);

    const resumed = await ekai(
      ['codex', 'exec', '--skip-git-repo-check', '-m', 'gpt-6.2-sol', 'resume', '--last', 'And now?'],
      folder,
    );
    expect(resumed.code, resumed.output).toBe(0);
    const openai = fake.requests.filter(
      (request) => request.provider === 'openai' && request.dialect === 'responses',
    );
    expect(openai.map((request) => request.status)).toEqual([200]);
    const input = (openai[0]!.body as { input: Array<{ type?: string; encrypted_content?: string }> }).input;
    // The earlier turns went along (calls and outputs), none of ekai's reasoning envelopes.
    expect(input.filter((item) => item.type === 'function_call')).toHaveLength(2);
    expect(JSON.stringify(input)).not.toContain('ekai-messages-v1.');
  }, 180_000);
});
