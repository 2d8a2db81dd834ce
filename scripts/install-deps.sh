#!/usr/bin/env bash
# Installs the Debian 12 packages FireBeat builds and tests with. Idempotent: when everything
# is present it only checks (a second or two).
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config clang-format
  # the core: GDAL/OGR, GEOS, PROJ, SpatiaLite
  libgdal-dev libproj-dev libgeos-dev libspatialite-dev libsqlite3-mod-spatialite gdal-bin spatialite-bin
  nlohmann-json3-dev python3-gdal
  # the server: Qt 6
  qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev
  # the plugin: QGIS 3.22 on Qt 5, with its translation tools
  libqgis-dev qgis qgis-providers qgis-server python3-qgis qttools5-dev qttools5-dev-tools
  # headless desktop for tests
  xvfb xauth
  # peers the tests compare against: R spdep (hot spots)
  r-base-core r-cran-spdep r-cran-sf
  # real WMS clients for the server tests (GDAL's WMS driver comes with gdal-bin)
  python3-owslib
  # the server's load test (wrk) and its libFuzzer target (clang 16 with its runtime)
  wrk clang-16 libclang-rt-16-dev
  # the server's web viewer (Leaflet, served by firebeat) and the headless browser that tests it,
  # with a Chinese font for its labels
  libjs-leaflet chromium fonts-wqy-microhei
  # the dashboard's charts (Chart.js, served by firebeat) and the PDF check of the HTML report
  libjs-chart.js poppler-utils
  # the PostGIS server the server's tests start on loopback (scripts/postgis-test-server.sh)
  postgresql-15-postgis-3
  # the scale-out test: nginx (started by the test itself, as the test's user, on loopback) in
  # front of two servers, and MapProxy seeding tiles from the WMS
  nginx mapproxy
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
# Debian starts nginx's own service (port 80, every interface) on installation where systemd runs;
# the tests run their own nginx on loopback, so the service is stopped and left disabled.
if printf '%s\n' "${missing[@]}" | grep -qx nginx && command -v systemctl >/dev/null &&
  systemctl is-active --quiet nginx 2>/dev/null; then
  $SUDO systemctl disable --now nginx
fi
