/**
 * The real Claude Code against ekai's side of the gateway protocol
 * (https://code.claude.com/docs/en/llm-gateway-protocol): model discovery lists ekai's models and a
 * picker alias reaches the right provider; `ekai claude` reaches ekai even when the user's
 * ~/.claude/settings.json points Claude Code elsewhere. Offline, on 127.0.0.1, against the strict fake.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLAUDE_BIN, scratchFolder } from '../support/claude-code.js';
import { freePort } from '../support/cli.js';
import { spawnEkai } from '../support/ekai-tool.js';
import { FAKE_KEYS, type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';
import { startGateway, type TestGateway } from '../support/gateway.js';

let fake: FakeProvider;
let gateway: TestGateway;
beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway(fake, { configured: ['openai', 'anthropic'] });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});
beforeEach(() => fake.reset());

/** Claude Code with discovery on: no CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC, which turns it off. */
function claudeWithDiscovery(args: string[], folder: string) {
  const child = spawn(CLAUDE_BIN, ['-p', ...args], {
    cwd: folder,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOME: folder,
      ANTHROPIC_BASE_URL: gateway.url,
      ANTHROPIC_AUTH_TOKEN: 'client-token',
      CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1',
      DISABLE_TELEMETRY: '1',
      DISABLE_ERROR_REPORTING: '1',
      DISABLE_AUTOUPDATER: '1',
    },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

describe('model discovery with the real Claude Code', () => {
  it('lists ekai’s models (claude-ekai-* aliases included) and --model <alias> reaches the provider behind it', async () => {
    const folder = scratchFolder();
    const run = await claudeWithDiscovery(['hi', '--model', 'claude-ekai-gpt-4o'], folder);
    expect(run.code, run.output).toBe(0);
    // Claude Code caches what discovery found for its /model picker ("Picker entries and caching").
    const cache = JSON.parse(readFileSync(join(folder, '.claude/cache/gateway-models.json'), 'utf8')) as {
      baseUrl: string;
      models: Array<{ id: string; display_name?: string }>;
    };
    expect(cache.baseUrl).toBe(gateway.url);
    expect(cache.models).toContainEqual({ id: 'claude-ekai-gpt-4o', display_name: 'gpt-4o (ekai)' });
    expect(cache.models.map((model) => model.id)).toContain('claude-sonnet-4');
    const generations = fake.requests.filter((request) => request.dialect !== 'count_tokens');
    expect(
      generations.map((request) => [request.provider, (request.body as { model: string }).model]),
    ).toEqual([['openai', 'gpt-4o']]);
  }, 90_000);
});

describe('ekai claude when ~/.claude/settings.json points Claude Code at another gateway', () => {
  it('still reaches ekai: the gateway also goes in --settings, which wins over the user’s settings file', async () => {
    const port = await freePort();
    const folder = mkdtempSync(join(tmpdir(), 'ekai-claude-settings-'));
    writeFileSync(
      join(folder, '.ekairc.yaml'),
      [
        `port: ${port}`,
        'db: ./usage.db',
        'providers:',
        `  openai: { apiKey: ${FAKE_KEYS.openai}, baseUrl: "${fake.baseUrl('openai')}" }`,
        '',
      ].join('\n'),
    );
    // A dead address (a port nobody listens on) and another gateway's key, as a stale setup leaves them.
    const elsewhere = `http://127.0.0.1:${await freePort()}`;
    mkdirSync(join(folder, '.claude'));
    writeFileSync(
      join(folder, '.claude/settings.json'),
      JSON.stringify({ env: { ANTHROPIC_BASE_URL: elsewhere, ANTHROPIC_API_KEY: 'sk-other-gateway' } }),
    );
    const run = await spawnEkai(
      ['claude', '-p', 'hi', '--output-format', 'json', '--model', 'gpt-4o'],
      folder,
    ).done;
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { is_error: boolean; result: string };
    expect(result.is_error).toBe(false);
    expect(result.result).toMatch(/^Hello from openai!/);
    expect(fake.requests.map((request) => request.provider)).toContain('openai');
  }, 90_000);
});
