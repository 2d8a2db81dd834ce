#!/usr/bin/env bash
# Whole-process benchmark of `firebeat emerging`: 10,000 villages x 36 months (see
# bench/README-emerging.md). Usage: bench/emerging_run.sh BUILD_DIR [RUNS]
set -euo pipefail
build=${1:-build}
runs=${2:-3}
work=/tmp/firebeat-bench
mkdir -p "$work"
cube=$work/emerging_10k_36.gpkg
[ -f "$cube" ] || /usr/bin/python3 "$(dirname "$0")/emerging_make_cube.py" "$cube" 100 36
for i in $(seq "$runs"); do
  rm -f "$work/emerging_out.gpkg"
  /usr/bin/time -f "run $i: %e s wall, %U s user, %S s system, %M KiB max RSS" \
    "$build/server/firebeat" emerging --quiet --input "$cube" --id-field village_id \
    --reference-date 2026-11-30 --output "$work/emerging_out.gpkg" >/dev/null
done
"$build/server/firebeat" emerging --quiet --json --input "$cube" --id-field village_id \
  --reference-date 2026-11-30 --output "$work/emerging_out.gpkg"
