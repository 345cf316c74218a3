import type { Catalog } from '../config/catalog.js';
import type { ResolvedProvider } from '../config/providers.js';
import type { EkaiConfig } from '../config/schema.js';
import type { GatewayMetrics } from '../metrics/index.js';
import type { Cooldowns } from '../router/cooldown.js';
import type { UsageReader } from '../storage/usage-reader.js';
import type { UsageRecorder } from '../usage/event.js';
import type { Exchange } from './exchange.js';
import type { UpstreamClient } from './upstream.js';

/**
 * What request handlers share: read-only settings, plus the router's provider health (cooldowns)
 * and, for the metrics gauges, the completion requests in flight.
 */
export interface GatewayState {
  readonly config: EkaiConfig;
  readonly catalog: Catalog;
  readonly providers: Map<string, ResolvedProvider>;
  readonly recorder: UsageRecorder;
  readonly upstream: UpstreamClient;
  readonly cooldowns: Cooldowns;
  readonly usage?: UsageReader;
  readonly metrics: GatewayMetrics;
  /** Completion requests being served; handlers add theirs and remove it when done. */
  readonly inFlight: Set<Exchange>;
  readonly version: string;
  readonly startedAt: number;
}
