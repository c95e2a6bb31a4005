#!/usr/bin/env bash
# Reproduces the figures of bench/SCALE.md but the ctest one
# (bench/ctest_granularity.sh): the start-up and --gtest_list_tests time with
# 10, 1,000 and 10,000 registered ops, resident memory over 1,000 cases run
# once and ten times, and the compile time of ten registrations against ten
# plain TEST()s. Takes 15-20 minutes on 2 cores, most of it compiling (the
# 10,000 registrations once, then the compile-time comparison).
#
# Usage: bench/scale_all.sh [build_dir]   (default: build; configured here if
#                                          it is not a build directory yet)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-$root/build}
if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
  "$root/scripts/configure.sh" "$build_dir"
fi
cmake --build "$build_dir" -j2 --target gtest_fx_many_ops_10 \
  gtest_fx_many_ops_1000 gtest_fx_many_ops_10000 gtest_fx_many_ops_memory
bench=("$root/.venv/bin/python" "$root/bench/scale_bench.py")
echo "== 1. registration, case generation and --gtest_list_tests"
"${bench[@]}" list "$build_dir"
echo "== 2. memory over 1,000 cases"
"${bench[@]}" memory "$build_dir"
echo "== 5. compile time: 10 registrations vs 10 plain TEST()s"
"${bench[@]}" compile "$build_dir"
