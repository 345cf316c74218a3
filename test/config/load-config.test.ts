import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { ConfigError } from '../../src/config/errors.js';
import { loadConfig } from '../../src/config/load-config.js';
import { configFileSchema } from '../../src/config/schema.js';
import { parseOrThrow } from '../../src/config/validate.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/config/${name}`, import.meta.url));

describe('loadConfig: sources and precedence', () => {
  it('uses the defaults when there is no file, environment or flag', async () => {
    const config = await loadConfig({ cwd: fixture('empty'), env: {} });
    expect(config).toEqual({ ...DEFAULT_CONFIG, db: join(homedir(), '.ekai', 'usage.db') });
    expect(config.configFile).toBeUndefined();
  });

  it('finds .ekairc.yaml in the working directory; its paths are relative to the file', async () => {
    const config = await loadConfig({ cwd: fixture('yaml-file'), env: {} });
    expect(config.configFile).toBe(join(fixture('yaml-file'), '.ekairc.yaml'));
    expect(config).toMatchObject({
      port: 4100,
      host: '0.0.0.0',
      dashboardPort: 4200,
      db: join(fixture('yaml-file'), 'data', 'usage.db'),
      catalog: join(fixture('yaml-file'), 'extra-catalog.yaml'),
      gatewayKeys: ['local-gateway-key-1'],
      providers: { openai: { apiKey: 'sk-from-file', baseUrl: 'http://127.0.0.1:9999/openai' } },
      // Nested groups merge with the defaults key by key.
      routing: { fallback: true, cooldownAfter: 3, cooldownSeconds: 5 },
    });
  });

  it('reads .ekairc.json and package.json#ekai', async () => {
    expect(await loadConfig({ cwd: fixture('json-file'), env: {} })).toMatchObject({
      port: 4300,
      tui: false,
    });
    expect(await loadConfig({ cwd: fixture('package-json'), env: {} })).toMatchObject({
      port: 4400,
      dashboard: false,
    });
  });

  it('environment beats the file, flags beat the environment', async () => {
    const env = { EKAI_PORT: '5000', EKAI_HOST: '127.0.0.2', EKAI_TUI: 'false', EKAI_DB: 'env.db' };
    const fromEnvironment = await loadConfig({ cwd: fixture('yaml-file'), env });
    expect(fromEnvironment).toMatchObject({ port: 5000, host: '127.0.0.2', dashboardPort: 4200, tui: false });
    // A path from the environment is relative to the working directory, not to the file.
    expect(fromEnvironment.db).toBe(join(fixture('yaml-file'), 'env.db'));

    const fromFlags = await loadConfig({ cwd: fixture('yaml-file'), env, flags: { port: 6000, tui: true } });
    expect(fromFlags).toMatchObject({ port: 6000, host: '127.0.0.2', tui: true });
  });

  it('--config and EKAI_CONFIG name the file explicitly; the flag wins', async () => {
    const json = join(fixture('json-file'), '.ekairc.json');
    const yaml = join(fixture('yaml-file'), '.ekairc.yaml');
    expect((await loadConfig({ cwd: fixture('empty'), env: { EKAI_CONFIG: json } })).port).toBe(4300);
    const both = await loadConfig({
      cwd: fixture('empty'),
      env: { EKAI_CONFIG: json },
      flags: { config: yaml },
    });
    expect(both.port).toBe(4100);
  });

  it('expands ~ in paths', async () => {
    const config = await loadConfig({ cwd: fixture('empty'), env: { EKAI_DB: '~/elsewhere/usage.db' } });
    expect(config.db).toBe(join(homedir(), 'elsewhere', 'usage.db'));
  });
});

describe('loadConfig: invalid settings are one-line errors naming source, key and reason', () => {
  async function failure(options: Parameters<typeof loadConfig>[0]): Promise<ConfigError> {
    const error = await loadConfig(options).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain('\n');
    return error as ConfigError;
  }

  it('a wrong type in the file', async () => {
    const error = await failure({ cwd: fixture('invalid-value'), env: {} });
    expect(error.source).toBe(join(fixture('invalid-value'), '.ekairc.yaml'));
    expect(error.key).toBe('routing.cooldownAfter');
    expect(error.message).toMatch(/routing\.cooldownAfter: expected a positive integer.*"three"/);
  });

  it('an unknown key (a typo) in the file', async () => {
    const error = await failure({ cwd: fixture('unknown-key'), env: {} });
    expect(error.key).toBe('dashbord');
    expect(error.message).toContain('unknown key');
  });

  it('a file that is not valid YAML', async () => {
    const error = await failure({ cwd: fixture('broken-yaml'), env: {} });
    expect(error.message).toContain(join(fixture('broken-yaml'), '.ekairc.yaml'));
    expect(error.message).toContain('cannot be parsed');
  });

  it('a missing --config file', async () => {
    const error = await failure({ cwd: fixture('empty'), env: {}, flags: { config: 'nope.yaml' } });
    expect(error.message).toBe(`${join(fixture('empty'), 'nope.yaml')}: config file not found`);
  });

  it('bad environment values name the variable', async () => {
    const port = await failure({ cwd: fixture('empty'), env: { EKAI_PORT: 'abc' } });
    expect(port.message).toBe('environment: EKAI_PORT: expected an integer port (got "abc")');
    const tui = await failure({ cwd: fixture('empty'), env: { EKAI_TUI: 'maybe' } });
    expect(tui.key).toBe('EKAI_TUI');
  });

  it('bad flag values name the flag', async () => {
    const error = await failure({ cwd: fixture('empty'), env: {}, flags: { port: 70_000 } });
    expect(error.source).toBe('command line');
    expect(error.key).toBe('--port');
  });
});

describe('the config file schema refuses values outside their ranges', () => {
  it.each([
    [{ gatewayKeys: ['short'] }, 'gatewayKeys[0]', 'a gateway key needs at least 8 characters'],
    [{ providers: { openai: { apiKey: '' } } }, 'providers.openai.apiKey', 'must not be empty'],
    [{ workers: 0 }, 'workers', 'expected a positive integer'],
    [{ routing: { cooldownSeconds: -1 } }, 'routing.cooldownSeconds', '-1'],
    [{ routing: { maxRetryAfterSeconds: -5 } }, 'routing.maxRetryAfterSeconds', '-5'],
    [{ port: 65_536 }, 'port', 'expected an integer port'],
    [{ timeouts: { idleMs: 0 } }, 'timeouts.idleMs', 'expected a whole number of milliseconds'],
    [{ retentionDays: 1.5 }, 'retentionDays', 'expected a positive integer'],
  ])('%j', (file, key, reason) => {
    let error: unknown;
    try {
      parseOrThrow(configFileSchema, file, 'test.yaml');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ source: 'test.yaml', key });
    expect((error as Error).message).toContain(reason);
  });

  it('accepts the edges: port 0 and 65535, an 8-character gateway key, zero cooldown', () => {
    expect(
      parseOrThrow(
        configFileSchema,
        { port: 0, dashboardPort: 65_535, gatewayKeys: ['12345678'], routing: { cooldownSeconds: 0 } },
        'test.yaml',
      ),
    ).toEqual({ port: 0, dashboardPort: 65_535, gatewayKeys: ['12345678'], routing: { cooldownSeconds: 0 } });
  });
});
