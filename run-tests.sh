#!/usr/bin/env bash
# Every test: set up, build, run all ctest suites (labels: algorithms, server, plugin, ...).
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
scripts/build.sh
cd build
ctest --output-on-failure -j2 --timeout 900 "$@"
