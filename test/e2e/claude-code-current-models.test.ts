/**
 * The real Claude Code (2.1.329, devDependency) through `ekai claude` on today's models (issue 17,
 * Done means 1 and 4), offline against the strict fake:
 * - on its own default model (no --model): the request is recorded with a price;
 * - on gpt-6.2-sol: a tool turn completes through Responses upstream (OpenAI refuses tools with
 *   reasoning on Chat Completions from GPT-5.4 on), and `--effort low` reaches OpenAI as
 *   `reasoning.effort: "low"`.
 * Prices written by hand from ../shared/reference/current-models.json.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requireCli } from '../support/agent-clis.js';
import { freePort } from '../support/cli.js';
import { spawnEkai } from '../support/ekai-tool.js';
import { FAKE_KEYS, type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';

requireCli('claude');

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

/** A folder with an .ekairc.yaml pointing OpenAI and Anthropic at the fake, on a port of its own. */
function project(port: number, files: Record<string, string> = {}): string {
  const folder = mkdtempSync(join(tmpdir(), 'ekai-claude-current-'));
  writeFileSync(
    join(folder, '.ekairc.yaml'),
    [
      `port: ${port}`,
      'db: ./usage.db',
      'providers:',
      `  openai: { apiKey: ${FAKE_KEYS.openai}, baseUrl: "${fake.baseUrl('openai')}" }`,
      `  anthropic: { apiKey: ${FAKE_KEYS.anthropic}, baseUrl: "${fake.baseUrl('anthropic')}" }`,
      '',
    ].join('\n'),
  );
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  return folder;
}

function ekaiClaude(folder: string, args: string[]) {
  return spawnEkai(['claude', ...args], folder, { timeoutMs: 80_000 }).done;
}

interface Row {
  provider: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  cost_usd: number | null;
}

function rowsOf(folder: string): Row[] {
  const db = new Database(join(folder, 'usage.db'), { readonly: true });
  const rows = db
    .prepare(
      'SELECT provider, model, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_usd FROM requests',
    )
    .all() as Row[];
  db.close();
  return rows;
}

/**
 * Claude Code on an OpenAI `model` reads notes.txt with its Read tool: two turns, both through
 * OpenAI's Responses API with 200, the second carrying the tool's output; the answer is the fake's.
 */
async function readNotesThroughResponses(model: string, extraArgs: string[] = []) {
  const folder = project(await freePort(), { 'notes.txt': 'The answer is 42.\n' });
  fake.script(
    { toolCalls: [{ name: 'Read', arguments: { file_path: join(folder, 'notes.txt') } }] },
    { provider: 'openai' },
  );
  const run = await ekaiClaude(folder, [
    '-p',
    'What is in notes.txt?',
    '--output-format',
    'json',
    '--model',
    model,
    ...extraArgs,
  ]);
  expect(run.code, run.stderr).toBe(0);
  const result = JSON.parse(run.stdout) as { is_error: boolean; num_turns: number; result: string };
  expect(result.is_error).toBe(false);
  expect(result.num_turns).toBe(2);
  expect(result.result).toMatch(/^Hello from openai!/);
  const generations = fake.requests.filter((request) => request.dialect !== 'count_tokens');
  expect(generations.map((request) => [request.provider, request.dialect, request.status])).toEqual([
    ['openai', 'responses', 200],
    ['openai', 'responses', 200],
  ]);
  // The second request carries the tool's output, paired with its call.
  expect(JSON.stringify(generations[1]!.body)).toContain('The answer is 42.');
  return { folder, generations };
}

describe('ekai claude on today’s models', () => {
  it('its default model (claude-opus-5-5) is in the catalog: the request is priced', async () => {
    const folder = project(await freePort());
    const run = await ekaiClaude(folder, ['-p', 'hi', '--output-format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    expect(fake.lastRequest()!.body).toMatchObject({ model: 'claude-opus-5-5' });
    const rows = rowsOf(folder);
    expect(rows).toHaveLength(1);
    const [row] = rows as [Row];
    expect(row).toMatchObject({ provider: 'anthropic', model: 'claude-opus-5-5' });
    // claude-opus-5-5: $4 input, $20 output, $0.20 cache read, $5 cache write (5 min) per million.
    const expected =
      (row.input_tokens * 4 +
        row.output_tokens * 20 +
        row.cache_read_tokens * 0.2 +
        row.cache_write_tokens * 5) /
      1e6;
    expect(row.cost_usd).not.toBeNull();
    expect(row.cost_usd).toBeCloseTo(expected, 12);
    expect(row.cost_usd).toBeGreaterThan(0);
  }, 90_000);

  it('gpt-6.2-sol: a tool turn through Responses upstream; --effort low sends effort low', async () => {
    const { folder, generations } = await readNotesThroughResponses('gpt-6.2-sol', ['--effort', 'low']);
    for (const request of generations)
      expect(request.body).toMatchObject({ model: 'gpt-6.2-sol', reasoning: { effort: 'low' } });
    const rows = rowsOf(folder);
    expect(rows.map((row) => [row.provider, row.model])).toEqual([
      ['openai', 'gpt-6.2-sol'],
      ['openai', 'gpt-6.2-sol'],
    ]);
    for (const row of rows) {
      // gpt-6.2-sol: $2 input, $0.10 cached input, $10 output per million.
      const expected = (row.input_tokens * 2 + row.cache_read_tokens * 0.1 + row.output_tokens * 10) / 1e6;
      expect(row.cost_usd).toBeCloseTo(expected, 12);
    }
  }, 90_000);

  // gpt-5.3-codex is Responses-only (current-models.md, OpenAI; Chat Completions answers 404).
  it('gpt-5.3-codex: a tool turn through Responses, the only API that serves it', async () => {
    await readNotesThroughResponses('gpt-5.3-codex');
  }, 90_000);

  it('gpt-6.2-sol: WebSearch runs as OpenAI’s web_search, never invented results', async () => {
    const folder = project(await freePort());
    fake.script(
      { toolCalls: [{ name: 'WebSearch', arguments: { query: 'Node.js 24 release date' } }] },
      { provider: 'openai' },
    );
    const run = await ekaiClaude(folder, [
      '-p',
      'When was Node.js 24 released? Search the web.',
      '--output-format',
      'json',
      '--model',
      'gpt-6.2-sol',
      '--allowedTools',
      'WebSearch',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as {
      is_error: boolean;
      modelUsage: Record<string, { webSearchRequests: number }>;
    };
    expect(result.is_error).toBe(false);
    const generations = fake.requests.filter((request) => request.dialect !== 'count_tokens');
    expect(generations.map((request) => [request.dialect, request.status])).toEqual([
      ['responses', 200], // the turn that calls WebSearch
      ['responses', 200], // Claude Code's search request: web_search_20250305 as OpenAI's web_search
      ['responses', 200], // the turn that reads the results
    ]);
    const search = generations[1]!.body as { tools: unknown[]; include: string[] };
    expect(search.tools).toEqual([{ type: 'web_search' }]);
    expect(search.include).toContain('web_search_call.action.sources');
    // What OpenAI found (the fake's search page) reached the model's next turn through Claude Code.
    expect(JSON.stringify(generations[2]!.body)).toContain('https://www.iana.org/help/example-domains');
    // Claude Code counted the search OpenAI ran, from usage.server_tool_use.
    expect(result.modelUsage['gpt-6.2-sol']?.webSearchRequests).toBe(1);
  }, 90_000);
});
