#!/usr/bin/env bash
# Configures and builds FireBeat in build/ (warnings are errors for our own code).
# With ccache installed, compilations are cached (shared by clones and work trees on one machine).
set -euo pipefail
cd "$(dirname "$0")/.."
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(dirname "$PWD")}"
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DFIREBEAT_WERROR=ON "${launcher[@]}" >/dev/null
cmake --build build -j2
