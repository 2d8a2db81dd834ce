#!/bin/bash
# Builds the libFuzzer targets with clang, ASan and UBSan in their own build directory (only the
# core and the server, no plugin, tests or benchmarks) and fuzzes the WMS request handling for a
# bounded time from the seed corpus of real requests (fuzz/corpus/wms_request). New inputs go to
# a scratch corpus in the build directory; a crash leaves its input there (crash-*) and fails.
#
# Usage: fuzz/run.sh [BUILD_DIR] [SECONDS]     (defaults: ./build-fuzz, 60)
# Needs (Debian): clang-16 libclang-rt-16-dev (clang 14 cannot capture structured bindings in
# lambdas, which the core does), and the server's build dependencies.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build-fuzz}
seconds=${2:-60}
clang=clang++-16
command -v "$clang" >/dev/null || { echo "fuzz/run.sh: $clang not found (Debian: clang-16 libclang-rt-16-dev)" >&2; exit 2; }

flags="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined -fsanitize=fuzzer-no-link"
mkdir -p "$build"
build=$(cd "$build" && pwd) # absolute: the fuzzer runs from inside it
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$here/.." -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$clang" \
        -DCMAKE_CXX_FLAGS="$flags" -DFIREBEAT_BUILD_FUZZ=ON -DFIREBEAT_BUILD_PLUGIN=OFF -DFIREBEAT_BUILD_TESTS=OFF \
        -DFIREBEAT_BUILD_BENCH=OFF >"$build/configure.log" 2>&1 || { cat "$build/configure.log" >&2; exit 1; }
fi
cmake --build "$build" -j2 --target wms_request_fuzzer

scratch=$build/corpus/wms_request
mkdir -p "$scratch"
cd "$build" # crash-*, leak-* and timeout-* files land here
# LeakSanitizer off: Qt's and GDAL's process-wide caches would be reported as leaks.
QT_QPA_PLATFORM=offscreen ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
    ./fuzz/wms_request_fuzzer -max_total_time="$seconds" -timeout=60 -max_len=1024 -rss_limit_mb=4096 \
    -print_final_stats=1 "$scratch" "$here/corpus/wms_request"
