import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EkaiConfig } from './schema.js';

export const DEFAULT_CONFIG: Readonly<EkaiConfig> = Object.freeze({
  port: 3001,
  host: '127.0.0.1',
  dashboardPort: 3000,
  dashboard: true,
  tui: true,
  db: join(homedir(), '.ekai', 'usage.db'),
  gatewayKeys: [],
  allowedOrigins: [],
  providers: {},
  // A provider's retry-after of a year must not disable it until restart: at most 10 minutes.
  routing: { fallback: true, cooldownAfter: 3, cooldownSeconds: 30, maxRetryAfterSeconds: 600 },
  // Generous first-byte and idle limits: reasoning models think for minutes before the first token.
  // Slow clients (slowloris) get 15 s for their headers and 2 minutes for the whole request body.
  timeouts: {
    connectMs: 10_000,
    firstByteMs: 300_000,
    idleMs: 300_000,
    clientHeadersMs: 15_000,
    clientRequestMs: 120_000,
  },
  // What a provider sends is bounded too: a line that never ends, a gzip bomb, a runaway answer.
  limits: { maxSseLineBytes: 16 * 1024 * 1024, maxUpstreamBodyBytes: 64 * 1024 * 1024 },
  maxBodyBytes: 32 * 1024 * 1024,
  workers: 1,
  cache: { ttl: '5m' as const },
});
