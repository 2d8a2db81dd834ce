#!/usr/bin/env bash
# A throw-away PostGIS server for the tests: a fresh cluster in a temporary directory, listening
# only on 127.0.0.1 on a free port, with the sample layers loaded.
#
#   eval "$(scripts/postgis-test-server.sh start)"   # exports FIREBEAT_TEST_PG, FIREBEAT_TEST_PG_DIR
#   scripts/postgis-test-server.sh stop              # stops it and removes $FIREBEAT_TEST_PG_DIR
#
# Databases: `firebeat` (the sample layers; tests only read it) and `firebeat_template` (the same,
# never connected to, so a test that writes can clone it: CREATE DATABASE x TEMPLATE firebeat_template).
# Progress goes to stderr; stdout carries only the export lines.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "postgis-test-server: $*" >&2; }

# PostgreSQL refuses to run as root: as root, run its programs as the postgres user.
as_db_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$dir/initdb" ] || { log "PostgreSQL not found (scripts/install-deps.sh installs postgresql-15-postgis-3)"; exit 1; }
  echo "$dir"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  local bin dir port conninfo layers
  bin=$(pg_bin)
  dir=$(mktemp -d /tmp/firebeat-pg.XXXXXX)
  [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
  port=$(free_port)
  log "initdb in $dir"
  as_db_user "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # Loopback only, the Unix socket in our own directory, no durability needed for tests.
  as_db_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off" start >&2 ||
    { cat "$dir/server.log" >&2; exit 1; }
  # A failure from here on leaves nothing running.
  export FIREBEAT_TEST_PG_DIR=$dir
  trap stop ERR
  conninfo="host=127.0.0.1 port=$port user=postgres"
  psql -X -q -v ON_ERROR_STOP=1 "$conninfo dbname=postgres" -c "CREATE DATABASE firebeat" >&2
  psql -X -q -v ON_ERROR_STOP=1 "$conninfo dbname=firebeat" -c "CREATE EXTENSION postgis" >&2
  layers=(police_districts villages units inspections hazards fire_stations officers)
  log "loading ${layers[*]} from sample-layers/kunming.sqlite on port $port"
  ogr2ogr -f PostgreSQL "PG:$conninfo dbname=firebeat" sample-layers/kunming.sqlite "${layers[@]}" >&2
  psql -X -q -v ON_ERROR_STOP=1 "$conninfo dbname=postgres" \
    -c "CREATE DATABASE firebeat_template TEMPLATE firebeat" >&2
  echo "export FIREBEAT_TEST_PG='PG:$conninfo dbname=firebeat'"
  echo "export FIREBEAT_TEST_PG_DIR='$dir'"
}

stop() {
  local dir=${FIREBEAT_TEST_PG_DIR:-}
  if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then
    log "nothing to stop (FIREBEAT_TEST_PG_DIR is not a server directory)"
    return 0
  fi
  as_db_user "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  rm -rf "$dir"
  log "stopped and removed $dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
