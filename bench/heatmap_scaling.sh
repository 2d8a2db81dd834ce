#!/bin/bash
# Scaling of the heatmap with points and radius: `firebeat heatmap --qgis-compatible` (whole
# process) against QGIS 3.22's qgis:heatmapkerneldensityestimation on the same points, radius
# 250 / 500 / 1000 / 2000 m at 20 m pixels, 100 k / 1 M / 4 M clustered points (make_points.py,
# 40 x 40 km, weights 1/2/4, quartic, raw values), one run each, QGIS and firebeat alternately
# (ratios are of the same moment). Also the engine alone (kde_bench --compute-only) with the
# row-wise polynomial accumulation and with direct evaluation (--direct), and the accumulated
# engine's CPU time per point row (points x 2r/pixel), which stays flat as the radius grows
# where direct evaluation's cost per point grows with the disc's area.
#
# QGIS's time grows with points x radius^2 (about 16 s for 1 M points at 500 m on an idle
# machine, so ~260 s at 2000 m and ~1000 s for 4 M points at 2000 m): the combinations listed in
# QGIS_SKIP ("POINTS:RADIUS ...") are not run with QGIS and say "skipped".
#
# Usage: bench/heatmap_scaling.sh [BUILD_DIR]
# Environment: COUNTS="100000 1000000 4000000", RADII="250 500 1000 2000",
#   QGIS_SKIP="1000000:2000 4000000:1000 4000000:2000", WORK=/tmp/firebeat-bench (keeps the point
#   files). Needs qgis, gdal-bin, python3-gdal, python3-numpy, time (Debian).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
bench=$build/bench/kde_bench
firebeat=$build/server/firebeat
work=${WORK:-/tmp/firebeat-bench}
counts=${COUNTS:-100000 1000000 4000000}
radii=${RADII:-250 500 1000 2000}
skip=" ${QGIS_SKIP-1000000:2000 4000000:1000 4000000:2000} "
pixel=20
[ -x "$bench" ] && [ -x "$firebeat" ] || { echo "build the kde_bench and firebeat targets first" >&2; exit 2; }
mkdir -p "$work/xdg"
chmod 700 "$work/xdg"

seconds() { # wall seconds of a /usr/bin/time -v report
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f\n", s }' "$1"
}
engine() { # N R [--direct] -> engine seconds and CPU ns per point row
    "$bench" heatmap --input "$1" --radius "$2" --pixel-size $pixel --weight-field weight --output-value raw \
        --qgis-compatible --compute-only ${3:-} >"$work/engine.log"
    awk '/^read/ { for (i = 1; i <= NF; i++) if ($i == "compute") c = $(i + 1) }
         /^point rows/ { for (i = 1; i <= NF; i++) if ($i == "CPU" && $(i + 1) == "ns" && n == "") n = $(i - 1) }
         END { printf "%s %s\n", c, n }' "$work/engine.log"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| points | radius | QGIS 3.22 | firebeat heatmap | ratio | engine, accumulated | engine, direct | accumulated CPU ns / point row | load |"
echo "|---|---|---|---|---|---|---|---|---|"
for n in $counts; do
    points=$work/points_$n.gpkg
    [ -f "$points" ] || /usr/bin/python3 "$here/make_points.py" "$points" --count "$n" >/dev/null
    for r in $radii; do
        load=$(cut -d' ' -f1 /proc/loadavg)
        q="skipped"
        if [[ "$skip" != *" $n:$r "* ]]; then
            sync; sleep 2
            rm -f "$work/scaling_qgis.tif"
            QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$work/xdg /usr/bin/time -v -o "$work/qgis.time" \
                /usr/bin/qgis_process.bin run qgis:heatmapkerneldensityestimation -- \
                INPUT="$points" RADIUS="$r" PIXEL_SIZE=$pixel KERNEL=0 OUTPUT_VALUE=0 WEIGHT_FIELD=weight \
                OUTPUT="$work/scaling_qgis.tif" >"$work/qgis.log" 2>&1
            q=$(seconds "$work/qgis.time")
        fi
        sync; sleep 2
        rm -f "$work/scaling_ours.tif"
        /usr/bin/time -v -o "$work/ours.time" "$firebeat" heatmap --input "$points" --output "$work/scaling_ours.tif" \
            --radius "$r" --pixel-size $pixel --weight-field weight --kernel quartic --output-value raw \
            --qgis-compatible --quiet >/dev/null
        o=$(seconds "$work/ours.time")
        ratio="–"
        case "$q" in skipped*) ;; *) ratio=$(awk "BEGIN { printf \"%.1fx\", $q / $o }") ;; esac
        read -r acc perRow < <(engine "$points" "$r")
        read -r direct _ < <(engine "$points" "$r" --direct)
        printf "| %s | %s m | %s | %s s | %s | %.3f s | %.3f s | %.1f | %s |\n" "$n" "$r" \
            "$(case "$q" in skipped*) echo "$q" ;; *) echo "$q s" ;; esac)" "$o" "$ratio" "$acc" "$direct" "$perRow" "$load"
        case "$q" in skipped*) ;; *) echo "  same output? $("$bench" compare "$work/scaling_qgis.tif" "$work/scaling_ours.tif")" >&2 ;; esac
    done
done
