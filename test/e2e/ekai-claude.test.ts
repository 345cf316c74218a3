import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutProviderKeys } from '../../src/cli/commands/run-tool.js';
import { claudeCode, codex } from '../../src/cli/commands/tools.js';
import { loadCatalog } from '../../src/config/catalog.js';
import { resolveProviders } from '../../src/config/providers.js';
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

/** A folder with an .ekairc.yaml pointing OpenAI at the fake, on a port of its own. */
function project(port: number): string {
  const folder = mkdtempSync(join(tmpdir(), 'ekai-claude-cmd-'));
  writeFileSync(
    join(folder, '.ekairc.yaml'),
    [
      `port: ${port}`,
      `db: ./usage.db`,
      'providers:',
      `  openai: { apiKey: ${FAKE_KEYS.openai}, baseUrl: "${fake.baseUrl('openai')}" }`,
      `  anthropic: { apiKey: ${FAKE_KEYS.anthropic}, baseUrl: "${fake.baseUrl('anthropic')}" }`,
      '',
    ].join('\n'),
  );
  return folder;
}

function ekai(args: string[], folder: string, path?: string, extraEnv: Record<string, string> = {}) {
  return spawnEkai(args, folder, { ...(path !== undefined && { path }), env: extraEnv });
}

describe('ekai claude', () => {
  it.each([
    { model: 'gpt-4o', provider: 'openai' as const },
    { model: 'claude-sonnet-4', provider: 'anthropic' as const },
  ])(
    '$model: starts a gateway, a turn with a tool call, usage recorded as claude-cli, exit 0',
    async ({ model, provider }) => {
      const port = await freePort();
      const folder = project(port);
      writeFileSync(join(folder, 'notes.txt'), 'The answer is 42.\n');
      fake.script(
        { toolCalls: [{ name: 'Read', arguments: { file_path: join(folder, 'notes.txt') } }] },
        { provider },
      );
      const { done } = ekai(
        ['claude', '-p', 'What is in notes.txt?', '--output-format', 'json', '--model', model],
        folder,
      );
      const run = await done;
      expect(run.code, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout) as {
        is_error: boolean;
        num_turns: number;
        result: string;
        total_cost_usd: number;
      };
      expect(result.is_error).toBe(false);
      expect(result.num_turns).toBe(2);
      expect(result.result).toMatch(new RegExp(`^Hello from ${provider}!`));
      expect(JSON.stringify(fake.lastRequest()!.body)).toContain('The answer is 42.');
      const db = new Database(join(folder, 'usage.db'), { readonly: true });
      const rows = db
        .prepare('SELECT provider, model, client_name, client_dialect, outcome, cost_usd FROM requests')
        .all() as Array<{ cost_usd: number }>;
      db.close();
      const row = { provider, model, client_name: 'claude-cli', client_dialect: 'messages', outcome: 'ok' };
      expect(rows).toEqual([expect.objectContaining(row), expect.objectContaining(row)]);
      // Claude Code's own bill (its /cost, total_cost_usd) is ekai's: the catalog prices went to it
      // as modelPricing (docs/claude-code-gateway.md). Its sum is rounded to the 1e-6 dollar.
      const billed = rows.reduce((sum, each) => sum + each.cost_usd, 0);
      expect(result.total_cost_usd).toBeCloseTo(billed, 6);
      // The gateway it started is gone with it.
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    },
    90_000,
  );

  it('with gatewayKeys and the real ANTHROPIC_API_KEY in the environment: claude gets the gateway key, never a provider key', async () => {
    const port = await freePort();
    const folder = project(port);
    // The provider keys come from the environment here, as most users set them.
    writeFileSync(
      join(folder, '.ekairc.yaml'),
      [
        `port: ${port}`,
        'db: ./usage.db',
        'gatewayKeys: [gateway-key-0123456789]',
        'providers:',
        `  openai: { baseUrl: "${fake.baseUrl('openai')}" }`,
        `  anthropic: { baseUrl: "${fake.baseUrl('anthropic')}" }`,
        '',
      ].join('\n'),
    );
    const run = await ekai(
      ['claude', '-p', 'hi', '--output-format', 'json', '--model', 'claude-sonnet-4'],
      folder,
      undefined,
      { ANTHROPIC_API_KEY: FAKE_KEYS.anthropic, OPENAI_API_KEY: FAKE_KEYS.openai, MY_COPY: FAKE_KEYS.openai },
    ).done;
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { is_error: boolean }).is_error).toBe(false);
    const db = new Database(join(folder, 'usage.db'), { readonly: true });
    const rows = db.prepare('SELECT status FROM requests').all();
    db.close();
    expect(rows).toEqual([{ status: 200 }]);
  }, 90_000);

  it('passes claude’s failure exit code through', async () => {
    const folder = project(await freePort());
    const run = await ekai(['claude', '--no-such-flag-at-all'], folder).done;
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBe(127);
  }, 60_000);

  it('uses the gateway that already runs on the port', async () => {
    const port = await freePort();
    const folder = project(port);
    const served = ekai(['serve', '--no-tui', '--no-dashboard'], folder);
    await new Promise<void>((resolve) =>
      served.child.stdout.on('data', (chunk: Buffer) => chunk.includes('listening') && resolve()),
    );
    const run = await ekai(['claude', '-p', 'hi', '--output-format', 'json', '--model', 'gpt-4o'], folder)
      .done;
    expect(run.code, run.stderr).toBe(0);
    served.child.kill('SIGTERM');
    const serve = await served.done;
    // The request went through the running gateway: it is in that gateway's log.
    expect(serve.stdout).toMatch(/200 messages openai\/gpt-4o/);
  }, 90_000);

  it('says how to install claude when it is missing', async () => {
    const folder = project(await freePort());
    const run = await ekai(['claude', '-p', 'hi'], folder, dirname(process.execPath)).done;
    expect(run.code).toBe(127);
    expect(run.stderr).toContain('npm install -g @anthropic-ai/claude-code');
  }, 30_000);
});

describe('how the tools are pointed at the gateway', () => {
  const gateway = {
    url: 'http://127.0.0.1:4567',
    key: 'gateway-key-1',
    env: { PATH: '/usr/bin', HOME: '/home/me', CLAUDE_CODE_OAUTH_TOKEN: 'subscription-token' },
  };

  it("the tools never see a provider key: by the provider's variable, or its value under another name", () => {
    const providers = resolveProviders(
      loadCatalog(),
      { providers: { xai: { apiKey: 'xai-from-the-file' } } },
      {
        ANTHROPIC_API_KEY: 'sk-ant-real',
      },
    );
    const env = withoutProviderKeys(
      {
        PATH: '/usr/bin',
        ANTHROPIC_API_KEY: 'sk-ant-real',
        OPENAI_API_KEY: 'unset-in-config-but-still-a-provider-variable',
        ZAI_API_KEY: 'zai',
        COPY_OF_XAI: 'xai-from-the-file',
        EDITOR: 'vim',
      },
      providers,
    );
    expect(env).toEqual({ PATH: '/usr/bin', EDITOR: 'vim' });
  });

  it('claude: base URL and token in the environment and --settings, discovery on; --fast-model taken out', () => {
    const prepared = claudeCode.prepare(
      ['-p', 'hi', '--fast-model', 'gpt-5-mini', '--model', 'gpt-5'],
      gateway,
    );
    // The gateway also goes in --settings: a ~/.claude/settings.json `env` overrides the environment
    // (docs/claude-code-gateway.md); its API key is blanked there, or it would win over the token.
    const settings = {
      env: {
        ANTHROPIC_API_KEY: '',
        ANTHROPIC_BASE_URL: 'http://127.0.0.1:4567',
        ANTHROPIC_AUTH_TOKEN: 'gateway-key-1',
      },
    };
    expect(prepared.args).toEqual(['--settings', JSON.stringify(settings), '-p', 'hi', '--model', 'gpt-5']);
    expect(prepared.env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/me',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:4567',
      ANTHROPIC_AUTH_TOKEN: 'gateway-key-1',
      CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1',
      ANTHROPIC_SMALL_FAST_MODEL: 'gpt-5-mini',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5-mini',
    });
  });

  it('codex: a model provider through -c overrides, the key in an env var; user files untouched', () => {
    const prepared = codex.prepare(['exec', '--skip-git-repo-check', 'hi'], gateway);
    expect(prepared.args).toEqual([
      '-c',
      'model_provider="ekai"',
      '-c',
      'model_providers.ekai.name="ekai"',
      '-c',
      'model_providers.ekai.base_url="http://127.0.0.1:4567/v1"',
      '-c',
      'model_providers.ekai.wire_api="responses"',
      '-c',
      'model_providers.ekai.env_key="EKAI_API_KEY"',
      'exec',
      '--skip-git-repo-check',
      'hi',
    ]);
    expect(prepared.env).toEqual({ ...gateway.env, EKAI_API_KEY: 'gateway-key-1' });
  });
});
