/**
 * `ekai claude` points Claude Code at the gateway in a way the user's own settings cannot undo:
 * the `env` block of ~/.claude/settings.json overrides the environment, and `--settings` overrides
 * that file (https://code.claude.com/docs/en/llm-gateway-connect, "Set in a settings file"). Model
 * discovery is on unless the user turned it off (https://code.claude.com/docs/en/llm-gateway-protocol).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claudeCodePricing } from '../../src/cli/commands/claude-pricing.js';
import { claudeCode } from '../../src/cli/commands/tools.js';
import { loadCatalog } from '../../src/config/catalog.js';

const gateway = { url: 'http://127.0.0.1:4567', key: 'gateway-key-1', env: { PATH: '/usr/bin' } };
const GATEWAY_ENV = {
  ANTHROPIC_API_KEY: '',
  ANTHROPIC_BASE_URL: 'http://127.0.0.1:4567',
  ANTHROPIC_AUTH_TOKEN: 'gateway-key-1',
};

function settingsArg(args: string[]): unknown {
  expect(args[0]).toBe('--settings');
  return JSON.parse(args[1] as string);
}

describe('ekai claude: the gateway in --settings as well as in the environment', () => {
  it('--settings first (before any subcommand), the rest of the arguments as given; discovery on', () => {
    const prepared = claudeCode.prepare(['mcp', 'list'], gateway);
    expect(prepared.args.slice(2)).toEqual(['mcp', 'list']);
    expect(settingsArg(prepared.args)).toEqual({ env: GATEWAY_ENV });
    expect(prepared.env).toEqual({
      PATH: '/usr/bin',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:4567',
      ANTHROPIC_AUTH_TOKEN: 'gateway-key-1',
      CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1',
    });
  });

  it('discovery turned off by the user stays off', () => {
    const env = { ...gateway.env, CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '0' };
    const prepared = claudeCode.prepare(['-p', 'hi'], { ...gateway, env });
    expect(prepared.env.CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY).toBe('0');
  });

  it('the user’s own --settings (inline JSON) is merged, the gateway winning in env', () => {
    const own = JSON.stringify({
      model: 'opus',
      env: { FOO: 'bar', ANTHROPIC_BASE_URL: 'https://elsewhere.example' },
    });
    const prepared = claudeCode.prepare(['-p', 'hi', '--settings', own], gateway);
    expect(prepared.args.slice(2)).toEqual(['-p', 'hi']);
    expect(settingsArg(prepared.args)).toEqual({ model: 'opus', env: { FOO: 'bar', ...GATEWAY_ENV } });
  });

  it('the user’s own --settings=<file> is read and merged the same way', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ekai-settings-')), 'settings.json');
    writeFileSync(file, JSON.stringify({ permissions: { allow: ['Read'] } }));
    const prepared = claudeCode.prepare([`--settings=${file}`, '-p', 'hi'], gateway);
    expect(settingsArg(prepared.args)).toEqual({ permissions: { allow: ['Read'] }, env: GATEWAY_ENV });
  });
});

/**
 * Claude Code's /cost agrees with ekai: the catalog's prices go to it as `modelPricing` (USD per
 * million tokens) in `--managed-settings`, which it honours from a host that manages its model
 * provider (`CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST`); checked against the real CLI in
 * test/e2e/ekai-claude.test.ts.
 */
describe('ekai claude: the catalog prices as Claude Code’s modelPricing', () => {
  const catalog = loadCatalog();
  const only = (configured: string[]) =>
    new Map([...catalog.providers.keys()].map((name) => [name, { configured: configured.includes(name) }]));

  it('gpt-4o on OpenAI: its prices under its id, alias and picker alias; unknown cache write = input', () => {
    const prices = claudeCodePricing(catalog, only(['openai']));
    // catalog.yaml, gpt-4o on openai: input 2.5, output 10, cacheRead 1.25, no cache write price.
    const gpt4o = { input: 2.5, output: 10, cacheRead: 1.25, cacheWrite: 2.5 };
    expect(prices['gpt-4o']).toEqual(gpt4o);
    expect(prices['openai/gpt-4o']).toEqual(gpt4o);
    expect(prices['claude-ekai-gpt-4o']).toEqual(gpt4o);
    // No configured provider serves Claude: nothing priced for it.
    expect(prices['claude-sonnet-4']).toBeUndefined();
  });

  it('goes in --managed-settings with the host flag; a --managed-settings of the user’s own wins', () => {
    const prices = { 'gpt-4o': { input: 2.5, output: 10, cacheRead: 1.25, cacheWrite: 2.5 } };
    const prepared = claudeCode.prepare(['-p', 'hi'], { ...gateway, prices });
    expect(prepared.args.slice(2)).toEqual([
      '--managed-settings',
      JSON.stringify({ modelPricing: { overrides: prices } }),
      '-p',
      'hi',
    ]);
    expect(prepared.env).toMatchObject({ CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST: '1' });
    const own = claudeCode.prepare(['--managed-settings', '{}', '-p', 'hi'], { ...gateway, prices });
    expect(own.args.slice(2)).toEqual(['--managed-settings', '{}', '-p', 'hi']);
    expect(own.env).not.toHaveProperty('CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST');
    const joined = claudeCode.prepare(['--managed-settings={}', '-p', 'hi'], { ...gateway, prices });
    expect(joined.args.slice(2)).toEqual(['--managed-settings={}', '-p', 'hi']);
  });
});
