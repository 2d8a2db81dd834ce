#!/bin/bash
# Scale-out benchmark (docs/deployment.md, "Measured throughput"): two `firebeat serve` processes
# on one PostGIS database (scripts/postgis-test-server.sh, the sample layers) behind nginx, as
# docs/deployment.md describes it, and the requests per second `wrk` gets for one fixed list of
# XYZ heatmap tiles (zooms 12-14 over the sample city):
#   direct        one firebeat process, its own reply cache warm (every tile asked once before)
#   nginx proxy   nginx balancing over both processes, no nginx cache (both processes warm)
#   nginx cache   nginx's proxy_cache warm (every tile a HIT; the processes are not asked)
# Everything listens on 127.0.0.1 only, in a temporary directory, and is stopped at the end.
#
# Usage: bench/scaleout_bench.sh [BUILD_DIR] [SECONDS_PER_RUN]      (defaults: ./build, 10)
# Environment: CLIENTS=8 (wrk connections), THREADS=2 (wrk threads), KEEP=1 (keep the run dir),
#   FIREBEAT_TEST_PG (an existing PostGIS test server; else one is started and stopped here).
# Needs (Debian): nginx wrk curl postgresql-15-postgis-3 (scripts/install-deps.sh).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
seconds=${2:-10}
clients=${CLIENTS:-8}
threads=${THREADS:-2}
firebeat=$build/server/firebeat
for tool in "$firebeat" /usr/sbin/nginx /usr/bin/wrk /usr/bin/curl; do
    [ -x "$tool" ] || { echo "scaleout_bench: $tool missing (build firebeat; scripts/install-deps.sh)" >&2; exit 2; }
done

run=$(mktemp -d /tmp/firebeat-scaleout-bench.XXXXXX)
pids=()
own_pg=""
stop_all() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    [ -n "$own_pg" ] && "$root/scripts/postgis-test-server.sh" stop >/dev/null 2>&1
    [ -n "${KEEP:-}" ] && echo "scaleout_bench: kept $run" || rm -rf "$run"
}
trap stop_all EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

if [ -z "${FIREBEAT_TEST_PG:-}" ]; then
    eval "$("$root/scripts/postgis-test-server.sh" start)"
    own_pg=1
fi

# Two processes, started alike (so their ETags agree), each on its own port.
cat >"$run/firebeat.json" <<CONF
{"input": "$FIREBEAT_TEST_PG", "cache": {"max_age_seconds": 3600}, "heatmap": {"radius": 500}}
CONF
urls=()
for name in a b; do
    "$firebeat" serve --config "$run/firebeat.json" --listen 127.0.0.1:0 >"$run/$name.out" 2>"$run/$name.err" &
    pids+=("$!")
    url=""
    for _ in $(seq 600); do
        url=$(sed -n 's|^listening on \(http://[^/]*\)/wms$|\1|p' "$run/$name.out" 2>/dev/null || true)
        [ -n "$url" ] && break
        sleep 0.1
    done
    [ -n "$url" ] || { cat "$run/$name.err" >&2; exit 1; }
    urls+=("$url")
done

# nginx: one port with the cache, one without (the same upstreams).
cached_port=$(free_port)
proxy_port=$(free_port)
mkdir -p "$run/nginx"
cat >"$run/nginx.conf" <<CONF
$([ "$(id -u)" -eq 0 ] && echo "user root root;")
worker_processes 2;
daemon off;
pid $run/nginx/nginx.pid;
error_log $run/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $run/nginx/body; proxy_temp_path $run/nginx/proxy;
    fastcgi_temp_path $run/nginx/fastcgi; uwsgi_temp_path $run/nginx/uwsgi; scgi_temp_path $run/nginx/scgi;
    keepalive_requests 1000000;
    proxy_cache_path $run/nginx/cache keys_zone=firebeat:50m max_size=1g inactive=1d;
    upstream firebeat { server ${urls[0]#http://}; server ${urls[1]#http://}; keepalive 16; }
    server {
        listen 127.0.0.1:$cached_port;
        location / {
            proxy_pass http://firebeat; proxy_http_version 1.1; proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_cache firebeat; proxy_cache_revalidate on; proxy_cache_lock on;
            add_header X-Cache \$upstream_cache_status;
        }
    }
    server {
        listen 127.0.0.1:$proxy_port;
        location / {
            proxy_pass http://firebeat; proxy_http_version 1.1; proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
        }
    }
}
CONF
/usr/sbin/nginx -p "$run/nginx" -e "$run/nginx/error.log" -c "$run/nginx.conf" &
pids+=("$!")
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$cached_port/status" && break; sleep 0.1; done

# The tiles over the sample city (102.60-102.90 E, 24.90-25.15 N), zooms 12-14.
python3 - >"$run/paths.txt" <<'PY'
import math
def tile(lon, lat, z):
    n = 2 ** z
    return int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
for z in (12, 13, 14):
    x0, y0 = tile(102.60, 25.15, z)
    x1, y1 = tile(102.90, 24.90, z)
    for x in range(x0, x1 + 1):
        for y in range(y0, y1 + 1):
            print(f"/tiles/hazard_heatmap/{z}/{x}/{y}.png")
PY
tiles=$(wc -l <"$run/paths.txt")

warm() { # BASE_URL: every tile once; prints how many were not 200
    sed "s|^|$1|" "$run/paths.txt" | xargs -P 4 -n 1 curl -s -o /dev/null -w '%{http_code}\n' | grep -vc '^200$' || true
}
load() { # NAME BASE_URL
    local json
    json=$(wrk -t "$threads" -c "$clients" -d "${seconds}s" -s "$here/server_wrk.lua" "$2" -- "$run/paths.txt" "$threads" |
        grep '^{')
    echo "$1 $json"
}

echo "scaleout_bench: $tiles tiles, wrk -t$threads -c$clients -d${seconds}s, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "warm-up: direct a $(warm "${urls[0]}") not 200, b $(warm "${urls[1]}") not 200, nginx cache $(warm "http://127.0.0.1:$cached_port") not 200"
hits=$(curl -s -o /dev/null -D - "http://127.0.0.1:$cached_port$(head -n 1 "$run/paths.txt")" | tr -d '\r' | sed -n 's/^X-Cache: //p')
echo "nginx cache status of a warmed tile: $hits"
load "direct     " "${urls[0]}"
load "nginx-proxy" "http://127.0.0.1:$proxy_port"
load "nginx-cache" "http://127.0.0.1:$cached_port"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
