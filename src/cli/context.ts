import { type Catalog, loadCatalog } from '../config/catalog.js';
import { type ConfigFlags, loadConfig } from '../config/load-config.js';
import { type ResolvedProvider, resolveProviders } from '../config/providers.js';
import type { EkaiConfig } from '../config/schema.js';

/** What every command starts from: settings, the catalog, and the providers with their keys. */
export interface Context {
  config: EkaiConfig;
  catalog: Catalog;
  providers: Map<string, ResolvedProvider>;
}

export async function loadContext(
  flags: ConfigFlags,
  io: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<Context> {
  const config = await loadConfig({ cwd: io.cwd, env: io.env, flags });
  const catalog = loadCatalog(config.catalog ? { userCatalog: config.catalog } : {});
  const providers = resolveProviders(catalog, config, io.env);
  return { config, catalog, providers };
}
