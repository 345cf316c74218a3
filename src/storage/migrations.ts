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
  {
    // Hourly sums per provider and model, kept up to date by the writer in the same transaction as
    // the records: a summary over a month of a busy gateway reads a few thousand rows, not millions.
    version: 2,
    sql: `
      CREATE TABLE usage_hourly (
        hour INTEGER NOT NULL,              -- start of the hour, epoch ms
        provider TEXT NOT NULL,             -- '' when no provider was tried
        model TEXT NOT NULL,
        requests INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        aborted INTEGER NOT NULL,
        unpriced INTEGER NOT NULL,          -- requests whose cost is unknown
        input_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        cache_read_tokens INTEGER NOT NULL,
        cache_write_tokens INTEGER NOT NULL,
        cost_usd REAL NOT NULL,             -- sum of the known costs
        PRIMARY KEY (hour, provider, model)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO usage_hourly
        SELECT ts / 3600000 * 3600000, COALESCE(provider, ''), model, COUNT(*), SUM(outcome = 'error'),
          SUM(outcome = 'aborted'), SUM(cost_usd IS NULL), SUM(input_tokens), SUM(output_tokens),
          SUM(cache_read_tokens), SUM(cache_write_tokens), COALESCE(SUM(cost_usd), 0)
        FROM requests GROUP BY 1, 2, 3;
    `,
  },
  {
    // Records the database refused (a value it will not store): set aside with the reason, as JSON,
    // so that one bad record never blocks the others and nothing is silently lost.
    version: 3,
    sql: `
      CREATE TABLE usage_dead_letter (
        id TEXT NOT NULL,                   -- the record's id
        set_aside_at INTEGER NOT NULL,      -- epoch ms
        reason TEXT NOT NULL,               -- the database's error
        record TEXT NOT NULL                -- the whole record, JSON
      ) STRICT;
    `,
  },
];
