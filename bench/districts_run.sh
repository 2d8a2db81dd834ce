#!/bin/sh
# District design benchmark: the whole `firebeat districts` command on 10,000 generated Voronoi
# villages (plus one island) with K = 100, timed from outside, 3 runs; each run prints the balance.
# Usage: bench/districts_run.sh BUILD_DIR [VILLAGES] [ZONES]
set -eu
build=${1:?usage: districts_run.sh BUILD_DIR [VILLAGES] [ZONES]}
villages=${2:-10000}
zones=${3:-100}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gen="$build/bench/firebeat_hotspots_bench"
[ -x "$gen" ] || gen=$(find "$build" -name firebeat_hotspots_bench -type f | head -n 1)
firebeat="$build/server/firebeat"
"$gen" generate "$work/villages.gpkg" --villages "$villages"
for run in 1 2 3; do
  /usr/bin/time -f "run $run: %e s wall, %U s user, %M KB peak" \
    "$firebeat" districts --input "$work/villages.gpkg" --workload-field value --zones "$zones" \
    --seed 1 --quiet --output "$work/design.gpkg"
done
/usr/bin/time -f "one thread: %e s wall, %U s user, %M KB peak" \
  "$firebeat" districts --input "$work/villages.gpkg" --workload-field value --zones "$zones" \
  --seed 1 --threads 1 --quiet --output "$work/design.gpkg"
