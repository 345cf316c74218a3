import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EKAI_BIN, REPO_ROOT } from '../support/cli.js';
import { FAKE_KEYS, type FakeProvider, startFakeProvider } from '../support/fake-provider/index.js';

const OLD_SPELLING_CATALOG = join(REPO_ROOT, 'test/fixtures/config/old-spelling/catalog.yaml');

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());

interface Served {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output: () => string;
  exit: Promise<number | null>;
}

/** Start the real `ekai serve` (the built bin) on an ephemeral port and wait for its banner. */
async function serve(configText: string, env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const folder = mkdtempSync(join(tmpdir(), 'ekai-serve-'));
  writeFileSync(join(folder, '.ekairc.yaml'), configText);
  const child = spawn(process.execPath, [EKAI_BIN, 'serve', '--port', '0', '--no-tui', '--no-dashboard'], {
    cwd: folder,
    env: { PATH: process.env.PATH, HOME: folder, ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout.on('data', check);
    void exit.then((code) => reject(new Error(`ekai serve exited with ${code}: ${output}`)));
  });
  return { child, url, output: () => output, exit };
}

describe('ekai serve', () => {
  it('starts with no keys at all and answers /health, /v1/models, and the 400 naming the env var', async () => {
    const served = await serve('port: 3001\n', { REPO: REPO_ROOT });
    try {
      const health = await (await fetch(`${served.url}/health`)).json();
      expect(health).toMatchObject({ status: 'ok', providers: { openai: { configured: false } } });
      const models = (await (await fetch(`${served.url}/v1/models`)).json()) as { data: unknown[] };
      expect(models.data.length).toBeGreaterThan(50);
      const refused = await fetch(`${served.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('OPENAI_API_KEY');
      expect(served.output()).toContain('providers: none configured');
    } finally {
      served.child.kill('SIGTERM');
      expect(await served.exit).toBe(0);
    }
  });

  it('SIGTERM lets an in-flight stream finish, then exits 0; no key in any log line', async () => {
    const config = [
      'providers:',
      `  anthropic: { apiKey: ${FAKE_KEYS.anthropic}, baseUrl: "${fake.baseUrl('anthropic')}" }`,
      '',
    ].join('\n');
    const served = await serve(config, { OPENAI_API_KEY: FAKE_KEYS.openai });
    fake.inject({ chunkDelayMs: 50 }, { provider: 'anthropic' });
    const response = await fetch(`${served.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({
        model: 'claude-sonnet-4',
        max_tokens: 50,
        stream: true,
        messages: [{ role: 'user', content: '[long 12] hi' }],
      }),
    });
    const reader = response.body!.getReader();
    let text = new TextDecoder().decode((await reader.read()).value);
    served.child.kill('SIGTERM');
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += new TextDecoder().decode(chunk.value);
    }
    expect(text).toContain('event: message_stop');
    expect(await served.exit).toBe(0);
    const output = served.output();
    expect(output).toContain('shutting down');
    expect(output).toMatch(/200 messages anthropic\/claude-sonnet-4-20250514 in \d+ out 12 \$0\.\d+/);
    for (const key of Object.values(FAKE_KEYS)) expect(output).not.toContain(key);
  });

  it('a user catalog in the old spelling (dialects: [openai]) still serves, with one deprecation warning', async () => {
    const served = await serve(`catalog: ${OLD_SPELLING_CATALOG}\n`, { LOCALAI_API_KEY: 'k' });
    try {
      const models = (await (await fetch(`${served.url}/v1/models`)).json()) as {
        data: Array<{ id: string }>;
      };
      expect(models.data.map((model) => model.id)).toContain('my-model');
      const warnings = served.output().match(/ekai: warning: .*deprecated.*/g) ?? [];
      expect(warnings).toEqual([
        `ekai: warning: ${OLD_SPELLING_CATALOG}: providers.localai.dialects and 2 more place(s): the old spelling "dialects: [openai, anthropic]" is still read, but deprecated: write "formats: [chat, messages]"`,
      ]);
    } finally {
      served.child.kill('SIGTERM');
      expect(await served.exit).toBe(0);
    }
  });
});
