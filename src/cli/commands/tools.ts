import type { Tool } from './run-tool.js';

/** Claude Code reads these; ekai's own flag `--fast-model` is taken out of the arguments first. */
export const claudeCode: Tool = {
  command: 'claude',
  install: 'npm install -g @anthropic-ai/claude-code',
  prepare(args, { url, key, env }) {
    const { fastModel, rest } = takeFlag(args, '--fast-model');
    // A subscription token would be sent instead of the gateway key; the gateway never needs it.
    const { CLAUDE_CODE_OAUTH_TOKEN: _subscription, ...inherited } = env;
    return {
      args: rest,
      env: {
        ...inherited,
        ANTHROPIC_BASE_URL: url,
        // Sent as `Authorization: Bearer`; it also keeps Claude Code from asking to log in.
        ANTHROPIC_AUTH_TOKEN: key,
        ...(fastModel && { ANTHROPIC_SMALL_FAST_MODEL: fastModel, ANTHROPIC_DEFAULT_HAIKU_MODEL: fastModel }),
      },
    };
  },
};

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

/** Remove `--name value` / `--name=value` from the arguments. */
function takeFlag(args: readonly string[], name: string): { fastModel: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let fastModel: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    if (arg === name && index + 1 < args.length) fastModel = args[++index];
    else if (arg.startsWith(`${name}=`)) fastModel = arg.slice(name.length + 1);
    else rest.push(arg);
  }
  return { fastModel, rest };
}
