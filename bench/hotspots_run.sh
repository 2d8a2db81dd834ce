#!/bin/sh
# Runs the hot-spot benchmark: FireBeat and R spdep on the same generated GeoPackage, each as a
# whole process timed from outside: the `firebeat hotspots` command (3 runs),
# firebeat_hotspots_bench (the engine with a minimal reader and writer, its steps timed inside; 3
# runs on both cores, 1 on one core) and 1 run of spdep, which is single-threaded and takes long (SPDEP=0 leaves it out).
# Usage: bench/hotspots_run.sh BUILD_DIR [VILLAGES]
set -eu
build=${1:?usage: hotspots_run.sh BUILD_DIR [VILLAGES]}
villages=${2:-10000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench="$build/bench/firebeat_hotspots_bench"
[ -x "$bench" ] || bench=$(find "$build" -name firebeat_hotspots_bench -type f | head -n 1)
firebeat="$build/server/firebeat"
"$bench" generate "$work/villages.gpkg" --villages "$villages"
for run in 1 2 3; do # the product's command: queen weights, Gi*, Local Moran's I (999)
  rm -f "$work/command.gpkg"
  /usr/bin/time -f "firebeat hotspots run $run: %e s wall, %U s user, %M KB peak" \
    "$firebeat" hotspots "$work/villages.gpkg" --layer villages --value-field value \
    --id-field village_id --output "$work/command.gpkg" --quiet >/dev/null
done
for run in 1 2 3; do
  /usr/bin/time -f "firebeat_hotspots_bench run $run: %e s wall, %U s user, %M KB peak" \
    "$bench" run "$work/villages.gpkg" "$work/firebeat.gpkg"
done
/usr/bin/time -f "firebeat_hotspots_bench one thread: %e s wall, %U s user, %M KB peak" \
  "$bench" run "$work/villages.gpkg" "$work/firebeat.gpkg" --threads 1
if [ "${SPDEP:-1}" != 0 ]; then
  /usr/bin/time -f "spdep: %e s wall, %U s user, %M KB peak" \
    Rscript "$here/hotspots_spdep.R" "$work/villages.gpkg" "$work/spdep.gpkg"
fi
