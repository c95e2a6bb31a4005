#!/usr/bin/env bash
# Configures a fresh build of gtest_fx in the directory $1 (Ninja, ccache),
# against the LibTorch of scripts/setup.sh (.venv/) or, when
# GTEST_FX_TORCH_PREFIX is set, against that one. Extra arguments go to CMake.
set -euo pipefail
build_dir=$1
shift
root=$(cd "$(dirname "$0")/.." && pwd)
torch_prefix=${GTEST_FX_TORCH_PREFIX:-$("$root/scripts/torch_prefix.sh")}
rm -rf "$build_dir"
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache "-DCMAKE_PREFIX_PATH=$torch_prefix" "$@" \
  | grep -E '^-- (Found Torch|gtest_fx)' || true
test -f "$build_dir/build.ninja"
