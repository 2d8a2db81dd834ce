#!/usr/bin/env bash
# The main job on the sample layers: set up, build, validate the Kunming sample, then compute
# the hazard heatmap, coverage gaps, village hot spots, district sizing and emerging hot spots
# (on the sample with its planted space-time patterns) into out/, and
# finally serve the layers with the web viewer at http://127.0.0.1:8080/.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
scripts/build.sh
fb=build/server/firebeat
sample=sample-layers/kunming.sqlite
mkdir -p out
echo
echo "== validate: $fb validate $sample"
$fb validate --quiet "$sample"
echo
echo "== hazard heatmap (quartic, 500 m, 20 m pixels, severity weights 1/2/4)"
$fb heatmap --quiet --input "$sample" --output out/hazard_heatmap.tif --radius 500 --pixel-size 20
echo
echo "== coverage gaps by police-station district"
$fb coverage --quiet --input "$sample" --reference-date 2026-11-28 --output out/coverage.gpkg
echo
echo "== village hot spots (Gi* and Local Moran's I, queen weights)"
$fb hotspots --quiet --input "$sample" --output out/village_hotspots.gpkg
echo
echo "== district sizing (allocating 120 officers)"
$fb sizing --quiet --input "$sample" --reference-date 2026-11-28 --headcount 120 --output out/district_sizing.gpkg
echo
echo "== emerging hot spots on the sample with its planted space-time patterns (sample-layers/README.md, 6.)"
$fb sample --quiet --emerging-patterns out/kunming-emerging.gpkg
$fb emerging --quiet --input out/kunming-emerging.gpkg --id-field village_id --reference-date 2026-11-28 \
  --output out/emerging_hotspots.gpkg
echo
echo "Results are in $(pwd)/out: open them in QGIS, or read the README for the plugin."
echo
echo "== serving the map: open the viewer in a browser; Ctrl-C stops the server"
echo "   viewer: http://127.0.0.1:8080/"
echo "   WMS:    http://127.0.0.1:8080/wms?SERVICE=WMS&REQUEST=GetCapabilities"
echo "   tiles:  http://127.0.0.1:8080/tiles/hazard_heatmap/{z}/{x}/{y}.png"
exec $fb serve --input "$sample" --listen 127.0.0.1:8080
