#!/usr/bin/env bash
# Configures and builds FireBeat in build/ (warnings are errors for our own code).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DFIREBEAT_WERROR=ON >/dev/null
cmake --build build -j2
