#!/bin/bash
# Times QGIS 3.22's heatmap (qgis:heatmapkerneldensityestimation through qgis_process) against
# the whole `firebeat heatmap --qgis-compatible` command (uncompressed like QGIS's file, and with its
# default DEFLATE) on the same 1,000,000 clustered points:
# radius 500 m, 20 m pixels, quartic, weight field, EPSG:4543. The two run alternately; medians
# of wall time and peak memory (/usr/bin/time -v) are reported with the machine's load, then the
# outputs are compared pixel by pixel (bench/kde_bench compare), and the engine alone is timed.
# Needs qgis, gdal-bin, python3-gdal, python3-numpy and time (Debian).
#
# Usage: bench/heatmap_vs_qgis.sh [BUILD_DIR] [RUNS]    (defaults: ./build, 3)
#        WORK=/some/dir to keep the points and outputs elsewhere than /tmp/firebeat-bench.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
runs=${2:-3}
bench=$build/bench/kde_bench
firebeat=$build/server/firebeat
work=${WORK:-/tmp/firebeat-bench}
points=$work/points_1m.gpkg
[ -x "$bench" ] || { echo "no $bench: build the kde_bench target first" >&2; exit 2; }
[ -x "$firebeat" ] || { echo "no $firebeat: build the firebeat target first" >&2; exit 2; }
[ -x /usr/bin/qgis_process.bin ] || { echo "no /usr/bin/qgis_process.bin (Debian package qgis)" >&2; exit 2; }
mkdir -p "$work/xdg"
chmod 700 "$work/xdg"
[ -f "$points" ] || /usr/bin/python3 "$here/make_points.py" "$points"

# Wall seconds and peak RSS (MiB) from a /usr/bin/time -v report.
measure() {
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
                /Maximum resident set size/ { m = $2 / 1024 }
                END { printf "%.2f %.0f\n", s, m }' "$1"
}

run_qgis() {
    rm -f "$work/qgis.tif"
    QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$work/xdg /usr/bin/time -v -o "$work/qgis.time" \
        /usr/bin/qgis_process.bin run qgis:heatmapkerneldensityestimation -- \
        INPUT="$points" RADIUS=500 PIXEL_SIZE=20 KERNEL=0 OUTPUT_VALUE=0 WEIGHT_FIELD=weight \
        OUTPUT="$work/qgis.tif" >"$work/qgis.log" 2>&1
    measure "$work/qgis.time"
}

# run_ours COMPRESSION: deflate is the command's default; none writes an uncompressed GeoTIFF as
# QGIS does (the like-for-like job).
run_ours() {
    rm -f "$work/ours.tif"
    /usr/bin/time -v -o "$work/ours.time" "$firebeat" heatmap --input "$points" --output "$work/ours.tif" \
        --radius 500 --pixel-size 20 --weight-field weight --kernel quartic --output-value raw \
        --qgis-compatible --compress "$1" --quiet >"$work/ours.log"
    measure "$work/ours.time"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
     "$(grep -m1 'cpu MHz' /proc/cpuinfo | cut -d: -f2 | xargs) MHz, load $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$work/qgis.runs"
: >"$work/ours.runs"
: >"$work/ours_none.runs"
# Each run starts on a settled machine: right after QGIS exits (freeing ~260 MiB) the next
# process's page faults cost more on this VM, which would tilt the figures against whoever runs
# second.
settle() { sync; sleep "${SETTLE_SECONDS:-3}"; }
for i in $(seq "$runs"); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    settle
    q=$(run_qgis)
    settle
    n=$(run_ours none)
    settle
    o=$(run_ours deflate)
    echo "run $i (load $load): QGIS ${q% *} s ${q#* } MiB;" \
         "firebeat heatmap --compress none ${n% *} s, $(awk "BEGIN { printf \"%.1f\", ${q% *} / ${n% *} }")x;" \
         "default (deflate) ${o% *} s ${o#* } MiB, $(awk "BEGIN { printf \"%.1f\", ${q% *} / ${o% *} }")x"
    echo "$q" >>"$work/qgis.runs"
    echo "$n" >>"$work/ours_none.runs"
    echo "$o" >>"$work/ours.runs"
done
qt=$(cut -d' ' -f1 "$work/qgis.runs" | median)
qm=$(cut -d' ' -f2 "$work/qgis.runs" | median)
ot=$(cut -d' ' -f1 "$work/ours.runs" | median)
om=$(cut -d' ' -f2 "$work/ours.runs" | median)
nt=$(cut -d' ' -f1 "$work/ours_none.runs" | median)
echo "median: QGIS $qt s, $qm MiB; firebeat heatmap $ot s, $om MiB; FireBeat is $(awk "BEGIN { printf \"%.1f\", $qt / $ot }")x faster"
echo "median with --compress none (uncompressed, as QGIS writes): $nt s, $(awk "BEGIN { printf \"%.1f\", $qt / $nt }")x"
echo "FireBeat's last run:"
sed 's/^/  /' "$work/ours.log"
echo "same output? $("$bench" compare "$work/qgis.tif" "$work/ours.tif")"
echo "engine alone (no file), QGIS-compatible and density:"
"$bench" heatmap --input "$points" --radius 500 --pixel-size 20 --weight-field weight --output-value raw \
    --qgis-compatible --compute-only | sed 's/^/  /'
"$bench" heatmap --input "$points" --radius 500 --pixel-size 20 --weight-field weight --output-value density \
    --compute-only | sed 's/^/  /'
