import type { Catalog, Provider } from './catalog.js';
import { ConfigError } from './errors.js';
import type { EkaiConfig } from './schema.js';

export interface ResolvedProvider extends Provider {
  /** Never printed, logged or stored. */
  apiKey?: string;
  /** A provider without a key is never tried (SPEC §3). */
  configured: boolean;
}

/**
 * Join the catalog's providers with the user's settings: base URL from the config file, else the
 * catalog; key from the config file, else the provider's environment variable.
 */
export function resolveProviders(
  catalog: Catalog,
  config: Pick<EkaiConfig, 'providers' | 'configFile'>,
  env: NodeJS.ProcessEnv = process.env,
): Map<string, ResolvedProvider> {
  for (const name of Object.keys(config.providers)) {
    if (!catalog.providers.has(name)) {
      const known = [...catalog.providers.keys()].join(', ');
      throw new ConfigError(
        config.configFile ?? 'config',
        `providers.${name}`,
        `unknown provider (known: ${known})`,
      );
    }
  }
  const resolved = new Map<string, ResolvedProvider>();
  for (const [name, provider] of catalog.providers) {
    const settings = config.providers[name] ?? {};
    const apiKey = settings.apiKey ?? (env[provider.keyEnv]?.trim() || undefined);
    resolved.set(name, {
      ...provider,
      baseUrl: settings.baseUrl ?? provider.baseUrl,
      ...(apiKey !== undefined && { apiKey }),
      configured: apiKey !== undefined,
    });
  }
  return resolved;
}
