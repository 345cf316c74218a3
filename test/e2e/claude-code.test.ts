import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runClaude, scratchFolder } from '../support/claude-code.js';
import type { FakeProvider, ProviderName } from '../support/fake-provider/index.js';
import { type TestGateway, withFakeAndGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;

withFakeAndGateway((started) => ({ fake, gateway } = started));

const CASES: Array<{ name: string; model: string; provider: ProviderName; dialect: 'chat' | 'messages' }> = [
  {
    name: 'a GPT model (OpenAI, Chat format, translated)',
    model: 'gpt-4o',
    provider: 'openai',
    dialect: 'chat',
  },
  {
    name: 'a Claude model (Anthropic, native)',
    model: 'claude-sonnet-4',
    provider: 'anthropic',
    dialect: 'messages',
  },
];

describe('the real Claude Code CLI, offline, through the gateway', () => {
  it.each(CASES)(
    '$name: calls one of its tools, then answers; exit 0; both turns recorded',
    async ({ model, provider, dialect }) => {
      const folder = scratchFolder({ 'notes.txt': 'The answer is 42.\n' });
      // Turn 1: the model calls Claude Code's own Read tool on a file in the working directory.
      fake.script(
        { toolCalls: [{ name: 'Read', arguments: { file_path: join(folder, 'notes.txt') } }] },
        { provider },
      );
      const before = gateway.recorder.events.length;
      const run = await runClaude(
        gateway.url,
        ['--output-format', 'json', '--max-turns', '4', 'What is in notes.txt?'],
        {
          model,
          folder,
        },
      );
      expect(run.code, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout) as { is_error: boolean; num_turns: number; result: string };
      expect(result.is_error).toBe(false);
      expect(result.num_turns).toBe(2);

      const turns = fake.requests.filter(
        (request) => request.provider === provider && request.dialect === dialect,
      );
      expect(turns).toHaveLength(2);
      // Turn 2 carries the tool's output (the file's content) back to the model in the provider's wire format.
      const second = JSON.stringify(turns[1]!.body);
      expect(second).toContain('The answer is 42.');
      if (dialect === 'chat') expect(second).toMatch(/"role":"tool","tool_call_id":"call_/);
      else expect(second).toContain('"type":"tool_result"');
      expect(result.result).toMatch(new RegExp(`^Hello from ${provider}!`));

      const events = gateway.recorder.events.slice(before).filter((event) => event.provider === provider);
      expect(events).toHaveLength(2);
      for (const [index, event] of events.entries()) {
        const answered = turns[index]!.responseText;
        // The whole prompt the provider reported: Chat's prompt_tokens includes cached tokens;
        // Messages' input_tokens excludes cache reads and writes, reported beside it (the fake
        // caches Claude Code's marked prefix as Anthropic does).
        const last = (field: string) =>
          Number([...answered.matchAll(new RegExp(`"${field}":(\\d+)`, 'g'))].at(-1)?.[1] ?? 0);
        const usage =
          dialect === 'chat'
            ? [last('prompt_tokens')]
            : [last('input_tokens') + last('cache_read_input_tokens') + last('cache_creation_input_tokens')];
        expect(event).toMatchObject({
          outcome: 'ok',
          status: 200,
          clientDialect: 'messages',
          clientName: 'claude-cli',
          stream: true,
        });
        expect(event.outputTokens).toBeGreaterThan(0);
        expect(usage).toContain(event.inputTokens + event.cacheReadTokens + event.cacheWriteTokens);
      }
    },
    90_000,
  );
});
