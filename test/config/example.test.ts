import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import { loadConfig } from '../../src/config/load-config.js';
import { configFileSchema } from '../../src/config/schema.js';

const examplePath = fileURLToPath(new URL('../../.ekairc.example', import.meta.url));
const exampleText = readFileSync(examplePath, 'utf8');

describe('.ekairc.example', () => {
  it('is a valid config whose values are the defaults', async () => {
    const config = await loadConfig({ cwd: homedir(), env: {}, flags: { config: examplePath } });
    const { providers, configFile, ...rest } = config;
    const { providers: _defaultProviders, ...defaults } = DEFAULT_CONFIG;
    expect(rest).toEqual({ ...defaults, db: join(homedir(), '.ekai', 'usage.db') });
    expect(configFile).toBe(examplePath);
    expect(Object.keys(providers)).toEqual(['openai', 'anthropic', 'xai', 'openrouter', 'zai']);
  });

  it('mentions every key the config file accepts', () => {
    expect(configFileSchema.parse(parse(exampleText))).toBeTruthy();
    const keys = Object.keys(configFileSchema.shape);
    for (const group of ['routing', 'timeouts'] as const) {
      const inner = configFileSchema.shape[group].unwrap().shape;
      keys.push(...Object.keys(inner));
    }
    keys.push('apiKey', 'baseUrl');
    for (const key of keys) expect(exampleText, key).toMatch(new RegExp(`^#? ?\\s*${key}:|[{ ]${key}:`, 'm'));
  });
});
