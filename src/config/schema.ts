import { z } from 'zod';

/** A TCP port; 0 asks the OS for a free one (useful in tests). */
const port = z.int('expected an integer port').min(0).max(65535);
const positiveInt = z.int('expected a positive integer').min(1);
const milliseconds = z.int('expected a whole number of milliseconds').min(1);

const providerSettings = z.strictObject({
  apiKey: z.string().min(1, 'must not be empty').optional(),
  baseUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
});

/** The config file's shape (SPEC §3). Every key is optional in a file; defaults fill the rest. */
export const configFileSchema = z.strictObject({
  port: port.optional(),
  host: z.string().min(1).optional(),
  dashboardPort: port.optional(),
  dashboard: z.boolean().optional(),
  tui: z.boolean().optional(),
  db: z.string().min(1).optional(),
  catalog: z.string().min(1).optional(),
  gatewayKeys: z.array(z.string().min(8, 'a gateway key needs at least 8 characters')).optional(),
  allowedOrigins: z
    .array(
      z
        .string()
        .regex(/^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+\/?$/i, 'expected an origin such as http://localhost:5173'),
    )
    .optional(),
  providers: z.record(z.string(), providerSettings).optional(),
  routing: z
    .strictObject({
      fallback: z.boolean().optional(),
      cooldownAfter: positiveInt.optional(),
      cooldownSeconds: z.number().min(0).optional(),
      maxRetryAfterSeconds: z.number().min(0).optional(),
    })
    .optional(),
  timeouts: z
    .strictObject({
      connectMs: milliseconds.optional(),
      firstByteMs: milliseconds.optional(),
      idleMs: milliseconds.optional(),
      clientHeadersMs: milliseconds.optional(),
      clientRequestMs: milliseconds.optional(),
    })
    .optional(),
  limits: z
    .strictObject({
      maxSseLineBytes: positiveInt.optional(),
      maxUpstreamBodyBytes: positiveInt.optional(),
    })
    .optional(),
  maxBodyBytes: positiveInt.optional(),
  retentionDays: positiveInt.optional(),
  workers: positiveInt.optional(),
  cache: z
    .strictObject({
      ttl: z.enum(['5m', '1h'], { error: 'expected 5m or 1h' }).optional(),
    })
    .optional(),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
export type ProviderSettings = z.infer<typeof providerSettings>;

export interface UpstreamLimits {
  /** Longest SSE line (or data of one event) in an upstream stream: beyond it, an in-stream error. */
  maxSseLineBytes: number;
  /** Largest upstream JSON answer, counted decompressed: beyond it, a 502. */
  maxUpstreamBodyBytes: number;
}

/** Fully resolved settings, after defaults, file, environment and flags. */
export interface EkaiConfig {
  port: number;
  host: string;
  dashboardPort: number;
  dashboard: boolean;
  tui: boolean;
  /** Absolute path of the usage database. */
  db: string;
  /** Absolute path of the user's catalog, merged over the bundled one. */
  catalog?: string;
  gatewayKeys: string[];
  /** Web-page origins allowed to call the gateway (any other request with an `Origin` is refused). */
  allowedOrigins: string[];
  providers: Record<string, ProviderSettings>;
  routing: {
    fallback: boolean;
    cooldownAfter: number;
    cooldownSeconds: number;
    /** The longest cooldown a provider's `retry-after` can ask for; absent: DEFAULT_CONFIG's. */
    maxRetryAfterSeconds?: number;
  };
  /** Upstream: connect, first byte, idle between chunks. Clients: headers, and the whole request body. */
  timeouts: {
    connectMs: number;
    firstByteMs: number;
    idleMs: number;
    clientHeadersMs: number;
    clientRequestMs: number;
  };
  /** Bounds on what providers send (docs/security.md, Limits). */
  limits: UpstreamLimits;
  maxBodyBytes: number;
  retentionDays?: number;
  /** `ekai serve`: gateway processes sharing the port (node:cluster); 1 runs it in this process. */
  workers: number;
  /**
   * The prompt-cache breakpoints ekai adds when it translates into Messages: their TTL (Anthropic's
   * 5-minute default, or 1 hour, which costs more to write and pays off in long agent sessions).
   */
  cache: { ttl: '5m' | '1h' };
  /** The config file that was read, if any. */
  configFile?: string;
}
