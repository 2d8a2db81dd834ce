#!/bin/bash
# Tile-serving benchmark (bench/README-server.md): `firebeat serve` against MapServer 8
# (KERNELDENSITY layers) and QGIS Server 3.22 (heatmap renderer), both FastCGI behind nginx, on
# the same 100,000 hazards (server_points.py), radius 500 m on the ground, the same colour stops,
# the same fixed list of 256 x 256 PNG tiles (EPSG:3857, zooms 11-15) asked as WMS GetMap, at 1
# and 8 concurrent clients (wrk + server_wrk.lua). Every tile is computed: firebeat runs with its
# cache disabled; then, if it has a cache, once more warm (after one pass over the list).
# Everything listens on 127.0.0.1 only, in a temporary directory, and is stopped at the end.
#
# Usage: bench/server_bench.sh [BUILD_DIR] [SECONDS_PER_RUN]      (defaults: ./build, 20)
# Environment: SERVERS="firebeat mapserver qgis", CLIENTS="1 8", FIRST_CLIENTS=8 (clients of the
#   first pass after start), FCGI_PROCESSES=4 (per peer),
#   WORK=/tmp/firebeat-bench (keeps the points), KEEP=1 (keep the run directory and its tiles).
# Needs (Debian): mapserver-bin cgi-mapserver qgis-server nginx-light spawn-fcgi multiwatch wrk
#   curl python3-gdal python3-qgis.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../build}" && pwd)
seconds=${2:-20}
servers=${SERVERS:-firebeat mapserver qgis}
clients=${CLIENTS:-1 8}
processes=${FCGI_PROCESSES:-4}
firebeat=$build/server/firebeat
python=/usr/bin/python3 # Debian's, with python3-gdal and python3-qgis
work=${WORK:-/tmp/firebeat-bench}
points=$work/server_points_100k.gpkg
case " $servers " in *" firebeat "*) ;; *) firebeat=/usr/bin/wrk ;; esac # not needed
tools=("$firebeat" /usr/bin/wrk /usr/bin/curl)
case " $servers " in *" mapserver "* | *" qgis "*) tools+=(/usr/sbin/nginx /usr/bin/spawn-fcgi /usr/bin/multiwatch) ;; esac
case " $servers " in *" mapserver "*) tools+=(/usr/lib/cgi-bin/mapserv) ;; esac
case " $servers " in *" qgis "*) tools+=(/usr/lib/cgi-bin/qgis_mapserv.fcgi) ;; esac
for tool in "${tools[@]}"; do
    [ -x "$tool" ] || { echo "server_bench: $tool missing (build firebeat; Debian packages above)" >&2; exit 2; }
done
mkdir -p "$work"
[ -f "$points" ] || "$python" "$here/server_points.py" "$points"

run=$(mktemp -d /tmp/firebeat-server-bench.XXXXXX)
pids=()
stop_all() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    [ -n "${KEEP:-}" ] && echo "server_bench: kept $run" || rm -rf "$run"
}
trap stop_all EXIT
free_port() { "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Peers' configuration (mapfile, MapServer config, QGIS project) and the tile list.
latitude=$("$python" "$here/server_setup.py" "$points" "$run")
QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$run HOME=$run \
    "$python" "$here/qgis_server/make_project.py" "$points" "$run/heatmap.qgs" "$latitude" 2>/dev/null

# firebeat: cache off (the key is ignored by a server without a cache) and, for the warm run, on.
echo '{"heatmap": {"radius": 500}, "cache": {"enabled": false}}' >"$run/firebeat-cold.json"
echo '{"heatmap": {"radius": 500}}' >"$run/firebeat-warm.json"
start_firebeat() { # CONFIG -> sets firebeat_url, firebeat_pid
    "$firebeat" serve --input "$points" --listen 127.0.0.1:0 --config "$1" >"$run/firebeat.out" 2>>"$run/firebeat.err" &
    firebeat_pid=$!
    pids+=("$firebeat_pid")
    for _ in $(seq 600); do
        firebeat_url=$(sed -n 's|^listening on \(http://[^/]*\)/wms$|\1|p' "$run/firebeat.out")
        [ -n "$firebeat_url" ] && return
        kill -0 "$firebeat_pid" 2>/dev/null || { cat "$run/firebeat.err" >&2; exit 1; }
        sleep 0.1
    done
    echo "server_bench: firebeat did not start" >&2
    exit 1
}

# The peers: FastCGI processes under multiwatch (restarted when they crash) behind nginx.
nginx_port=$(free_port)
mkdir -p "$run/nginx"
cat >"$run/nginx.conf" <<CONF
$([ "$(id -u)" -eq 0 ] && echo "user root;")
worker_processes 1;
pid $run/nginx/nginx.pid;
error_log $run/nginx/error.log;
events { worker_connections 512; }
http {
    access_log off;
    client_body_temp_path $run/nginx; fastcgi_temp_path $run/nginx; proxy_temp_path $run/nginx;
    uwsgi_temp_path $run/nginx; scgi_temp_path $run/nginx;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$nginx_port;
        location /mapserver { include /etc/nginx/fastcgi_params; fastcgi_read_timeout 300s; fastcgi_pass unix:$run/mapserver.sock; }
        location /qgis { include /etc/nginx/fastcgi_params; fastcgi_read_timeout 300s; fastcgi_pass unix:$run/qgis.sock; }
    }
}
CONF
declare -A fcgi_pid
start_fcgi() { # NAME PROGRAM; INT stops mapserv (it ignores TERM); crashed children are restarted
    spawn-fcgi -s "$run/$1.sock" -M 0600 -n -- /usr/bin/multiwatch -f "$processes" -r 1000000 -s INT -- "$2" \
        >"$run/$1.log" 2>&1 &
    fcgi_pid[$1]=$!
    pids+=("$!")
}
case " $servers " in *" mapserver "* | *" qgis "*)
    MAPSERVER_CONFIG_FILE=$run/mapserver.conf start_fcgi mapserver /usr/lib/cgi-bin/mapserv
    QGIS_PROJECT_FILE=$run/heatmap.qgs QGIS_SERVER_PARALLEL_RENDERING=false QGIS_SERVER_LOG_LEVEL=2 \
        QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=$run HOME=$run start_fcgi qgis /usr/lib/cgi-bin/qgis_mapserv.fcgi
    /usr/sbin/nginx -c "$run/nginx.conf" -p "$run/nginx" -g 'daemon off;' 2>>"$run/nginx/error.log" &
    pids+=("$!")
    ;;
esac

# The same GetMap for every server; only the path prefix differs.
paths() { # PREFIX -> one request path per tile
    while read -r _ _ _ bbox; do
        echo "${1}SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=hazard_heatmap&STYLES=&CRS=EPSG:3857&BBOX=$bbox&WIDTH=256&HEIGHT=256&FORMAT=image/png&TRANSPARENT=TRUE"
    done <"$run/tiles.txt"
}

# One pass over the list, one request at a time: every tile's HTTP status is recorded (where a
# peer fails) and the PNGs are kept for a look; this also loads the peers' processes.
check_pass() { # NAME BASE_URL PATHS
    mkdir -p "$run/tiles/$1"
    paste -d' ' "$run/tiles.txt" "$3" | while read -r z x y _ path; do
        status=$(curl -s -o "$run/tiles/$1/$z-$x-$y.png" -w '%{http_code}' --max-time 300 "$2$path" || true)
        echo "$z $x $y $status"
    done >"$run/$1.status"
    awk -v n="$1" '$4 != 200 { bad++; zooms[$1]++ } END { printf "%s: %d of %d tiles failed", n, bad, NR;
        for (z in zooms) printf " (zoom %s: %d)", z, zooms[z]; print "" }' "$run/$1.status"
}

# CPU time (clock ticks) used so far by a server process and its children, the dead ones
# included: the CPU per tile stays comparable when other jobs load the machine.
first_pass() { # BASE_URL PATHS: the whole list once, FIRST_CLIENTS (8) clients at a time, right
    # after the server reports ready: latencies of the very first requests (no warm-up, cache off)
    "$python" "$here/server_first_pass.py" "$1" "$2" "${FIRST_CLIENTS:-8}"
}

cpu_ticks() { # PID
    local total=0 pid
    for pid in "$1" $(pgrep -P "$1"); do
        total=$((total + $(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
    done
    echo "$total"
}

load() { # NAME PHASE BASE_URL PATHS SERVER_PID
    local c t before result
    for c in $clients; do
        t=$((c < 2 ? 1 : 2)) # wrk threads: the machine has two cores, shared with the servers
        before=$(cpu_ticks "$5")
        result=$(wrk -t"$t" -c"$c" -d"${seconds}s" --timeout 120s -s "$here/server_wrk.lua" "$3" -- "$4" "$t" | tail -1)
        echo "$1 $2 $c $(($(cpu_ticks "$5") - before)) $(getconf CLK_TCK) $result" | tee -a "$run/results.txt"
    done
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
     "load $(cut -d' ' -f1-3 /proc/loadavg) at start; $(wc -l <"$run/tiles.txt") tiles, ${seconds} s per run"
: >"$run/results.txt"
for server in $servers; do
    case $server in
    firebeat)
        start_firebeat "$run/firebeat-cold.json"
        paths /wms? >"$run/firebeat.paths"
        first_pass "$firebeat_url" "$run/firebeat.paths"
        check_pass firebeat "$firebeat_url" "$run/firebeat.paths"
        load firebeat cold "$firebeat_url" "$run/firebeat.paths" "$firebeat_pid"
        kill "$firebeat_pid"
        start_firebeat "$run/firebeat-warm.json"
        check_pass firebeat-warm "$firebeat_url" "$run/firebeat.paths" >/dev/null
        load firebeat warm "$firebeat_url" "$run/firebeat.paths" "$firebeat_pid"
        kill "$firebeat_pid"
        ;;
    mapserver | qgis)
        prefix=$([ "$server" = mapserver ] && echo "/mapserver?map=heatmap&" || echo "/qgis?")
        paths "$prefix" >"$run/$server.paths"
        check_pass "$server" "http://127.0.0.1:$nginx_port" "$run/$server.paths"
        load "$server" cold "http://127.0.0.1:$nginx_port" "$run/$server.paths" "${fcgi_pid[$server]}"
        ;;
    esac
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg) at the end"
"$python" "$here/server_table.py" "$run/results.txt"
