/**
 * Numbered schema migrations, applied in order inside one transaction each; the database's
 * `user_version` records the last one applied. Never edit a released migration: add a new one.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE requests (
        id TEXT PRIMARY KEY,
        ts INTEGER NOT NULL,                -- request start, epoch ms
        latency_ms INTEGER NOT NULL,
        ttfb_ms INTEGER,
        client_dialect TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        requested_model TEXT NOT NULL,
        model TEXT NOT NULL,                -- catalog id, or the requested name
        provider TEXT,                      -- who served (or last failed); NULL when none was tried
        upstream_model TEXT,
        stream INTEGER NOT NULL,
        status INTEGER NOT NULL,
        outcome TEXT NOT NULL,              -- ok | error | aborted
        attempts TEXT NOT NULL,             -- JSON [{provider, status, durationMs, error?}]
        input_tokens INTEGER NOT NULL,      -- excludes cache reads and writes
        output_tokens INTEGER NOT NULL,
        cache_read_tokens INTEGER NOT NULL,
        cache_write_tokens INTEGER NOT NULL,
        reasoning_tokens INTEGER,
        cost_usd REAL,                      -- NULL when a needed price is unknown
        error_message TEXT,
        warnings TEXT NOT NULL,             -- JSON array of notes
        client_name TEXT,
        tag TEXT
      ) STRICT;
      CREATE INDEX requests_ts ON requests (ts);
      CREATE INDEX requests_provider_ts ON requests (provider, ts);
      CREATE INDEX requests_model_ts ON requests (model, ts);
    `,
  },
];
