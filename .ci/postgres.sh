#!/usr/bin/env bash
# A throwaway PostgreSQL server for the storage tests, on loopback only, in its own data folder (the
# system's clusters are left alone). `start` initialises it on first use, starts it if it is not
# running, makes sure the `ekai` role (allowed to create databases: each test makes its own) and the
# `ekai_test` database exist, and prints the connection URL; `stop` stops it.
# Needs Debian's `postgresql` package. As root it runs the server as the `postgres` OS user (the
# server refuses to run as root); as anyone else, as that user.
#   export EKAI_TEST_POSTGRES_URL=$(.ci/postgres.sh start)
# Settings: EKAI_PG_DATA (/tmp/ekai-postgres), EKAI_PG_PORT (55432).
set -euo pipefail

data=${EKAI_PG_DATA:-/tmp/ekai-postgres}
port=${EKAI_PG_PORT:-55432}
bin=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "$bin" ]]; then
  echo "postgres.sh: no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)" >&2
  exit 1
fi

if [[ "$(id -u)" == 0 ]]; then
  owner=postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  owner=$(id -un)
  as_owner() { "$@"; }
fi

psql_admin() {
  as_owner "$bin/psql" -h "$data" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"
}

start() {
  if [[ ! -s "$data/PG_VERSION" ]]; then
    mkdir -p "$data"
    chown "$owner" "$data"
    chmod 700 "$data"
    # Superuser only through the Unix socket in the data folder (peer); TCP needs a password.
    as_owner "$bin/initdb" -D "$data" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
      --encoding=UTF8 --no-instructions >"$data.initdb.log" 2>&1 || {
      cat "$data.initdb.log" >&2
      exit 1
    }
  fi
  if ! as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c max_connections=200" start >/dev/null || {
      cat "$data/server.log" >&2
      exit 1
    }
  fi
  psql_admin <<'SQL'
SELECT 'CREATE ROLE ekai LOGIN CREATEDB PASSWORD ''ekai'''
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ekai') \gexec
SELECT 'CREATE DATABASE ekai_test OWNER ekai'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ekai_test') \gexec
SQL
  echo "postgres://ekai:ekai@127.0.0.1:$port/ekai_test"
}

stop() {
  if [[ -s "$data/PG_VERSION" ]]; then as_owner "$bin/pg_ctl" -D "$data" -m fast stop >/dev/null || true; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
