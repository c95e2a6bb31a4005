#!/usr/bin/env bash
# Reproduces the figures of bench/README.md: builds the benchmark programs
# and the aten suite in build_dir, then runs C++ against the Python reference
# (bench/compare_python.py, about 2.5 minutes). With --scale it then runs
# bench/scale_all.sh as well (bench/SCALE.md: many ops, memory, compile time;
# 15-20 minutes, mostly compiling).
#
# Usage: bench/run_all.sh [build_dir] [--scale]   (default build_dir: build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-$root/build}
scale=${2:-}
# setup.sh also makes .venv/ (torch 2.13.0, numpy), whose python runs
# compare_python.py and the Python reference (torch 2.13's make_fx_check).
"$root/scripts/setup.sh"
if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
  "$root/scripts/configure.sh" "$build_dir"
fi
cmake --build "$build_dir" -j2 --target gtest_fx_case_bench \
  gtest_fx_stage_bench gtest_fx_reference_ops gtest_fx_aten
"$root/.venv/bin/python" "$root/bench/compare_python.py" --build "$build_dir"
if [[ "$scale" == "--scale" ]]; then
  "$root/bench/scale_all.sh" "$build_dir"
fi
