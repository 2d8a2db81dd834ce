#!/usr/bin/env bash
# The main job on the sample layers: set up, build, validate the Kunming sample.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
scripts/build.sh
echo
echo "== firebeat validate sample-layers/kunming.sqlite"
build/server/firebeat validate sample-layers/kunming.sqlite
