#!/usr/bin/env bash
# Configures a fresh build of gtest_fx in the directory $1 (Ninja, ccache).
set -euo pipefail
build_dir=$1
root=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$build_dir"
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache > /dev/null
