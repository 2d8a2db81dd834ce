#!/bin/sh
# Runs the hot-spot benchmark: FireBeat and R spdep on the same generated GeoPackage, each as a
# whole process timed from outside (3 runs of FireBeat on both cores, 1 on one core, 1 run of
# spdep, which is single-threaded and takes long).
# Usage: bench/hotspots_run.sh BUILD_DIR [VILLAGES]
set -eu
build=${1:?usage: hotspots_run.sh BUILD_DIR [VILLAGES]}
villages=${2:-10000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench="$build/bench/firebeat_hotspots_bench"
[ -x "$bench" ] || bench=$(find "$build" -name firebeat_hotspots_bench -type f | head -n 1)
"$bench" generate "$work/villages.gpkg" --villages "$villages"
for run in 1 2 3; do
  /usr/bin/time -f "firebeat run $run: %e s wall, %U s user, %M KB peak" \
    "$bench" run "$work/villages.gpkg" "$work/firebeat.gpkg"
done
/usr/bin/time -f "firebeat one thread: %e s wall, %U s user, %M KB peak" \
  "$bench" run "$work/villages.gpkg" "$work/firebeat.gpkg" --threads 1
/usr/bin/time -f "spdep: %e s wall, %U s user, %M KB peak" \
  Rscript "$here/hotspots_spdep.R" "$work/villages.gpkg" "$work/spdep.gpkg"
