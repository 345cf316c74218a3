import type { Catalog } from '../config/catalog.js';
import type { ResolvedProvider } from '../config/providers.js';
import type { EkaiConfig } from '../config/schema.js';
import type { UsageRecorder } from '../storage/usage-event.js';
import type { UpstreamClient } from './upstream.js';

/** What request handlers read; shared by all requests, never written by them. */
export interface GatewayState {
  readonly config: EkaiConfig;
  readonly catalog: Catalog;
  readonly providers: Map<string, ResolvedProvider>;
  readonly recorder: UsageRecorder;
  readonly upstream: UpstreamClient;
  readonly version: string;
  readonly startedAt: number;
}
