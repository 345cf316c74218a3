/**
 * The PostgreSQL twin of ../migrations.ts: the same numbered versions creating the same tables and
 * columns, in PostgreSQL's dialect. Applied in order, one transaction each, recorded in
 * `ekai_migrations`. Never edit a released migration: add a new one here and in ../migrations.ts.
 */
export const POSTGRES_MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE requests (
        id TEXT PRIMARY KEY,
        ts BIGINT NOT NULL,                 -- request start, epoch ms
        latency_ms BIGINT NOT NULL,
        ttfb_ms BIGINT,
        client_dialect TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        requested_model TEXT NOT NULL,
        model TEXT NOT NULL,                -- catalog id, or the requested name
        provider TEXT,                      -- who served (or last failed); NULL when none was tried
        upstream_model TEXT,
        stream SMALLINT NOT NULL,           -- 0/1, as in SQLite, so rows read the same
        status INTEGER NOT NULL,
        outcome TEXT NOT NULL,              -- ok | error | aborted
        attempts TEXT NOT NULL,             -- JSON [{provider, status, durationMs, error?}]
        input_tokens BIGINT NOT NULL,       -- excludes cache reads and writes
        output_tokens BIGINT NOT NULL,
        cache_read_tokens BIGINT NOT NULL,
        cache_write_tokens BIGINT NOT NULL,
        reasoning_tokens BIGINT,
        cost_usd DOUBLE PRECISION,          -- NULL when a needed price is unknown
        error_message TEXT,
        warnings TEXT NOT NULL,             -- JSON array of notes
        client_name TEXT,
        tag TEXT,
        seq BIGINT GENERATED ALWAYS AS IDENTITY -- write order (SQLite's rowid): ties on ts keep it
      );
      CREATE INDEX requests_ts ON requests (ts, seq);
      CREATE INDEX requests_provider_ts ON requests (provider, ts);
      CREATE INDEX requests_model_ts ON requests (model, ts);
    `,
  },
  {
    // Hourly sums per provider and model, kept up to date by the writers in the same transaction as
    // the records (INSERT … ON CONFLICT DO UPDATE: atomic, so concurrent gateways add up exactly).
    version: 2,
    sql: `
      CREATE TABLE usage_hourly (
        hour BIGINT NOT NULL,               -- start of the hour, epoch ms
        provider TEXT NOT NULL,             -- '' when no provider was tried
        model TEXT NOT NULL,
        requests BIGINT NOT NULL,
        errors BIGINT NOT NULL,
        aborted BIGINT NOT NULL,
        unpriced BIGINT NOT NULL,           -- requests whose cost is unknown
        input_tokens BIGINT NOT NULL,
        output_tokens BIGINT NOT NULL,
        cache_read_tokens BIGINT NOT NULL,
        cache_write_tokens BIGINT NOT NULL,
        cost_usd DOUBLE PRECISION NOT NULL, -- sum of the known costs
        PRIMARY KEY (hour, provider, model)
      );
      INSERT INTO usage_hourly
        SELECT ts / 3600000 * 3600000, COALESCE(provider, ''), model, COUNT(*),
          COUNT(*) FILTER (WHERE outcome = 'error'), COUNT(*) FILTER (WHERE outcome = 'aborted'),
          COUNT(*) FILTER (WHERE cost_usd IS NULL), SUM(input_tokens), SUM(output_tokens),
          SUM(cache_read_tokens), SUM(cache_write_tokens), COALESCE(SUM(cost_usd), 0)
        FROM requests GROUP BY 1, 2, 3;
    `,
  },
  {
    // Records the database refused (a value it will not store), set aside with the reason, as JSON.
    version: 3,
    sql: `
      CREATE TABLE usage_dead_letter (
        id TEXT NOT NULL,                   -- the record's id
        set_aside_at BIGINT NOT NULL,       -- epoch ms
        reason TEXT NOT NULL,               -- the database's error
        record TEXT NOT NULL                -- the whole record, JSON
      );
    `,
  },
];
