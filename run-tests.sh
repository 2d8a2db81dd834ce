#!/usr/bin/env bash
# Every test: set up, build, run all ctest suites (labels: algorithms, server, plugin, ...).
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
scripts/build.sh
# The PostGIS tests' server on a loopback port, stopped on exit. Without it they skip (fail on CI).
if pg_env=$(scripts/postgis-test-server.sh start); then
  eval "$pg_env"
  trap "$PWD/scripts/postgis-test-server.sh stop" EXIT
else
  echo "run-tests: the PostGIS test server did not start; its tests skip (and fail on CI)" >&2
fi
cd build
ctest --output-on-failure -j2 --timeout 900 "$@"
