import { dirname, extname } from 'node:path';
import { cosmiconfig, defaultLoaders, type Loader } from 'cosmiconfig';
import { DEFAULT_CONFIG } from './defaults.js';
import { ConfigError } from './errors.js';
import { resolveDbLocation, resolveUserPath } from './paths.js';
import { type ConfigFile, configFileSchema, type EkaiConfig } from './schema.js';
import { parseOrThrow } from './validate.js';

/** Settings given on the command line; `undefined` means "not given". */
export interface ConfigFlags {
  config?: string;
  port?: number;
  host?: string;
  dashboardPort?: number;
  dashboard?: boolean;
  tui?: boolean;
  db?: string;
  workers?: number;
}

export interface LoadConfigOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  flags?: ConfigFlags;
}

const SEARCH_PLACES = [
  'package.json',
  '.ekairc',
  '.ekairc.json',
  '.ekairc.yaml',
  '.ekairc.yml',
  '.ekairc.js',
  '.ekairc.mjs',
  '.ekairc.cjs',
  'ekai.config.js',
  'ekai.config.mjs',
  'ekai.config.cjs',
];

type Scalar = 'port' | 'host' | 'dashboardPort' | 'dashboard' | 'tui' | 'db' | 'workers';

/** Environment variables for the scalar settings (SPEC §2); provider keys are read per provider. */
const ENVIRONMENT: ReadonlyArray<{ name: string; key: Scalar; kind: 'int' | 'string' | 'boolean' }> = [
  { name: 'EKAI_PORT', key: 'port', kind: 'int' },
  { name: 'EKAI_HOST', key: 'host', kind: 'string' },
  { name: 'EKAI_DASHBOARD_PORT', key: 'dashboardPort', kind: 'int' },
  { name: 'EKAI_DASHBOARD', key: 'dashboard', kind: 'boolean' },
  { name: 'EKAI_TUI', key: 'tui', kind: 'boolean' },
  { name: 'EKAI_DB', key: 'db', kind: 'string' },
  { name: 'EKAI_WORKERS', key: 'workers', kind: 'int' },
];

/** Resolve the settings: flags > environment > config file > defaults (SPEC §3). */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<EkaiConfig> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const flags = options.flags ?? {};

  const explicitFile = flags.config ?? nonEmpty(env.EKAI_CONFIG);
  const found = await readConfigFile(cwd, explicitFile && resolveUserPath(explicitFile, cwd));
  const fileDir = found ? dirname(found.path) : cwd;
  const file = found?.config ?? {};

  const fromEnvironment = readEnvironment(env);
  const fromFlags = readFlags(flags);

  const config: EkaiConfig = {
    ...DEFAULT_CONFIG,
    ...definedOnly({
      ...file,
      routing: undefined,
      timeouts: undefined,
      limits: undefined,
      cache: undefined,
      providers: undefined,
    }),
    ...definedOnly(fromEnvironment),
    ...definedOnly(fromFlags),
    gatewayKeys: file.gatewayKeys ?? [],
    allowedOrigins: file.allowedOrigins ?? [],
    providers: file.providers ?? {},
    routing: { ...DEFAULT_CONFIG.routing, ...definedOnly(file.routing ?? {}) },
    timeouts: { ...DEFAULT_CONFIG.timeouts, ...definedOnly(file.timeouts ?? {}) },
    limits: { ...DEFAULT_CONFIG.limits, ...definedOnly(file.limits ?? {}) },
    cache: { ...DEFAULT_CONFIG.cache, ...definedOnly(file.cache ?? {}) },
  };
  // Paths written in a file are relative to that file; those from flags or environment to the cwd.
  // A postgres:// URL is not a path: it is kept as written.
  const dbBase = fromFlags.db !== undefined || fromEnvironment.db !== undefined ? cwd : fileDir;
  config.db = resolveDbLocation(config.db, dbBase);
  if (file.catalog) config.catalog = resolveUserPath(file.catalog, fileDir);
  if (found) config.configFile = found.path;
  return config;
}

async function readConfigFile(
  cwd: string,
  explicitPath: string | undefined,
): Promise<{ path: string; config: ConfigFile } | undefined> {
  const explorer = cosmiconfig('ekai', {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: 'none',
    // `--config` may name a file with any extension (`.ekairc.example`): read unknown ones as YAML.
    loaders: explicitPath ? yamlLoaderFor(explicitPath) : {},
  });
  let result: Awaited<ReturnType<typeof explorer.search>>;
  try {
    result = explicitPath ? await explorer.load(explicitPath) : await explorer.search(cwd);
  } catch (error) {
    throw asConfigError(error, explicitPath ?? cwd);
  }
  if (!result) return undefined;
  if (result.isEmpty) return { path: result.filepath, config: {} };
  return { path: result.filepath, config: parseOrThrow(configFileSchema, result.config, result.filepath) };
}

function yamlLoaderFor(path: string): Record<string, Loader> {
  const extension = extname(path);
  return extension && !(extension in defaultLoaders) ? { [extension]: defaultLoaders['.yaml'] } : {};
}

function asConfigError(error: unknown, fallbackSource: string): ConfigError {
  const { code, filepath, reason, mark, message } = error as {
    code?: string;
    filepath?: string;
    reason?: string;
    mark?: { line: number; column: number };
    message?: string;
  };
  if (code === 'ENOENT') return new ConfigError(fallbackSource, '', 'config file not found');
  // YAML parse errors carry the reason and position; JSON and JS errors put theirs on the first line.
  const where = mark ? ` (line ${mark.line + 1}, column ${mark.column + 1})` : '';
  const why =
    reason ?? message?.split('\n').find((line) => line.trim() && !line.endsWith(':')) ?? String(error);
  return new ConfigError(filepath ?? fallbackSource, '', `cannot be parsed: ${why}${where}`);
}

function readEnvironment(env: NodeJS.ProcessEnv): Partial<Pick<EkaiConfig, Scalar>> {
  const out: Record<string, unknown> = {};
  for (const { name, key, kind } of ENVIRONMENT) {
    const raw = nonEmpty(env[name]);
    if (raw === undefined) continue;
    const value = kind === 'int' ? parseInteger(raw) : kind === 'boolean' ? parseBoolean(raw) : raw;
    out[key] = parseOrThrow(configFileSchema.shape[key], value, 'environment', [name]);
  }
  return out;
}

function readFlags(flags: ConfigFlags): Partial<Pick<EkaiConfig, Scalar>> {
  const out: Record<string, unknown> = {};
  for (const { key } of ENVIRONMENT) {
    const value = flags[key];
    if (value === undefined) continue;
    out[key] = parseOrThrow(configFileSchema.shape[key], value, 'command line', [`--${kebab(key)}`]);
  }
  return out;
}

function parseInteger(raw: string): number | string {
  return /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
}

function parseBoolean(raw: string): boolean | string {
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  return raw;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
