import type { Catalog } from '../config/catalog.js';
import type { ResolvedProvider } from '../config/providers.js';
import type { EkaiConfig } from '../config/schema.js';
import type { Cooldowns } from '../router/cooldown.js';
import type { UsageRecorder } from '../storage/usage-event.js';
import type { UsageReader } from '../storage/usage-reader.js';
import type { UpstreamClient } from './upstream.js';

/** What request handlers share: read-only settings, plus the router's provider health (cooldowns). */
export interface GatewayState {
  readonly config: EkaiConfig;
  readonly catalog: Catalog;
  readonly providers: Map<string, ResolvedProvider>;
  readonly recorder: UsageRecorder;
  readonly upstream: UpstreamClient;
  readonly cooldowns: Cooldowns;
  readonly usage?: UsageReader;
  readonly version: string;
  readonly startedAt: number;
}
