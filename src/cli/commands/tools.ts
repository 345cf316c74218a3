import { readFileSync } from 'node:fs';
import type { Tool } from './run-tool.js';

/**
 * Claude Code reads these; ekai's own flag `--fast-model` is taken out of the arguments first.
 *
 * The gateway goes in the environment and, again, in `--settings`: the `env` block of the user's
 * ~/.claude/settings.json overrides the environment (a user who once pointed Claude Code at another
 * gateway there would silently bypass ekai), and `--settings` overrides that file
 * (https://code.claude.com/docs/en/llm-gateway-connect, "Set in a settings file"). A `--settings`
 * of the user's own is merged, not lost. Model discovery is on unless the user's settings say
 * otherwise, so Claude Code's /model picker lists ekai's models (docs/claude-code-gateway.md).
 *
 * ekai is the host that manages Claude Code's model provider here, so it passes the catalog's prices
 * as `modelPricing` in `--managed-settings` with `CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST` (the one way
 * Claude Code honours them besides machine-wide managed settings): its `/cost` and
 * `total_cost_usd` then agree with ekai's records. A `--managed-settings` of the user's own wins.
 */
export const claudeCode: Tool = {
  command: 'claude',
  install: 'npm install -g @anthropic-ai/claude-code',
  prepare(args, { url, key, env, prices }) {
    const { value: fastModel, rest: withoutFastModel } = takeFlag(args, '--fast-model');
    const { value: ownSettings, rest } = takeFlag(withoutFastModel, '--settings');
    const pricing =
      prices &&
      Object.keys(prices).length > 0 &&
      !rest.some((arg) => arg === '--managed-settings' || arg.startsWith('--managed-settings='))
        ? ['--managed-settings', JSON.stringify({ modelPricing: { overrides: prices } })]
        : [];
    // A subscription token would be sent instead of the gateway key; the gateway never needs it.
    const { CLAUDE_CODE_OAUTH_TOKEN: _subscription, ...inherited } = env;
    const gateway = {
      ANTHROPIC_BASE_URL: url,
      // Sent as `Authorization: Bearer`; it also keeps Claude Code from asking to log in.
      ANTHROPIC_AUTH_TOKEN: key,
    };
    // Global options go before any subcommand (`claude mcp list`) so claude reads them as its own.
    return {
      args: ['--settings', JSON.stringify(withGateway(ownSettings, gateway)), ...pricing, ...rest],
      env: {
        CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: '1',
        ...inherited,
        ...gateway,
        ...(pricing.length > 0 && { CLAUDE_CODE_PROVIDER_MANAGED_BY_HOST: '1' }),
        ...(fastModel && { ANTHROPIC_SMALL_FAST_MODEL: fastModel, ANTHROPIC_DEFAULT_HAIKU_MODEL: fastModel }),
      },
    };
  },
};

/**
 * Settings for `--settings`: the user's own (inline JSON or a file, as claude reads it) with the
 * gateway in `env`. An `ANTHROPIC_API_KEY` from the user's settings files is blanked: claude would
 * send it as `x-api-key`, which a gateway with keys reads before the Bearer token.
 */
function withGateway(own: string | undefined, gateway: Record<string, string>): Record<string, unknown> {
  const settings = own === undefined ? {} : readSettings(own);
  const env = isObject(settings.env) ? settings.env : {};
  return { ...settings, env: { ...env, ANTHROPIC_API_KEY: '', ...gateway } };
}

function readSettings(value: string): Record<string, unknown> {
  const text = value.trimStart().startsWith('{') ? value : readFileSync(value, 'utf8');
  const parsed: unknown = JSON.parse(text);
  if (!isObject(parsed)) throw new Error(`--settings ${value}: not a JSON object`);
  return parsed;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Codex through `/v1/responses`, configured with `-c` overrides so the user's own
 * ~/.codex/config.toml is neither needed nor touched.
 */
export const codex: Tool = {
  command: 'codex',
  install: 'npm install -g @openai/codex',
  prepare(args, { url, key, env }) {
    const overrides = [
      'model_provider="ekai"',
      'model_providers.ekai.name="ekai"',
      `model_providers.ekai.base_url="${url}/v1"`,
      'model_providers.ekai.wire_api="responses"',
      'model_providers.ekai.env_key="EKAI_API_KEY"',
    ];
    return {
      args: [...overrides.flatMap((override) => ['-c', override]), ...args],
      env: { ...env, EKAI_API_KEY: key },
    };
  },
};

/** Remove `--name value` / `--name=value` from the arguments (the last one given wins). */
function takeFlag(args: readonly string[], name: string): { value: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    if (arg === name && index + 1 < args.length) value = args[++index];
    else if (arg.startsWith(`${name}=`)) value = arg.slice(name.length + 1);
    else rest.push(arg);
  }
  return { value, rest };
}
