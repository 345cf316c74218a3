/**
 * A problem with user-supplied settings (config file, catalog, environment, flags). Its message is
 * one line naming where the problem is, which key, and why — printed as is by the CLI, never as a
 * stack trace.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    /** Where the value came from: a file path, `environment`, `command line`. */
    readonly source: string,
    /** Dotted path of the offending key (`routing.cooldownAfter`), or '' for the whole file. */
    readonly key: string,
    readonly reason: string,
  ) {
    super(`${source}: ${key ? `${key}: ` : ''}${reason}`);
  }
}

/** Dotted key path as users write it: `providers.openai.apiKey`, `models.gpt-4o.offers[0]`. */
export function formatKeyPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}
